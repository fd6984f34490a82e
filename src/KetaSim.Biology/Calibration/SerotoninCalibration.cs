using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Serotonin;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// The SSRI comparator's targets. MECH-6: day from which raphe firing stays within 10% of baseline on
/// escitalopram 10 mg/day (band 10-25 days). CLIN-9: share of the week-6 drug-placebo MADRS difference
/// present at week 1 (band 0.2-0.5), escitalopram 10 mg/day vs an inert tablet in a non-TRD MDD patient;
/// registered once a symptoms layer exists (MADRS comes from it).
/// </summary>
public sealed class SerotoninCalibration : ICalibrationSet
{
    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var drug = SerotoninScenarios.EscitalopramCourse();
        var placebo = SerotoninScenarios.EscitalopramCourse(placebo: true);

        bands.Add(new CalibrationEvaluator("MECH-6", c => Mech6RecoveryDay(c)));

        if (MechanismAssembly.All.Any(m => m.Stage == MechanismStages.Symptoms))
            bands.Add(new CalibrationEvaluator("CLIN-9", c =>
            {
                var d = c.Run(drug);
                if (!d.Model.HasObservable(MechanismNames.Madrs)) return double.NaN;
                var p = c.Run(placebo);
                return SerotoninMetrics.WeekOneShare(d.TimesHours, d.Observable(MechanismNames.Madrs), p.Observable(MechanismNames.Madrs));
            }));
    }

    /// <summary>MECH-6 on the built-in escitalopram course, in days.</summary>
    public static double Mech6RecoveryDay(CalibrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Run(SerotoninScenarios.EscitalopramCourse());
        return SerotoninMetrics.RecoveryDay(r.TimesHours, r.Observable(MechanismNames.RapheFiringRel), SerotoninScenarios.CourseDays * 24.0);
    }
}
