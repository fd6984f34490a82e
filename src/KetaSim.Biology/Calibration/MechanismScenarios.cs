using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Calibration;

/// <summary>Built-in scenarios of the MECH and CLIN targets (circuit, plasticity, symptoms).</summary>
public static class MechanismScenarios
{
    private const double Minute = 1.0 / 60.0;

    /// <summary>A chronically stressed mouse (severity 1), no expectancy.</summary>
    public static MechanismSettings StressedMouse(string hypothesis = Hypotheses.Default, IReadOnlyList<Knockout>? knockouts = null) => new()
    {
        Hypothesis = hypothesis,
        Knockouts = knockouts ?? [],
        Patient = PatientState.TypicalTrd with { Placebo = PlaceboKind.None },
    };

    public static DoseRecord MouseKetamineIp10 { get; } = new() { Compound = "ketamine", Route = Route.Intraperitoneal, Amount = DoseAmount.MgPerKg(10) };

    /// <summary>MECH-1/2/5: stressed mouse, ketamine 10 mg/kg i.p., first 24 h at 30-s resolution.</summary>
    public static Scenario MouseKetamineAcute(string hypothesis = Hypotheses.Default, IReadOnlyList<Knockout>? knockouts = null, string suffix = "") => new()
    {
        Name = $"mech-mouse-ketamine-acute-{hypothesis}{suffix}",
        Description = "Stressed mouse, ketamine 10 mg/kg i.p.: circuit and behaviour, first 24 h (MECH-1, MECH-2, MECH-5)",
        Subject = Subject.TypicalMouse,
        Doses = [MouseKetamineIp10],
        DurationHours = 24,
        OutputStepHours = 0.5 * Minute,
        Mechanism = StressedMouse(hypothesis, knockouts),
    };

    /// <summary>MECH-4/5: stressed mouse, single ketamine dose, spines over 28 days.</summary>
    public static Scenario MouseKetamineLong(string hypothesis = Hypotheses.Default, IReadOnlyList<Knockout>? knockouts = null, string suffix = "") => new()
    {
        Name = $"mech-mouse-ketamine-28d-{hypothesis}{suffix}",
        Description = "Stressed mouse, ketamine 10 mg/kg i.p.: spine density over 28 days (MECH-4)",
        Subject = Subject.TypicalMouse,
        Doses = [MouseKetamineIp10],
        DurationHours = 28 * 24,
        OutputStepHours = 0.25,
        Mechanism = StressedMouse(hypothesis, knockouts),
    };

    /// <summary>
    /// Rapamycin pre-dose for MECH-7. Li 2010 gave rapamycin into the brain (i.c.v.) and verified that mTOR
    /// signalling was abolished; the library has no central route, so a high i.p. dose stands in (the
    /// generic 20 mg/kg rodent ceiling of the dose limits), giving ≈ 80% brain mTORC1 occupancy over the
    /// hours of ketamine-driven synthesis with the library's rapamycin PK. 10 mg/kg i.p. gives only ≈ 68%,
    /// consistent with systemic rapamycin failing to block ketamine's effect in mice (Autry 2011).
    /// </summary>
    public const double RapamycinMgPerKg = 20;

    /// <summary>MECH-7: stressed mouse, rapamycin i.p. at t = 0 (or none), ketamine 10 mg/kg i.p. 1 h later; 26 h.</summary>
    public static Scenario MouseRapamycinThenKetamine(bool withRapamycin)
    {
        var ketamine = MouseKetamineIp10 with { TimeHours = 1.0 };
        return new()
        {
            Name = withRapamycin ? "mech-mouse-rapamycin-ketamine" : "mech-mouse-vehicle-ketamine",
            Description = $"Stressed mouse, {(withRapamycin ? $"rapamycin {RapamycinMgPerKg:G} mg/kg" : "vehicle")} i.p., ketamine 10 mg/kg i.p. 1 h later (MECH-7)",
            Subject = Subject.TypicalMouse,
            Doses = withRapamycin
                ? [new DoseRecord { Compound = "rapamycin", Route = Route.Intraperitoneal, Amount = DoseAmount.MgPerKg(RapamycinMgPerKg) }, ketamine]
                : [ketamine],
            DurationHours = 26,
            OutputStepHours = 2 * Minute,
            Mechanism = StressedMouse(),
        };
    }

    /// <summary>The MOR knockout of MECH-2.</summary>
    public static IReadOnlyList<Knockout> MorFromSst { get; } = [new Knockout(MechanismNames.Targets.Mor, Cells.Sst)];

    public static readonly MechanismSettings TrdActivePlacebo = new() { Patient = PatientState.TypicalTrd with { BaselineMadrs = 32, Placebo = PlaceboKind.ActivePlacebo } };
    public static readonly MechanismSettings TrdNewOralAd = new() { Patient = PatientState.TypicalTrd with { BaselineMadrs = 33, Placebo = PlaceboKind.NewOralAntidepressant } };

    /// <summary>CLIN-1/CLIN-4 ketamine arm: TRD, 0.5 mg/kg IV over 40 min, blinded against an active placebo, 14 days.</summary>
    public static Scenario KetamineTrd { get; } = new()
    {
        Name = "clin-ketamine-0.5mgkg-trd",
        Description = "TRD, ketamine 0.5 mg/kg IV over 40 min, baseline MADRS 32, active-placebo-controlled (CLIN-1, CLIN-4)",
        Subject = Subject.TypicalAdult,
        Doses = [new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40 * Minute }],
        DurationHours = 14 * 24,
        OutputStepHours = 5 * Minute,
        Mechanism = TrdActivePlacebo,
    };

    /// <summary>CLIN-1 midazolam arm: 0.045 mg/kg IV over 40 min, the active placebo.</summary>
    public static Scenario MidazolamTrd { get; } = KetamineTrd with
    {
        Name = "clin-midazolam-0.045mgkg-trd",
        Description = "TRD, midazolam 0.045 mg/kg IV over 40 min (active placebo), baseline MADRS 32 (CLIN-1)",
        Doses = [new DoseRecord { Compound = "midazolam", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.045), DurationHours = 40 * Minute }],
        DurationHours = 3 * 24,
    };

    /// <summary>The newly started oral antidepressant of the esketamine programme (both arms): escitalopram 10 mg daily.</summary>
    public static DoseRecord OralAntidepressant { get; } = new() { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 9 };

    /// <summary>
    /// CLIN-5/6/7: esketamine nasal (28, 56 or 84 mg; 0 = placebo spray) on days 1 and 4 (t = 0 and 72 h)
    /// with a newly started oral antidepressant, baseline MADRS 33, followed to day 8 (t = 168 h).
    /// </summary>
    public static Scenario EsketamineTrd(double sessionMg)
    {
        var doses = new List<DoseRecord> { OralAntidepressant };
        if (sessionMg > 0)
            doses.Add(new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(sessionMg), IntervalHours = 72, AdditionalDoses = 1 });
        return new()
        {
            Name = sessionMg > 0 ? $"clin-esketamine-{sessionMg:G}mg-days1-4" : "clin-esketamine-placebo-days1-4",
            Description = $"TRD on a newly started oral antidepressant, {(sessionMg > 0 ? $"esketamine {sessionMg:G} mg" : "placebo")} nasal on days 1 and 4 (CLIN-5/6/7)",
            Subject = Subject.TypicalAdult,
            Doses = doses,
            DurationHours = 8 * 24,
            OutputStepHours = 5 * Minute,
            Mechanism = TrdNewOralAd,
        };
    }
}
