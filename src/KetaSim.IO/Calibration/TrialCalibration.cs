using KetaSim.Biology.Calibration;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Calibration;

/// <summary>
/// The clinical targets, evaluated on virtual cohorts of the built-in trials (data/trials/): a published arm mean or
/// rate is a property of a cohort, not of a typical patient (with log-normal variability the two differ).
/// CLIN-1: both arms of <c>clin-1-ketamine-vs-midazolam</c> at 24 h; CLIN-2/3: the ketamine arm of
/// <c>clin-2-3-ketamine-single-infusion</c> at 24 h, 72 h and day 7; CLIN-5/6/7: the four arms of
/// <c>clin-5-7-esketamine-synapse</c> at 2 h, 24 h and day 8; CLIN-8: citalopram at week 14 of
/// <c>clin-8-citalopram-level-1</c> (HAM-D17 remission); CLIN-9: <c>clin-9-ssri-vs-placebo-6-weeks</c> with every
/// subject in both arms (see <see cref="WeekOneShare"/>); CLIN-10: the placebo arm of <c>clin-10-placebo-8-weeks</c>
/// at week 8. CLIN-4 (a time-course shape) stays on the typical patient. Each trial runs once per process (the
/// embedded trials cannot change while it runs) with the seed in its file, on all cores; the result does not depend
/// on the thread count. Cohort sizes keep the standard error of each rate at about 2 percentage points or less
/// (bands ±7-10) and of each arm mean at about 0.4 MADRS points or less (bands ±3-4).
/// </summary>
public sealed class TrialCalibration : ICalibrationSet
{
    public const string KetamineVsMidazolam = "clin-1-ketamine-vs-midazolam";
    public const string SingleInfusion = "clin-2-3-ketamine-single-infusion";
    public const string Synapse = "clin-5-7-esketamine-synapse";
    public const string Citalopram = "clin-8-citalopram-level-1";
    public const string SsriVersusPlacebo = "clin-9-ssri-vs-placebo-6-weeks";
    public const string PlaceboTablets = "clin-10-placebo-8-weeks";
    public const string PlaceboSprayContinuedAd = "clin-14-placebo-spray-continued-ad";
    public const string StarDLevel3 = "clin-15-star-d-level-3";
    public const string Sustain2 = "clin-11-12-sustain-2";
    public const string SynapseOpenLabel = "clin-13-synapse-open-label";

    /// <summary>Subjects per calibration trial (all arms together; for CLIN-9, per arm, as every subject runs in both).</summary>
    public static IReadOnlyDictionary<string, int> CohortSizes { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [KetamineVsMidazolam] = 3000, // 2:1, ~1000 on midazolam: arm-mean SE ≈ 0.25 points (SD of change ≈ 8)
        [SingleInfusion] = 4000,      // ~2000 in the ketamine arm: rate SE ≤ 1.1 points
        [Synapse] = 2000,             // ~500 per arm: arm-mean SE ≈ 0.35 points
        [Citalopram] = 600,           // 14 weeks of daily doses is the costliest subject: SE ≤ 2.0 points
        [SsriVersusPlacebo] = 600,    // paired: the drug-placebo difference has no between-subject noise
        [PlaceboTablets] = 2000,      // SE ≤ 1.1 points
        [PlaceboSprayContinuedAd] = 1000, // ~500 on placebo spray: arm-mean SE ≈ 0.4 points
        [StarDLevel3] = 600,          // 14 weeks of daily doses: rate SE ≤ 1.5 points
        [Sustain2] = 200,             // 52 weeks of rule-driven sessions, the costliest subject (~0.4 s): rate SE ≤ 3.5 points (bands ±10/±12)
        [SynapseOpenLabel] = 200,     // 10 weeks of sessions on a continued antidepressant: rate SE ≤ 3.5 points (bands ±15)
        [SuicidalityCalibration.Aspire] = 600,  // two days, one session: difference SE ≈ 0.6 MADRS points (band −6.6 to −1.1)
        [SuicidalityCalibration.SingleInfusionSuicidalIdeation] = 600, // one infusion, 7 days: Cohen's d SE ≈ 0.08 (band 0.4-0.9)
    };

    private static readonly (string Id, double Hours)[] SynapseVisits = [("CLIN-5", 2), ("CLIN-6", 24), ("CLIN-7", 7 * 24)];
    private static readonly (string Target, string Arm)[] SynapseArms =
        [("28mg", "esketamine-28mg"), ("56mg", "esketamine-56mg"), ("84mg", "esketamine-84mg"), ("Placebo", "placebo-spray")];

