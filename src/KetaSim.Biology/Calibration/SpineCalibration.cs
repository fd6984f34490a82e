using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Plasticity;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;
using static KetaSim.Biology.Calibration.TrajectoryMetrics;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// MECH-9 and MECH-10: spines as imaging sees them. MECH-9: in untreated adult cortex the stable pool turns over
/// slowly (≥ 90% of the spines present on day 0 still there on day 30; 3-5% per two weeks), and new spines are
/// transient unless stabilised. MECH-10: new spines after one dose are largely lost within days; doses repeated inside
/// the consolidation window keep a larger share of them (the mGluR5-removal signal builds up and consolidates them).
/// </summary>
public sealed class SpineCalibration : ICalibrationSet
{
    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        bands.Add(new CalibrationEvaluator("MECH-9/StablePool30d", c => StableSurvival(c.Run, 30)));
        shapes.Add(new ShapeEvaluator("MECH-9/NewSpines", c => NewSpinesTransient(c.Run)));
        shapes.Add(new ShapeEvaluator("MECH-10", c => RepeatedVersusSingle(c.Run)));
    }

    /// <summary>Untreated typical TRD adult, mechanism on, no drug: 60 days.</summary>
    public static Scenario UntreatedHuman { get; } = new()
    {
        Name = "mech-9-untreated-human",
        Description = "Typical TRD adult, untreated (MECH-9): the stable spine pool followed as an imaging cohort",
        Doses = [],
        DurationHours = 60 * 24,
        OutputStepHours = 24,
        Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd },
    };

    /// <summary>Share of the stable spines present on day 0 still present on day <paramref name="days"/>.</summary>
    public static double StableSurvival(Func<Scenario, SimulationResult> run, double days)
    {
        var r = run(UntreatedHuman);
        return At(r.TimesHours, r.Observable(PlasticityModule.StableSurvivalObservable), days * 24);
    }

    /// <summary>One ketamine infusion in the typical TRD adult, followed for 30 days.</summary>
    public static Scenario SingleInfusion30d { get; } = MechanismScenarios.KetamineTrd with
    {
        Name = "mech-9-ketamine-single-30d",
        Description = "Typical TRD adult, ketamine 0.5 mg/kg IV once, new spines over 30 days (MECH-9)",
        DurationHours = 30 * 24,
        OutputStepHours = 1,
    };

    /// <summary>MECH-9 (new spines): after one dose, most new spines are gone within two weeks and few were stabilised.</summary>
    public static ShapeVerdict NewSpinesTransient(Func<Scenario, SimulationResult> run)
    {
        var r = run(SingleInfusion30d);
        var t = r.TimesHours;
        var excess = r.Observable(MechanismNames.SpineDensityRel).Select(x => x - r.Observable(MechanismNames.SpineDensityRel)[0]).ToArray();
        var (_, peak) = Peak(excess);
        double at14 = At(t, excess, 14 * 24), at30 = At(t, excess, 30 * 24);
        double consolidatedShare = At(t, r.Observable(PlasticityModule.SpineConsolidatedObservable), 30 * 24) / Math.Max(peak, 1e-12);
        bool transient = at14 <= 0.35 * peak && at30 <= 0.25 * peak;
        return new ShapeVerdict(transient,
            $"new spines after one infusion: peak {peak:F4}, day 14 {at14 / peak:P0} of peak, day 30 {at30 / peak:P0} (consolidated {consolidatedShare:P0}). " +
            $"Criteria: day 14 ≤ 35% and day 30 ≤ 25% of peak [{(transient ? "ok" : "no")}]");
    }

    /// <summary>Stressed mouse, ketamine 10 mg/kg i.p. at each of <paramref name="doseDays"/>, followed to 28 days after the first.</summary>
    public static Scenario MouseKetamine(string name, params double[] doseDays) => MechanismScenarios.MouseKetamineLong() with
    {
        Name = $"mech-10-mouse-ketamine-{name}",
        Description = $"Stressed mouse, ketamine 10 mg/kg i.p. on days {string.Join(", ", doseDays)} (MECH-10)",
        Doses = [.. doseDays.Select(d => MechanismScenarios.MouseKetamineIp10 with { TimeHours = d * 24 })],
        OutputStepHours = 1,
    };

    /// <summary>Days of the repeated course: three doses two days apart, inside the consolidation window.</summary>
    public static IReadOnlyList<double> RepeatedDays { get; } = [0, 2, 4];

    /// <summary>
    /// MECH-10: new spines 14 days after the last dose, as a share of their peak, for one dose and for doses repeated
    /// inside the consolidation window; repeated must keep a larger share (persistence, not only more spines).
    /// </summary>
    public static ShapeVerdict RepeatedVersusSingle(Func<Scenario, SimulationResult> run)
    {
        (double Share, double Excess) Persistence(Scenario s, double lastDoseDay)
        {
            var r = run(s);
            var d = r.Observable(MechanismNames.SpineDensityRel);
            var excess = d.Select(x => x - d[0]).ToArray();
            var (_, peak) = Peak(excess);
            double at = At(r.TimesHours, excess, (lastDoseDay + 14) * 24);
            return (at / Math.Max(peak, 1e-12), at);
        }
        var single = Persistence(MouseKetamine("single", 0), 0);
        var repeated = Persistence(MouseKetamine("repeated", [.. RepeatedDays]), RepeatedDays[^1]);
        bool pass = repeated.Share > single.Share && repeated.Excess > single.Excess;
        return new ShapeVerdict(pass,
            $"new spines 14 d after the last dose, share of their peak: single {single.Share:P0} ({single.Excess:F4}), repeated on days " +
            $"{string.Join("/", RepeatedDays)} {repeated.Share:P0} ({repeated.Excess:F4}). Criterion: repeated > single [{(pass ? "ok" : "no")}]");
    }
}
