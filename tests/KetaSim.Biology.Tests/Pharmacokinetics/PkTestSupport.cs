using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Analysis;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

/// <summary>Built-in runs shared by the PK tests (each scenario simulated once per test session).</summary>
internal static class PkRuns
{
    public static CalibrationContext Context { get; } = new();

    public static ExposureSummary Exposure(Scenario s, string observable) => Context.Exposure(s, observable);

    public static double Evaluate(string id) =>
        CalibrationRegistry.TryGet(id, out var e) ? e.Evaluate(Context) : throw new KeyNotFoundException(id);

    public static Scenario KetamineInfusion(Subject subject, DoseAmount amount, double durationHours = 24, double step = 1.0 / 60) => new()
    {
        Name = $"ketamine-{amount}-{subject.WeightKg}kg",
        Subject = subject,
        Doses = [new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = amount, DurationHours = 40.0 / 60 }],
        DurationHours = durationHours,
        OutputStepHours = step,
    };

    public static Scenario EsketamineFor(Subject subject, double mg) => BuiltInScenarios.EsketamineNasal(mg) with
    {
        Name = $"esketamine-{mg}-{subject.AgeYears}-{subject.EastAsian}",
        Subject = subject,
    };

    public static double[] Obs(SimulationResult r, string name) => r.Observable(name);
}
