using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Tests.Mechanism;

/// <summary>Mechanism runs shared by the circuit, plasticity and symptom tests (each scenario simulated once per session).</summary>
internal static class MechanismRuns
{
    public static CalibrationContext Context { get; } = new();

    public static SimulationResult Run(Scenario s) => Context.Run(s);

    public static double Peak(SimulationResult r, string observable) => TrajectoryMetrics.Peak(r.Observable(observable)).Value;

    public static double At(SimulationResult r, string observable, double hours) => TrajectoryMetrics.At(r.TimesHours, r.Observable(observable), hours);

    /// <summary>Naltrexone 50 mg orally 1 h before the 40-min ketamine infusion (the human naltrexone-pretreatment design).</summary>
    public static Scenario KetamineAfterNaltrexone { get; } = MechanismScenarios.KetamineTrd with
    {
        Name = "test-naltrexone-then-ketamine",
        Doses = [new DoseRecord { Compound = "naltrexone", Route = Route.Oral, Amount = DoseAmount.Mg(50) },
                 MechanismScenarios.KetamineTrd.Doses[0] with { TimeHours = 1 }],
        DurationHours = 4 * 24,
    };

    public static Scenario KetamineDelayed { get; } = MechanismScenarios.KetamineTrd with
    {
        Name = "test-ketamine-at-1h",
        Doses = [MechanismScenarios.KetamineTrd.Doses[0] with { TimeHours = 1 }],
        DurationHours = 4 * 24,
    };
}
