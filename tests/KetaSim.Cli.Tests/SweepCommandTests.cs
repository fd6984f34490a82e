using System.Text.Json;

namespace KetaSim.Cli.Tests;

/// <summary>`compare` and `trial` sweeps end to end: any parameter, any drug's dose and schedule, listed combinations, the comparison table.</summary>
public class SweepCommandTests
{
    private static string Scenario => Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg-trd-mechanism.yaml");

    private const string Trial = """
        name: sweep
        population: trd-adult
        subjects: 30
        seed: 3
        duration: 7 d
        visits: [24 h, 7 d]
        arms:
          - name: ketamine
            placebo: active-placebo
            doses:
              - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }
          - name: saline
            placebo: saline
            doses: []
        control: saline
        """;

    [Fact]
    public void Compare_varies_a_parameter_with_units_and_tabulates_metrics()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("compare", Scenario, "--vary", "param:spine_lifetime_days=96h,6d", "--vary", "dose:ketamine=0.25mg/kg,0.5mg/kg",
            "--combine", "listed", "--metric", "madrs_change@7d,cadss_peak", "--out", tmp["cmp"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("2 variants", r.Stdout);
        Assert.Contains("madrs_change@7d", r.Stdout);
        var table = File.ReadAllLines(tmp["cmp/compare-table.csv"]);
        Assert.Equal("variant,param:spine_lifetime_days,dose:ketamine,madrs_change@7d,cadss_peak,warnings", table[0]);
        Assert.Equal(3, table.Length);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["cmp/compare.json"]));
        Assert.Equal("listed", json.RootElement.GetProperty("combination").GetString());
        var outputs = json.RootElement.GetProperty("variants")[1].GetProperty("outputs");
        Assert.True(outputs.GetProperty("madrs_change@7d").GetDouble() < 0);
        Assert.True(CliRunner.IsPng(tmp["cmp/compare-table.png"]));
    }

    [Theory]
    [InlineData("param:spine_lifetme_days=4", "did you mean 'spine_lifetime_days'")]
    [InlineData("param:spine_lifetime_days=4L/h", "does not match")]
    [InlineData("dose:esketamine=56mg", "gives no esketamine")]
    public void Compare_refuses_bad_targeted_values_before_any_output(string vary, string fragment)
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("compare", Scenario, "--vary", vary, "--out", tmp["cmp"]);
        CliRunner.AssertBadInput(r, vary, Scenario, "--vary", fragment);
        Assert.False(Directory.Exists(tmp["cmp"]));
    }

    [Fact]
    public void Compare_refuses_an_unknown_metric_and_combination()
    {
        using var tmp = new TempDir();
        CliRunner.AssertBadInput(CliRunner.Run("compare", Scenario, "--vary", "dose=0.25mg/kg", "--metric", "madrss@24h", "--out", tmp["a"]),
            "metric", Scenario, "--metric", "did you mean 'madrs'");
        CliRunner.AssertBadInput(CliRunner.Run("compare", Scenario, "--vary", "dose=0.25mg/kg", "--combine", "crossed", "--out", tmp["b"]),
            "combine", Scenario, "--combine", "factorial or listed");
        Assert.False(Directory.Exists(tmp["a"]) || Directory.Exists(tmp["b"]));
    }

    [Fact]
    public void Trial_sweep_writes_the_comparison_of_every_variant()
    {
        using var tmp = new TempDir();
        var file = tmp["sweep.yaml"];
        File.WriteAllText(file, Trial);
        var r = CliRunner.Run("trial", file, "--vary", "dose:ketamine=0.25mg/kg,0.5mg/kg", "--out", tmp["out"], "--threads", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("2 variants x 30 subjects", r.Stdout);
        Assert.Contains("dose:ketamine=0.25mg/kg  ketamine", r.Stdout);
        Assert.True(File.Exists(tmp["out/sweep.csv"]));
        Assert.True(CliRunner.IsPng(tmp["out/sweep.png"]));
        Assert.False(File.Exists(tmp["out/run.duckdb"]));
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["out/sweep.json"]));
        Assert.Equal(30, json.RootElement.GetProperty("subjects").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("variants").GetArrayLength());
    }

    [Fact]
    public void Trial_sweep_refuses_resume_and_bad_keys_before_any_output()
    {
        using var tmp = new TempDir();
        var file = tmp["sweep.yaml"];
        File.WriteAllText(file, Trial);
        CliRunner.AssertRefusedBeforeOutput(CliRunner.Run("trial", file, "--vary", "dose:ketamine=0.25mg/kg", "--resume", "--out", tmp["a"]), tmp["a"], "--resume", "keeps no result store");
        CliRunner.AssertBadInput(CliRunner.Run("trial", file, "--vary", "knockout=MOR@SST", "--out", tmp["b"]), "key", file, "--vary", "a trial cannot vary 'knockout'");
        CliRunner.AssertBadInput(CliRunner.Run("trial", file, "--combine", "listed", "--out", tmp["c"]), "combine", file, "--combine", "only applies to --vary");
        Assert.False(Directory.Exists(tmp["b"]) || Directory.Exists(tmp["c"]));
    }
}