    private static readonly Dictionary<(string Trial, string? OnlyArm), Lazy<TrialResult>> Runs = [];

    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        bands.Add(new CalibrationEvaluator("CLIN-1/Ketamine", c => At(KetamineVsMidazolam, "ketamine", 24).MeanChange));
        bands.Add(new CalibrationEvaluator("CLIN-1/Midazolam", c => At(KetamineVsMidazolam, "midazolam", 24).MeanChange));
        foreach (var (label, hours) in new[] { ("24h", 24.0), ("72h", 72.0), ("Day7", 168.0) })
        {
            bands.Add(new CalibrationEvaluator($"CLIN-2/{label}", c => Percent(At(SingleInfusion, "ketamine", hours).Response.Proportion)));
            bands.Add(new CalibrationEvaluator($"CLIN-3/{label}", c => Percent(At(SingleInfusion, "ketamine", hours).Remission.Proportion)));
        }
        foreach (var (id, hours) in SynapseVisits)
            foreach (var (target, arm) in SynapseArms)
                bands.Add(new CalibrationEvaluator($"{id}/{target}", c => At(Synapse, arm, hours).MeanChange));
        bands.Add(new CalibrationEvaluator("CLIN-8/Remission", c => Percent(At(Citalopram, "citalopram", 14 * 168).Remission.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-8/Response", c => Percent(At(Citalopram, "citalopram", 14 * 168).Response.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-9", c => WeekOneShare()));
        bands.Add(new CalibrationEvaluator("CLIN-10", c => Percent(At(PlaceboTablets, "placebo", 8 * 168).Response.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-14", c => At(PlaceboSprayContinuedAd, "placebo-spray", 28 * 24).MeanChange));
        bands.Add(new CalibrationEvaluator("CLIN-15", c => Percent(At(StarDLevel3, "oral-switch", 14 * 168).Remission.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-11/Remission", c => Percent(Phase(Sustain2, "induction").RemissionAtEnd.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-11/Response", c => Percent(Phase(Sustain2, "induction").ResponseAtEnd.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-12", c => Percent(Phase(Sustain2, "maintenance").RemissionAtEnd.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-13/Response", c => Percent(Phase(SynapseOpenLabel, "open-label").ResponseAtEnd.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-13/Remission", c => Percent(Phase(SynapseOpenLabel, "open-label").RemissionAtEnd.Proportion)));
    }

    /// <summary>
    /// CLIN-9: the share of the week-6 drug-placebo difference in mean MADRS change that is present at week 1. The
    /// difference is 1-3 points against a between-subject SD of about 8, so two randomised arms would need tens of
    /// thousands of subjects to resolve a ratio; instead every virtual subject runs in both arms (common random
    /// numbers: the same draws, rater noise included), which estimates the same population difference of means
    /// without the between-subject noise.
    /// </summary>
    public static double WeekOneShare()
    {
        double Difference(double hours) =>
            At(Result(SsriVersusPlacebo, onlyArm: "escitalopram"), "escitalopram", hours).MeanChange -
            At(Result(SsriVersusPlacebo, onlyArm: "placebo"), "placebo", hours).MeanChange;
        return Difference(168) / Difference(6 * 168);
    }

    /// <summary>
    /// The built-in trial's result for the calibration cohort (run once per process). With <paramref name="onlyArm"/>
    /// that arm runs alone (<see cref="SingleArm"/>) on the trial's cohort size and seed, for paired comparisons.
    /// </summary>
    public static TrialResult Result(string trial, string? onlyArm = null)
    {
        Lazy<TrialResult> run;
        lock (Runs)
        {
            if (!Runs.TryGetValue((trial, onlyArm), out run!))
                Runs[(trial, onlyArm)] = run = new Lazy<TrialResult>(() =>
                {
                    var definition = TrialCatalog.Get(trial);
                    if (onlyArm is not null) definition = SingleArm(definition, onlyArm);
                    return new TrialRunner().Run(definition, CohortSizes[trial], definition.DefaultSeed);
                });
        }
        return run.Value;
    }

    /// <summary>The trial with only <paramref name="arm"/>: every subject (same seed, same draws) receives it.</summary>
    public static TrialDefinition SingleArm(TrialDefinition definition, string arm)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with { Arms = [definition.Arms.Single(a => a.Name == arm) with { RandomisationWeight = 1 }], ControlArm = null };
    }

    /// <summary>One arm at the visit at <paramref name="hours"/> (must be a scheduled visit of the trial).</summary>
    public static VisitSummary At(string trial, string arm, double hours) => At(Result(trial), arm, hours);

    private static VisitSummary At(TrialResult result, string arm, double hours)
    {
        int v = result.VisitTimesHours.ToList().FindIndex(t => Math.Abs(t - hours) < 1e-6);
        if (v < 0) throw new InvalidOperationException($"Trial '{result.Trial}' has no visit at {hours} h (visits: {string.Join(", ", result.VisitTimesHours)} h).");
        return result.Arm(arm).Visits[v];
    }

    private static double Percent(double proportion) => 100 * proportion;

    /// <summary>A phase of a phased built-in trial: entrants, and response and remission among them at the phase's end.</summary>
    public static PhaseSummary Phase(string trial, string phase) => Result(trial).Phases.Single(p => p.Name == phase);
}
