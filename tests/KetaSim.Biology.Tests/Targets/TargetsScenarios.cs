using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Tests.Targets;

/// <summary>Scenarios the target tests share (each run once per session through the real composition).</summary>
internal static class TargetRuns
{
    public static CalibrationContext Context { get; } = new();

    public static SimulationResult Run(Scenario s) => Context.Run(s);

    public static DoseRecord Dose(string compound, Route route, DoseAmount amount, double timeHours = 0, double? durationHours = null) =>
        new() { Compound = compound, Route = route, Amount = amount, TimeHours = timeHours, DurationHours = durationHours };

    public static Scenario Human(string name, double hours, params DoseRecord[] doses) => new()
    {
        Name = "targets-" + name,
        Subject = Subject.TypicalAdult,
        Doses = doses,
        DurationHours = hours,
        OutputStepHours = 5.0 / 60,
        Mechanism = new MechanismSettings(),
    };

    public static Scenario Mouse(string name, double hours, params DoseRecord[] doses) => Human(name, hours, doses) with
    {
        Name = "targets-mouse-" + name,
        Subject = Subject.TypicalMouse,
    };

    public static DoseRecord KetamineInfusion(double timeHours = 0) =>
        Dose("ketamine", Route.IvInfusion, DoseAmount.MgPerKg(0.5), timeHours, 40.0 / 60);

    public static DoseRecord Naltrexone50(double timeHours = 0) => Dose("naltrexone", Route.Oral, DoseAmount.Mg(50), timeHours);

    public static int IndexAt(SimulationResult r, double hours) => Array.FindIndex(r.TimesHours, t => Math.Abs(t - hours) < 1e-9);

    public static double At(SimulationResult r, string observable, double hours) => r.Observable(observable)[IndexAt(r, hours)];

    public static double Parameter(Scenario s, string name)
    {
        var compiled = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(s), ScenarioRunner.MechanismFor(s));
        var p = ScenarioRunner.ParametersFor(compiled, s);
        return Biology.Pharmacokinetics.PkDosing.Value(compiled.Model, p, name);
    }
}
