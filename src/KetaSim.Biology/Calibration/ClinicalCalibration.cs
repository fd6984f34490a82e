using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;
using static KetaSim.Biology.Calibration.TrajectoryMetrics;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// CLIN-4 on the typical TRD patient: the time course of one infusion's drug effect (a shape, not a cohort
/// statistic). The arm means and rates of CLIN-1/2/3 and CLIN-5 to CLIN-10 are properties of cohorts: they are
/// evaluated on virtual trials one layer up (KetaSim.IO.Calibration.TrialCalibration) and are pending here.
/// </summary>
public sealed class ClinicalCalibration : ICalibrationSet
{
    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        shapes.Add(new ShapeEvaluator("CLIN-4", c => TimeCourse(c.Run)));
    }

    /// <summary>The drug-driven improvement (fast + slow components, MADRS points): the drug-placebo difference of a typical patient.</summary>
    public static double[] DrugEffect(SimulationResult r)
    {
        var fast = r.Observable(MechanismNames.MadrsFast);
        var slow = r.Observable(MechanismNames.MadrsSlow);
        return fast.Select((f, i) => f + slow[i]).ToArray();
    }

    /// <summary>
    /// CLIN-4: after one infusion the drug effect is measurable (≥ 2 points) by 4 h (from 40 min), peaks at
    /// ~24 h (peak time 12-48 h), and is gone by days 10-12 (≤ 20% of peak and &lt; 2 points at day 11).
    /// </summary>
    public static ShapeVerdict TimeCourse(Func<Scenario, SimulationResult> run)
    {
        var r = run(MechanismScenarios.KetamineTrd);
        var e = DrugEffect(r);
        var (k, peak) = Peak(e);
        double tPeak = r.TimesHours[k];
        double at40 = At(r.TimesHours, e, 40.0 / 60), at4 = At(r.TimesHours, e, 4), at24 = At(r.TimesHours, e, 24), at11d = At(r.TimesHours, e, 11 * 24);
        double tMeasurable = FirstReach(r.TimesHours, e, 2.0);
        bool early = tMeasurable <= 4;
        bool peakOk = tPeak >= 12 && tPeak <= 48;
        bool gone = at11d <= 0.2 * peak && at11d < 2;
        return new ShapeVerdict(early && peakOk && gone,
            $"drug effect (MADRS points): 40 min {at40:F2}, 4 h {at4:F2}, 24 h {at24:F2}, peak {peak:F2} at {tPeak:F0} h, day 11 {at11d:F2}; ≥ 2 points from {tMeasurable:F2} h. " +
            $"Criteria: measurable (≥ 2) by 4 h [{(early ? "ok" : "no")}], peak 12-48 h [{(peakOk ? "ok" : "no")}], day 11 ≤ 20% of peak and < 2 [{(gone ? "ok" : "no")}]");
    }
}
