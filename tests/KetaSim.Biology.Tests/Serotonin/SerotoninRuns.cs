using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Serotonin;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Tests.Serotonin;

/// <summary>SSRI-course runs shared by the serotonin tests (each simulated once per test session).</summary>
internal static class SerotoninRuns
{
    public static CalibrationContext Context { get; } = new();

    /// <summary>Escitalopram 10 mg/day for 6 weeks (the MECH-6 / CLIN-9 drug arm).</summary>
    public static SimulationResult Course => Context.Run(SerotoninScenarios.EscitalopramCourse());

    /// <summary>The same patient on inert tablets.</summary>
    public static SimulationResult Placebo => Context.Run(SerotoninScenarios.EscitalopramCourse(placebo: true));

    /// <summary>6 weeks of 10 mg/day, then 6 weeks without drug.</summary>
    public static SimulationResult CourseThenStop => Context.Run(SerotoninScenarios.EscitalopramCourse(durationDays: 84));

    /// <summary>Racemic citalopram 20 mg/day for 4 weeks (STAR*D's starting dose).</summary>
    public static SimulationResult Citalopram => Context.Run(new Scenario
    {
        Name = "serotonin-citalopram-20mg-28d",
        Doses = [new DoseRecord { Compound = "citalopram", Route = Route.Oral, Amount = DoseAmount.Mg(20), IntervalHours = 24, AdditionalDoses = 27 }],
        DurationHours = 28 * 24,
        OutputStepHours = 0.5,
        Mechanism = new MechanismSettings { Patient = SerotoninScenarios.MddPatient },
    });

    public static double[] Obs(SimulationResult r, string name) => r.Observable(name);

    public static double At(SimulationResult r, string name, double days) => SerotoninMetrics.At(r.TimesHours, r.Observable(name), days * 24);

    public static double Drive(SimulationResult r, double days) => At(r, MechanismNames.SerotonergicPlasticityDrive, days);
}
