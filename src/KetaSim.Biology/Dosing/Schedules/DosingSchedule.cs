namespace KetaSim.Biology.Dosing.Schedules;

/// <summary>
/// A readable dosing-schedule language (see docs/schedules.md), parsed into sorted dose times in hours.
/// <code>
/// schedule  := phase ( separator phase )*
/// separator := ("," | ";") ["then" | "and then" | "followed by"] | "then" | "and then" | "followed by"
/// phase     := "once"                                   one dose at the phase start
///            | frequency length                         periodic
///            | "at" time ("," | "and") time ...        explicit times after the phase start
///            | "on" ("day" | "days") n ("," | "and") n ...   day 1 = the phase start
///            | ("pause" | "off" | "break" | "rest" | "wait") ["for"] n unit   no doses
/// frequency := count ("daily" | "a day" | "per day")    every 24/count h
///            | count ("weekly" | "a week" | "per week") count 1-3, see the weekly convention below
///            | "daily" | "weekly" | "hourly"
///            | "every" [n | "other"] unit              e.g. "every 8 hours", "every other day"
/// count     := "once" | "twice" | "thrice" | n "times"
/// length    := "for" n unit | "for" n "doses" | ("x" | "×") n ["doses"]
/// time      := number [unit]        a bare number takes the unit of the next number that has one
/// unit      := min | minute(s) | h | hr(s) | hour(s) | d | day(s) | w | wk(s) | week(s)
/// n         := a number (1, 2.5) or one .. twelve
/// </code>
/// Conventions: case and extra spaces do not matter. Weekly patterns restart every 7 days: once weekly =
/// day 0; twice weekly = days 0 and 3 (the esketamine label's days 1 and 4); three times weekly = days
/// 0, 2 and 4 (Mon/Wed/Fri). "for D" keeps the doses that fall before D and ends the phase at D;
/// "x N" gives N doses and ends the phase when the next one would have been due. Each phase begins where
/// the previous one ended; after a point phase ("once", "at", "on days"), which ends at its last dose, a
/// periodic phase waits one of its own gaps first, so "once, then weekly x 2" = 0, 168, 336 h. A dose
/// time given twice is an error.
/// </summary>
public static class DosingSchedule
{
    /// <summary>Safety cap against "every 1 min for 50 weeks"-style slips.</summary>
    public const int MaxDoses = 100_000;

    /// <summary>Dose times in hours, sorted, offset by <paramref name="startHours"/>.</summary>
    /// <exception cref="ScheduleParseException">The text does not follow the grammar; carries the position.</exception>
    public static IReadOnlyList<double> Parse(string text, double startHours = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!double.IsFinite(startHours)) throw new ArgumentOutOfRangeException(nameof(startHours), startHours, "must be finite");
        return new ScheduleParser(text).Parse(startHours);
    }

    /// <summary>One copy of <paramref name="template"/> per scheduled time (TimeHours replaced; ADDL/II kept as given).</summary>
    public static IReadOnlyList<DoseRecord> ToRecords(DoseRecord template, string text, double startHours = 0)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Parse(text, startHours).Select(t => template with { TimeHours = t }).ToArray();
    }
}
