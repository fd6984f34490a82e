using System.Globalization;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Design.Sweeps;

/// <summary>
/// <c>--vary schedule:DRUG=S1|S2</c>: DRUG's doses replaced by one dose per time of the schedule (docs/schedules.md),
/// each like DRUG's first dose (amount, route, infusion duration), starting at that dose's time. Every time must lie
/// within the scenario's duration.
/// </summary>
internal static class DoseSchedules
{
    public static Scenario Apply(string file, Scenario s, string drug, string value, string text)
    {
        var positions = Variations.DosesOf(file, s, drug, text);
        var first = s.Doses[positions.Min()];
        if (first.Continued)
            throw Variations.Error(file, text, $"{drug} is a continued medication", "a schedule for a drug that starts in the scenario");
        IReadOnlyList<Biology.Dosing.DoseRecord> records;
        try
        {
            records = DosingSchedule.ToRecords(first with { AdditionalDoses = 0, IntervalHours = 0 }, value, first.TimeHours);
        }
        catch (ScheduleParseException e)
        {
            throw Variations.Error(file, text, $"schedule '{value}': expected {e.Expected} at column {e.Position + 1}, found {e.Found}",
                "a schedule phrase (docs/schedules.md), e.g. 'once', 'twice weekly for 4 weeks, then weekly for 4 weeks'");
        }
        var last = records.Max(r => r.TimeHours + (r.DurationHours ?? 0));
        if (last > s.DurationHours * (1 + 1e-12))
            throw Variations.Error(file, text,
                $"schedule '{value}' gives a dose at {F(last)} h, after the scenario ends ({F(s.DurationHours)} h)",
                "a schedule that ends within the scenario's duration, or a longer duration in the scenario file");
        var checkedRecords = records.Select(r => Variations.CheckDose(file, text, r, s.Subject.WeightKg));
        var doses = s.Doses.Where((_, i) => !positions.Contains(i)).Concat(checkedRecords).OrderBy(d => d.TimeHours).ToArray();
        return s with { Doses = doses };
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
