using System.Globalization;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;

namespace KetaSim.Population.Trials;

/// <summary>Who enters a phase, judged on each subject's rated scores at the end of the previous phase.</summary>
public enum PhaseEntryKind
{
    /// <summary>Every subject still in the trial.</summary>
    All,
    /// <summary>Response (rating fell by at least the response fraction of the trial baseline) at the last visit of the previous phase.</summary>
    Responders,
    /// <summary>Remission (rating at or below the previous phase's remission threshold) at its last visit.</summary>
    Remitters,
    /// <summary>Remission at each of the last <see cref="PhaseEntry.StableVisits"/> visits of the previous phase.</summary>
    StableRemitters,
}

/// <summary>A phase's entry criterion.</summary>
public sealed record PhaseEntry(PhaseEntryKind Kind, int StableVisits = 1)
{
    public static PhaseEntry All { get; } = new(PhaseEntryKind.All);

    public override string ToString() => Kind switch
    {
        PhaseEntryKind.All => "all",
        PhaseEntryKind.Responders => "responders",
        PhaseEntryKind.Remitters => "remitters",
        _ => $"stable remitters over {StableVisits} visit(s)",
    };
}

/// <summary>What a phase gives (to every arm, or to one arm): doses and inert sessions at absolute times, an optional
/// dosing rule evaluated at sessions, and an optional placebo context.</summary>
public sealed record PhaseRegimen
{
    /// <summary>Doses, absolute times (h after t = 0) inside the phase.</summary>
    public IReadOnlyList<DoseRecord> Doses { get; init; } = [];

    /// <summary>Inert sessions (placebo spray, saline infusion), absolute times: care contacts of kind session.</summary>
    public IReadOnlyList<double> SessionTimesHours { get; init; } = [];

    /// <summary>Sessions decided at each session from the patient's state; null = none.</summary>
    public DosingRule? Rule { get; init; }

    /// <summary>The placebo context while this regimen runs; null = the phase's (or the arm's, or the trial's).</summary>
    public PlaceboKind? Placebo { get; init; }

    public static PhaseRegimen Empty { get; } = new();

    public bool IsEmpty => Doses.Count == 0 && SessionTimesHours.Count == 0 && Rule is null && Placebo is null;
}

/// <summary>
/// One phase of a phased trial (induction, optimisation, maintenance, follow-up): (<see cref="StartHours"/>,
/// <see cref="EndHours"/>], an entry criterion, the regimen of every arm and of single arms, the placebo context and
/// remission threshold while it runs, and optional randomisation to the trial's arms at its entry. A visit at the
/// boundary belongs to the phase that ends there.
/// </summary>
public sealed record TrialPhase(string Name, double StartHours, double EndHours)
{
    public PhaseEntry Entry { get; init; } = PhaseEntry.All;

    /// <summary>The placebo context in this phase; null = the arm's (or trial's).</summary>
    public PlaceboKind? Placebo { get; init; }

    /// <summary>Remission threshold at the visits of this phase (and for entry into the next); null = the trial's.</summary>
    public double? RemissionThreshold { get; init; }

    /// <summary>Subjects who enter this phase are randomised to the arms here; before it every arm's regimen is the same.</summary>
    public bool Randomise { get; init; }

    /// <summary>What every arm gets in this phase.</summary>
    public PhaseRegimen Regimen { get; init; } = PhaseRegimen.Empty;

    /// <summary>What single arms get on top, by arm name.</summary>
    public IReadOnlyDictionary<string, PhaseRegimen> ArmRegimens { get; init; } = new Dictionary<string, PhaseRegimen>(StringComparer.Ordinal);

    /// <summary>Line of the phase in its file (for messages found at run time); 0 when unknown.</summary>
    public int SourceLine { get; init; }

    public double DurationHours => EndHours - StartHours;
}

/// <summary>A variable a dosing rule reads at a session.</summary>
public enum RuleVariable
{
    /// <summary>The model's MADRS at the session, before its dose.</summary>
    Madrs,
    /// <summary>Fraction by which MADRS has fallen from the trial baseline (0.5 = a response).</summary>
    Improvement,
    /// <summary>The subject's age, years.</summary>
    Age,
    /// <summary>Sessions of this rule given so far in the course (the phase, or the current re-treatment course).</summary>
    Sessions,
}

/// <summary>A condition of a dosing rule: <c>VARIABLE OP NUMBER</c>, e.g. <c>madrs &gt; 12</c>, <c>improvement &lt; 0.5</c>, <c>age &gt;= 65</c>.</summary>
public sealed record RuleCondition(RuleVariable Variable, string Operator, double Value)
{
    public static readonly string[] VariableNames = ["madrs", "improvement", "age", "sessions"];
    public static readonly string[] Operators = ["<=", ">=", "<", ">", "=="];

    public bool Holds(in RuleInputs x)
    {
        double v = Variable switch
        {
            RuleVariable.Madrs => x.Madrs,
            RuleVariable.Improvement => x.Improvement,
            RuleVariable.Age => x.AgeYears,
            _ => x.Sessions,
        };
        return Operator switch
        {
            "<=" => v <= Value,
            ">=" => v >= Value,
            "<" => v < Value,
            ">" => v > Value,
            _ => v == Value,
        };
    }

