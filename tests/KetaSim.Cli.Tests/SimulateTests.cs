using System.Text.Json;

namespace KetaSim.Cli.Tests;

public class SimulateTests
{
    public static TheoryData<string> Examples => new(CliRunner.ExampleScenarios.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_scenario_simulates_and_writes_csv_json_and_png(string file)
    {
        using var tmp = new TempDir();
        var outDir = tmp["out"];
        var r = CliRunner.Run("simulate", Path.Combine(CliRunner.ScenariosDirectory, file), "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        // Validity domain: only the illustrative combination and the mouse runs leave it; each warning is one stderr line.
        string[] expected = file.StartsWith("illustrative", StringComparison.Ordinal) ? ["illustrative-compound", "preclinical"]
            : file.StartsWith("mouse", StringComparison.Ordinal) ? ["preclinical"] : [];
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("warning: ", l));
        Assert.Equal(expected, lines.Select(l => l[(l.LastIndexOf('[') + 1)..l.LastIndexOf(']')]).Distinct());
        Assert.Contains(outDir, r.Stdout);

        var csv = File.ReadAllLines(Path.Combine(outDir, "timecourse.csv"));
        Assert.StartsWith("time_h,", csv[0]);
        Assert.True(csv.Length > 10);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var warnings = summary.RootElement.GetProperty("warnings").EnumerateArray().ToArray();
        Assert.Equal(lines.Length, warnings.Length);
        Assert.Equal(expected, warnings.Select(w => w.GetProperty("code").GetString()).Distinct());
        var observables = summary.RootElement.GetProperty("observables");
        var columns = csv[0].Split(',')[1..];
        Assert.Equal(columns, observables.EnumerateObject().Select(p => p.Name));
        foreach (var o in observables.EnumerateObject())
        {
            // Concentrations must rise; mechanism readouts may legitimately stay at 0 (e.g. an SSRI-only drive in a ketamine run).
            if (o.Name.Contains("_plasma_", StringComparison.Ordinal))
            {
                Assert.True(o.Value.GetProperty("cmax").GetDouble() > 0, o.Name);
                Assert.True(o.Value.GetProperty("auc_last").GetDouble() > 0, o.Name);
            }
            Assert.False(string.IsNullOrEmpty(o.Value.GetProperty("unit").GetString()));
            Assert.True(o.Value.TryGetProperty("terminal_half_life_h", out _));
            Assert.True(o.Value.TryGetProperty("tmax_h", out _));
        }
        var pngs = Directory.GetFiles(outDir, "*.png");
        Assert.NotEmpty(pngs);
        // A scenario with a mechanism block gets the chain figure, one without does not.
        bool mechanism = File.ReadLines(Path.Combine(CliRunner.ScenariosDirectory, file)).Any(l => l.StartsWith("mechanism:", StringComparison.Ordinal));
        Assert.Equal(mechanism, File.Exists(Path.Combine(outDir, "chain.png")));
        Assert.All(pngs, p => Assert.True(CliRunner.IsPng(p), p));
        Assert.Empty(Directory.GetDirectories(tmp.Path, ".*"));
    }

    [Fact]
    public void Ketamine_infusion_summary_matches_the_calibrated_peak()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("simulate", Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml"), "-o", tmp["k"]);
        Assert.Equal(0, r.ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllText(tmp["k/summary.json"]));
        var k = summary.RootElement.GetProperty("observables").GetProperty("ketamine_plasma_ng_per_ml");
        Assert.InRange(k.GetProperty("cmax").GetDouble(), 150, 220);
        Assert.Equal(40.0 / 60, k.GetProperty("tmax_h").GetDouble(), 6);
    }

    [Fact]
    public void Existing_non_empty_out_is_refused_without_force_and_kept_with_force()
    {
        using var tmp = new TempDir();
        var outDir = tmp["out"];
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");
        var scenario = Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml");

        var refused = CliRunner.Run("simulate", scenario, "--out", outDir);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Stderr);
        Assert.Equal(["out", Path.Combine("out", "notes.txt")], tmp.Entries());

        var forced = CliRunner.Run("simulate", scenario, "--out", outDir, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "timecourse.csv")));
    }
}
