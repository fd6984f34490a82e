using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Calibration;

/// <summary>The built-in scenarios of the SAFE targets: the PK scenarios with the mechanism (and so the safety layer) on.</summary>
public static class SafetyScenarios
{
    private const double Minute = 1.0 / 60.0;

    /// <summary>End of the 0.5 mg/kg / 40-min infusion, h.</summary>
    public const double IvInfusionEndHours = 40 * Minute;

    /// <summary>SAFE-1, SAFE-2, SAFE-4: racemic ketamine 0.5 mg/kg IV over 40 min, typical patient, 1-min grid, 8 h.</summary>
    public static Scenario KetamineIv05 { get; } = BuiltInScenarios.KetamineIv05 with
    {
        Name = "safety-ketamine-iv-0.5mgkg-40min",
        Description = "Racemic ketamine 0.5 mg/kg IV over 40 min, typical patient, mechanism on (SAFE-1, SAFE-2, SAFE-4)",
        DurationHours = 8,
        OutputStepHours = Minute,
        Mechanism = new MechanismSettings(),
    };

    /// <summary>SAFE-3: esketamine nasal 56 or 84 mg, typical patient, 1-min grid, 12 h.</summary>
    public static Scenario EsketamineNasal(double sessionMg) => BuiltInScenarios.EsketamineNasal(sessionMg) with
    {
        Name = $"safety-esketamine-nasal-{sessionMg:G}mg",
        Description = $"Esketamine {sessionMg:G} mg nasal, typical patient, mechanism on (SAFE-3)",
        DurationHours = 12,
        OutputStepHours = Minute,
        Mechanism = new MechanismSettings(),
    };

    /// <summary>SAFE-5, SAFE-7: one esketamine session (the first: no tolerance yet) for each cohort subject, 4 h on a 2-min grid.</summary>
    public static Scenario EsketamineCohortSession(double sessionMg) => BuiltInScenarios.EsketamineNasal(sessionMg) with
    {
        Name = $"safety-cohort-esketamine-{sessionMg:G}mg",
        Description = $"Esketamine {sessionMg:G} mg nasal, first session, for the safety cohort (SAFE-5, SAFE-7)",
        DurationHours = 4,
        OutputStepHours = 2 * Minute,
        Mechanism = new MechanismSettings(),
    };

    /// <summary>Session days (0-based) of the label induction phase: twice weekly for 4 weeks (days 1, 4, 8, 11, ... in label counting).</summary>
    public static IReadOnlyList<int> TwiceWeeklySessionDays { get; } = [0, 3, 7, 10, 14, 17, 21, 24];

    /// <summary>SAFE-6: esketamine 56 mg twice weekly for 4 weeks (8 sessions), 4 h after the last, 5-min grid.</summary>
    public static Scenario EsketamineTwiceWeekly56 { get; } = new()
    {
        Name = "safety-esketamine-56mg-twice-weekly-4wk",
        Description = "Esketamine 56 mg nasal twice weekly for 4 weeks (label induction, fixed 56 mg) (SAFE-6)",
        Subject = Subject.TypicalAdult,
        Doses = [.. TwiceWeeklySessionDays.Select(d => new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56), TimeHours = d * 24.0 })],
        DurationHours = TwiceWeeklySessionDays[^1] * 24.0 + 4,
        OutputStepHours = 5 * Minute,
        Mechanism = new MechanismSettings(),
    };
}
