using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Tests.Safety;

/// <summary>Safety runs shared by the tests of this folder (each scenario simulated once per test session).</summary>
internal static class SafetyRuns
{
    public static CalibrationContext Context { get; } = new();

    public static SimulationResult Run(Scenario s) => Context.Run(s);

    public static DoseRecord Esketamine(double mg, double atHours = 0) =>
        new() { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(mg), TimeHours = atHours };

    public static DoseRecord KetamineIv(double atHours = 0) =>
        new() { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40.0 / 60, TimeHours = atHours };

    public static Scenario Human(string name, double hours, params DoseRecord[] doses) => new()
    {
        Name = name,
        Doses = doses,
        DurationHours = hours,
        OutputStepHours = 5.0 / 60,
        Mechanism = new MechanismSettings(),
    };
}