    /// <summary>Parses <c>VARIABLE OP NUMBER</c>; null with <paramref name="problem"/> set when it does not.</summary>
    public static RuleCondition? TryParse(string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = "";
        var t = text.Trim();
        foreach (var op in Operators)
        {
            int at = t.IndexOf(op, StringComparison.Ordinal);
            if (at < 0) continue;
            var name = t[..at].Trim().ToLowerInvariant();
            var number = t[(at + op.Length)..].Trim();
            int vi = Array.IndexOf(VariableNames, name);
            if (vi < 0) { problem = $"unknown rule variable '{name}'"; return null; }
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                problem = $"'{number}' is not a number";
                return null;
            }
            return new RuleCondition((RuleVariable)vi, op, value);
        }
        problem = "no comparison (<, <=, >, >=, ==)";
        return null;
    }

    public override string ToString() => $"{VariableNames[(int)Variable]} {Operator} {Value.ToString("G", CultureInfo.InvariantCulture)}";
}

/// <summary>What a dosing rule reads at a session (or, for re-treatment, at a visit).</summary>
public readonly record struct RuleInputs(double Madrs, double Improvement, double AgeYears, int Sessions);

/// <summary>An interval to the next session, chosen when <see cref="When"/> holds (null = always; the last choice).</summary>
public sealed record RuleInterval(RuleCondition? When, double IntervalHours);

/// <summary>A start dose level chosen when <see cref="When"/> holds.</summary>
public sealed record RuleStart(RuleCondition When, int Level);

/// <summary>
/// Dosing decided at sessions, deterministically from the subject's state: the first session at the phase start (plus
/// <see cref="FirstSessionOffsetHours"/>); at each session the dose level (start level, or one step up when
/// <see cref="StepUpWhen"/> holds) and the interval to the next session (the first <see cref="Every"/> entry whose
/// condition holds) are chosen from the model's MADRS then; sessions stop at the phase end or after
/// <see cref="MaxSessions"/>. The esketamine label: levels 28/56/84 mg, start 56 mg (28 mg from age 65), step up when
/// not responding; maintenance weekly while MADRS &gt; 12, every other week once MADRS ≤ 12.
/// </summary>
public sealed record DosingRule(DoseRecord Template, IReadOnlyList<DoseAmount> Levels)
{
    /// <summary>Level (index in <see cref="Levels"/>) of the first session; null = the subject's level at the end of the previous phase (continue), or level 0 if it had none.</summary>
    public int? StartLevel { get; init; }

    /// <summary>Start levels by condition, first match wins (e.g. age ≥ 65 → 28 mg); checked before <see cref="StartLevel"/>.</summary>
    public IReadOnlyList<RuleStart> StartWhen { get; init; } = [];

    /// <summary>At a session after the first of the rule, step one level up (to the top at most) when this holds; null = fixed level.</summary>
    public RuleCondition? StepUpWhen { get; init; }

    /// <summary>Intervals to the next session, first match wins; the last has no condition.</summary>
    public IReadOnlyList<RuleInterval> Every { get; init; } = [];

    /// <summary>At most this many sessions in a course (the phase, or one re-treatment course); null = no cap.</summary>
    public int? MaxSessions { get; init; }

    /// <summary>
    /// Checked at every session before its dose: when it holds (e.g. <c>madrs &lt;= 10</c>, stop at remission) no dose is
    /// given and the course ends; null = never stop early.
    /// </summary>
    public RuleCondition? StopWhen { get; init; }

    /// <summary>
    /// After a course has ended (stopped by <see cref="StopWhen"/> or by <see cref="MaxSessions"/>), checked at every
    /// trial visit inside the phase: when it holds (e.g. <c>madrs &gt;= 22</c>, relapse), a new course starts at that
    /// visit, at the level of the last dose given, with its <see cref="Sessions"/> counter from 0; null = no re-treatment.
    /// </summary>
    public RuleCondition? RetreatWhen { get; init; }

    /// <summary>
    /// Re-treatment is for relapse: only a subject whose MADRS had fallen by at least the trial's response fraction at the
    /// end of the course (one interval after its last session, or when <see cref="StopWhen"/> held) is re-treated; false
    /// re-treats anyone for whom <see cref="RetreatWhen"/> holds.
    /// </summary>
    public bool RetreatRespondersOnly { get; init; } = true;

    /// <summary>At most this many re-treatment courses in the phase; null = no cap.</summary>
    public int? MaxRetreatments { get; init; }

    public double FirstSessionOffsetHours { get; init; }

    /// <summary>The interval to the next session for these inputs.</summary>
    public double IntervalFor(in RuleInputs x)
    {
        foreach (var e in Every)
            if (e.When is null || e.When.Holds(x)) return e.IntervalHours;
        return Every[^1].IntervalHours;
    }

    /// <summary>The level of the rule's first session in a phase (<paramref name="previousLevel"/> −1 when none).</summary>
    public int FirstLevel(in RuleInputs x, int previousLevel)
    {
        foreach (var s in StartWhen)
            if (s.When.Holds(x)) return s.Level;
        if (StartLevel is { } l) return l;
        return previousLevel >= 0 ? Math.Min(previousLevel, Levels.Count - 1) : 0;
    }

    /// <summary>The level at a later session.</summary>
    public int NextLevel(in RuleInputs x, int level) =>
        StepUpWhen is { } c && c.Holds(x) ? Math.Min(level + 1, Levels.Count - 1) : level;
}
