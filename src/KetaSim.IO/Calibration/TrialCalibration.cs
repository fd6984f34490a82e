using KetaSim.Biology.Calibration;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Calibration;

/// <summary>
/// The population-rate targets, evaluated on virtual cohorts of the built-in trials (data/trials/): response and
/// remission are properties of a cohort, not of a typical patient. CLIN-2/3: the ketamine arm of
/// <c>clin-2-3-ketamine-single-infusion</c> at 24 h, 72 h and day 7; CLIN-8: citalopram at week 14 of
/// <c>clin-8-citalopram-level-1</c> (HAM-D17 remission); CLIN-10: the placebo arm of <c>clin-10-placebo-8-weeks</c>
/// at week 8. Each trial runs once per process (the embedded trials cannot change while it runs) with the seed in
/// its file, on all cores; the result does not depend on the thread count. Cohort sizes keep the binomial standard error of each rate at
/// about 2 percentage points or less, against bands of ±7-10 points.
/// </summary>
public sealed class TrialCalibration : ICalibrationSet
{
    /// <summary>Subjects per calibration trial (all arms together).</summary>
    public static IReadOnlyDictionary<string, int> CohortSizes { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [SingleInfusion] = 4000,   // ~2000 in the ketamine arm: SE ≤ 1.1 points
        [Citalopram] = 600,        // 14 weeks of daily doses is the costliest subject: SE ≤ 2.0 points
        [PlaceboTablets] = 2000,   // SE ≤ 1.1 points
    };

    public const string SingleInfusion = "clin-2-3-ketamine-single-infusion";
    public const string Citalopram = "clin-8-citalopram-level-1";
    public const string PlaceboTablets = "clin-10-placebo-8-weeks";

    private static readonly Dictionary<string, Lazy<TrialResult>> Runs = new(StringComparer.Ordinal);

    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        foreach (var (label, hours) in new[] { ("24h", 24.0), ("72h", 72.0), ("Day7", 168.0) })
        {
            bands.Add(new CalibrationEvaluator($"CLIN-2/{label}", c => Percent(At(SingleInfusion, "ketamine", hours).Response.Proportion)));
            bands.Add(new CalibrationEvaluator($"CLIN-3/{label}", c => Percent(At(SingleInfusion, "ketamine", hours).Remission.Proportion)));
        }
        bands.Add(new CalibrationEvaluator("CLIN-8/Remission", c => Percent(At(Citalopram, "citalopram", 14 * 168).Remission.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-8/Response", c => Percent(At(Citalopram, "citalopram", 14 * 168).Response.Proportion)));
        bands.Add(new CalibrationEvaluator("CLIN-10", c => Percent(At(PlaceboTablets, "placebo", 8 * 168).Response.Proportion)));
    }

    /// <summary>The built-in trial's result for the calibration cohort (run once per process).</summary>
    public static TrialResult Result(string trial)
    {
        Lazy<TrialResult> run;
        lock (Runs)
        {
            if (!Runs.TryGetValue(trial, out run!))
                Runs[trial] = run = new Lazy<TrialResult>(() =>
                {
                    var definition = TrialCatalog.Get(trial);
                    return new TrialRunner().Run(definition, CohortSizes[trial], definition.DefaultSeed);
                });
        }
        return run.Value;
    }

    /// <summary>One arm at the visit at <paramref name="hours"/> (must be a scheduled visit of the trial).</summary>
    public static VisitSummary At(string trial, string arm, double hours)
    {
        var result = Result(trial);
        int v = result.VisitTimesHours.ToList().FindIndex(t => Math.Abs(t - hours) < 1e-6);
        if (v < 0) throw new InvalidOperationException($"Trial '{trial}' has no visit at {hours} h (visits: {string.Join(", ", result.VisitTimesHours)} h).");
        return result.Arm(arm).Visits[v];
    }

    private static double Percent(double proportion) => 100 * proportion;
}
