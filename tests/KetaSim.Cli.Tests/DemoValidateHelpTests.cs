using System.Text.Json;

namespace KetaSim.Cli.Tests;

public class DemoValidateHelpTests
{
    [Fact]
    public void Demo_writes_every_built_in_scenario_into_its_own_folder()
    {
        using var tmp = new TempDir();
        var outDir = tmp["demo"];
        var r = CliRunner.Run("demo", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"to {outDir}", r.Stdout);
        var expected = CliRunner.ExampleScenarios.Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();
        var folders = Directory.GetDirectories(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, folders);
        foreach (var folder in Directory.GetDirectories(outDir))
        {
            Assert.True(File.Exists(Path.Combine(folder, "timecourse.csv")), folder);
            Assert.True(File.Exists(Path.Combine(folder, "summary.json")), folder);
            var pngs = Directory.GetFiles(folder, "*.png");
            Assert.NotEmpty(pngs);
            Assert.All(pngs, p => Assert.True(CliRunner.IsPng(p), p));
        }
        foreach (var name in new[] { "ketamine-iv-0.5mgkg", "esketamine-nasal-56mg", "esketamine-nasal-84mg", "escitalopram-10mg-daily", "mouse-ketamine-ip-10mgkg",
            "ketamine-iv-0.5mgkg-trd-mechanism", "mouse-mor-sst-knockout-ketamine" })
            Assert.Contains(name, folders);
        Assert.True(File.Exists(Path.Combine(outDir, "ketamine-iv-0.5mgkg-trd-mechanism", "chain.png")));
        Assert.Equal(["demo"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Validate_json_parses_and_counts_match_the_checks()
    {
        var r = CliRunner.Run("validate", "--format", "json");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToArray();
        int passed = doc.RootElement.GetProperty("passed").GetInt32();
        int failed = doc.RootElement.GetProperty("failed").GetInt32();
        Assert.NotEmpty(checks);
        Assert.Equal(checks.Length, passed + failed);
        Assert.Equal(passed, checks.Count(c => c.GetProperty("pass").GetBoolean()));
        Assert.Equal(failed == 0 ? 0 : 1, r.ExitCode);
        foreach (var c in checks)
            foreach (var key in new[] { "id", "observable", "target", "simulated", "tolerance", "pass" })
                Assert.True(c.TryGetProperty(key, out _), key);
        Assert.Contains(checks, c => c.GetProperty("id").GetString() == "PK-1/Cmax" && c.GetProperty("tolerance").GetString() == "150-220 ng/mL");
    }

    /// <summary>
    /// The scorecard is complete and green: every calibration target has an evaluator — every CLIN arm mean and
    /// rate (all but the CLIN-4 shape) from virtual cohorts of the built-in trials — and every one passes.
    /// </summary>
    [Fact]
    public void Validate_evaluates_every_target_with_trial_cohorts_and_all_pass()
    {
        var r = CliRunner.Run("validate", "--format", "json");
        using var doc = JsonDocument.Parse(r.Stdout);
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToArray();
        // Every target passes, the maintenance targets (CLIN-12, CLIN-13) included.
        foreach (var c in checks)
            Assert.True(c.GetProperty("pass").GetBoolean(),
                $"{c.GetProperty("id").GetString()}: simulated {c.GetProperty("simulated")} outside {c.GetProperty("tolerance").GetString()}");
        // Every target has an evaluator now (CLIN-16/17 on the suicidal-crisis trials): nothing is pending.
        Assert.Empty(doc.RootElement.GetProperty("pending").EnumerateArray());
        foreach (var id in new[] { "CLIN-16/Madrs24h", "CLIN-16/Suicidality", "CLIN-17" })
            Assert.True(checks.Single(c => c.GetProperty("id").GetString() == id).GetProperty("pass").GetBoolean(), id);
        foreach (var id in new[] { "CLIN-1/Ketamine", "CLIN-1/Midazolam", "CLIN-5/Placebo", "CLIN-6/84mg", "CLIN-7/28mg", "CLIN-9", "CLIN-2/24h", "CLIN-2/72h", "CLIN-2/Day7", "CLIN-3/24h", "CLIN-3/72h", "CLIN-3/Day7", "CLIN-8/Remission", "CLIN-8/Response", "CLIN-10" })
            Assert.Contains(checks, c => c.GetProperty("id").GetString() == id);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Validate_table_lists_checks_and_pending_targets()
    {
        var r = CliRunner.Run("validate");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.StartsWith("id ", lines[0]);
        Assert.Contains("| observable", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("PK-1/Cmax", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" passed, ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("simulate", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("validate", "--help")]
    [InlineData("params", "--help")]
    [InlineData("compare", "--help")]
    public void Help_exits_0_and_shows_usage(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Equal("", r.Stderr);
    }
}
