using System.Globalization;
using KetaSim.Biology.Calibration;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Calibration;

/// <summary>
/// The suicidal-crisis targets on virtual cohorts of their built-in trials (run once per process, like
/// <see cref="TrialCalibration"/>'s): CLIN-16 on <c>clin-16-aspire-1</c> (ASPIRE I: esketamine 84 mg vs placebo spray on
/// standard of care; the MADRS difference at 24 h, and the CGI-SS-r difference, which must not be distinguishable from 0
/// at the published trial's size) and CLIN-17 on <c>clin-17-ketamine-suicidal-ideation</c> (Wilkinson 2018: Cohen's d of
/// the clinician-rated suicide item, one ketamine infusion vs control, on days 1, 3 and 7).
/// </summary>
public sealed class SuicidalityCalibration : ICalibrationSet
{
    public const string Aspire = "clin-16-aspire-1";
    public const string SingleInfusionSuicidalIdeation = "clin-17-ketamine-suicidal-ideation";

    /// <summary>Randomised in ASPIRE I (1:1): the size at which "not distinguishable from 0" is judged.</summary>
    public const int AspireRandomised = 226;

    /// <summary>The published 95% interval of the CGI-SS-r difference at 24 h (Hodges-Lehmann, Fu 2020).</summary>
    public const double AspireCgiLower = -1.0, AspireCgiUpper = 0.0;

    /// <summary>CLIN-17's band on Cohen's d, every listed day.</summary>
    public const double CohensDLower = 0.4, CohensDUpper = 0.9;

    private static readonly (string Label, double Hours)[] WilkinsonDays = [("day 1", 24), ("day 3", 72), ("day 7", 168)];

    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(shapes);
        bands.Add(new CalibrationEvaluator("CLIN-16/Madrs24h", _ => Comparison(Aspire, 24).ChangeDifference?.Difference ?? double.NaN));
        shapes.Add(new ShapeEvaluator("CLIN-16/Suicidality", _ => AspireSuicidality()));
        shapes.Add(new ShapeEvaluator("CLIN-17", _ => WilkinsonEffectSizes()));
    }

    /// <summary>
    /// CLIN-16/Suicidality: the esketamine − placebo difference in CGI-SS-r change at 24 h lies inside the published 95%
    /// interval (−1.0 to 0.0) and is not distinguishable from 0 at ASPIRE I's size: |difference| &lt; 1.96 × its standard
    /// error scaled from the virtual cohort to 226 randomised 1:1.
    /// </summary>
    public static ShapeVerdict AspireSuicidality()
    {
        var c = Comparison(Aspire, 24);
        var si = c.Suicidality?.CgiDifference ?? throw new InvalidOperationException($"Trial '{Aspire}' rates no suicidality at 24 h.");
        var result = TrialCalibration.Result(Aspire);
        long n = result.Arms.Sum(a => a.Visits[1].Suicidality?.CgiChange.Count ?? 0);
        double seAtTrial = si.StandardError * Math.Sqrt(n / (double)AspireRandomised);
        bool inside = si.Difference >= AspireCgiLower && si.Difference <= AspireCgiUpper;
        bool notSignificant = Math.Abs(si.Difference) < 1.96 * seAtTrial;
        return new ShapeVerdict(inside && notSignificant,
            $"CGI-SS-r change difference at 24 h {F(si.Difference)} (virtual cohort {n}; SE at {AspireRandomised} randomised {F(seAtTrial)}, z {F(si.Difference / seAtTrial)}); " +
            $"MADRS difference {F(c.ChangeDifference?.Difference ?? double.NaN)}. Criteria: inside {F(AspireCgiLower)} to {F(AspireCgiUpper)} [{(inside ? "ok" : "no")}], " +
            $"|z| < 1.96 at the trial's size [{(notSignificant ? "ok" : "no")}]");
    }

    /// <summary>CLIN-17: Cohen's d of the item-10 change, ketamine vs control, inside 0.4-0.9 on days 1, 3 and 7.</summary>
    public static ShapeVerdict WilkinsonEffectSizes()
    {
        var parts = new List<string>();
        bool all = true;
        foreach (var (label, hours) in WilkinsonDays)
        {
            double d = Comparison(SingleInfusionSuicidalIdeation, hours).Suicidality?.Item10CohensD ?? double.NaN;
            bool ok = d >= CohensDLower && d <= CohensDUpper;
            all &= ok;
            parts.Add($"{label} d {F(d)} [{(ok ? "ok" : "no")}]");
        }
        return new ShapeVerdict(all, $"Cohen's d of the MADRS item-10 change, ketamine vs control: {string.Join(", ", parts)}. Criterion: {F(CohensDLower)} ≤ d ≤ {F(CohensDUpper)} each day");
    }

    private static ArmComparison Comparison(string trial, double hours)
    {
        var result = TrialCalibration.Result(trial);
        return result.Comparisons.FirstOrDefault(c => Math.Abs(c.TimeHours - hours) < 1e-6)
            ?? throw new InvalidOperationException($"Trial '{trial}' has no comparison at {hours} h.");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
