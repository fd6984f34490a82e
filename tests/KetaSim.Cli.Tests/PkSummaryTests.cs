using System.Globalization;
using System.Text.Json.Nodes;

namespace KetaSim.Cli.Tests;

/// <summary>The summary's terminal half-life does not depend on how long the run is (the fit stays above a
/// quantification floor, out of solver noise), and no concentration written is negative.</summary>
public sealed class PkSummaryTests
{
    [Fact]
    public void Half_life_over_104_weeks_matches_24_hours_and_no_concentration_is_negative()
    {
        using var tmp = new TempDir();
        var scenario = Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml");
        var longFile = tmp["long.yaml"];
        var text = File.ReadAllText(scenario);
        File.WriteAllText(longFile, text.Replace("duration: 24 h", "duration: 104 week", StringComparison.Ordinal).Replace("step: 5 min", "step: 1 h", StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.Run("simulate", scenario, "--out", tmp["short"]).ExitCode);
        Assert.Equal(0, CliRunner.Run("simulate", longFile, "--out", tmp["long"]).ExitCode);
        double HalfLife(string dir) => (double)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["observables"]!["ketamine_plasma_ng_per_ml"]!["terminal_half_life_h"]!;
        double shortHalf = HalfLife(tmp["short"]), longHalf = HalfLife(tmp["long"]);
        Assert.InRange(longHalf / shortHalf, 0.9, 1.1);
        foreach (var line in File.ReadLines(Path.Combine(tmp["long"], "timecourse.csv")).Skip(1))
            foreach (var cell in line.Split(',').Skip(1))
                Assert.True(double.Parse(cell, CultureInfo.InvariantCulture) >= 0, line);
    }
}
