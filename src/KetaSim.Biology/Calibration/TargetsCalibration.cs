using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// MECH-3 (calibration-targets.md): human racemic ketamine 0.5 mg/kg IV over 40 min; peak NMDA
/// occupancy (total drug occupancy = current block) from the unbound brain concentrations, in %.
/// Target ~50% at ~1 µM (Gerhard 2020); band 30-70%.
/// </summary>
public sealed class TargetsCalibration : ICalibrationSet
{
    /// <summary>The PK-1 scenario with the mechanism on, followed 6 h (the peak is at the end of the infusion).</summary>
    public static Scenario KetamineIvWithMechanism { get; } = BuiltInScenarios.KetamineIv05 with
    {
        Name = "ketamine-iv-0.5mgkg-40min-mechanism",
        Description = "Racemic ketamine 0.5 mg/kg IV over 40 min, 70 kg, with the mechanism layers (MECH-3)",
        DurationHours = 6,
        Mechanism = new MechanismSettings(),
    };

    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        bands.Add(new CalibrationEvaluator("MECH-3", PeakNmdaOccupancyPercent));
    }

    public static double PeakNmdaOccupancyPercent(CalibrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return 100 * context.Run(KetamineIvWithMechanism).Observable(MechanismNames.Occupancy(MechanismNames.Targets.Nmda)).Max();
    }
}
