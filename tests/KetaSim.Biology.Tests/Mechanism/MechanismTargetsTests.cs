using KetaSim.Biology.Calibration;
using KetaSim.Biology.Tests.Calibration;
using Xunit;

namespace KetaSim.Biology.Tests.Mechanism;

/// <summary>Every MECH target and the typical-patient CLIN-4 shape this layer implements pass against data/calibration/targets.yaml.</summary>
public class MechanismTargetsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids => new(["MECH-1", "MECH-2", "MECH-4", "MECH-5", "MECH-7", "CLIN-4"]);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Target_passes(string id)
    {
        var rows = CalibrationTests.LoadTargets().Where(t => t.Id == id || t.Id.StartsWith(id + "/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        var results = CalibrationRun.Evaluate(rows, MechanismRuns.Context);
        foreach (var r in results)
            output.WriteLine($"{r.Id,-18} {(r.Simulated is { } v ? v.ToString("F3") : r.SimulatedText),-10} [{r.Lower?.ToString("G4") ?? "-"}, {r.Upper?.ToString("G4") ?? "-"}] {r.Status}");
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Id}: {r.Simulated?.ToString("F3") ?? r.SimulatedText} not in [{r.Lower}, {r.Upper}] ({r.Status})"));
    }
}
