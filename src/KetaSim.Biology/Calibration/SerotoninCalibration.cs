using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Serotonin;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// The SSRI comparator's targets. MECH-6: day from which raphe firing stays within 10% of baseline on
/// escitalopram 10 mg/day (band 10-25 days). CLIN-9 (share of the week-6 drug-placebo MADRS difference present
/// at week 1) is a difference of cohort means: it is evaluated on the paired virtual trial one layer up
/// (KetaSim.IO.Calibration.TrialCalibration).
/// </summary>
public sealed class SerotoninCalibration : ICalibrationSet
{
    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        bands.Add(new CalibrationEvaluator("MECH-6", c => Mech6RecoveryDay(c)));
    }

    /// <summary>MECH-6 on the built-in escitalopram course, in days.</summary>
    public static double Mech6RecoveryDay(CalibrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Run(SerotoninScenarios.EscitalopramCourse());
        return SerotoninMetrics.RecoveryDay(r.TimesHours, r.Observable(MechanismNames.RapheFiringRel), SerotoninScenarios.CourseDays * 24.0);
    }
}
