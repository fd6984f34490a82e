using KetaSim.Biology.Calibration;
using KetaSim.Biology.Tests.Calibration;
using Xunit;

namespace KetaSim.Biology.Tests.Safety;

public class SafetyCalibrationTests(ITestOutputHelper output)
{
    private static IReadOnlyList<CalibrationTarget> SafeTargets() => CalibrationTests.LoadTargets().Where(t => t.Group == "SAFE").ToList();

    [Fact]
    public void Every_SAFE_row_has_an_evaluator()
    {
        var targets = SafeTargets();
        Assert.Equal(13, targets.Count);
        foreach (var t in targets)
            Assert.True(t.IsBand ? CalibrationRegistry.TryGet(t.Id, out _) : CalibrationRegistry.TryGetShape(t.Id, out _), $"{t.Id} has no evaluator");
    }

    [Fact]
    public void Every_SAFE_target_passes()
    {
        var results = CalibrationRun.Evaluate(SafeTargets(), SafetyRuns.Context);
        foreach (var r in results)
            output.WriteLine(r.Simulated is { } v
                ? $"{r.Id,-18} {v,8:F2} {r.Unit,-5} [{r.Lower:G4}, {r.Upper:G4}]  {r.Status}"
                : $"{r.Id,-18} {r.Status}: {r.SimulatedText}");
        foreach (var r in results)
            Assert.True(r.Passed, $"{r.Id}: {r.Status}, simulated {r.Simulated?.ToString("G4") ?? r.SimulatedText} [{r.Lower}, {r.Upper}]");
    }

    [Fact]
    public void Shape_verdicts_state_the_figures_they_rest_on()
    {
        var shape = SafetyCalibration.DissociationShape(SafetyRuns.Context);
        Assert.Contains("CADSS peak", shape.Description);
        Assert.Contains("at 2 h", shape.Description);
        Assert.Contains("R²", shape.Description);
        var sessions = SafetyCalibration.DissociationOverSessions(SafetyRuns.Context);
        Assert.Equal(SafetyScenarios.TwiceWeeklySessionDays.Count, sessions.Description.Split('→').Length);
    }
}
