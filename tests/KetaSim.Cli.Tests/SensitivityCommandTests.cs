using System.Text.Json.Nodes;

namespace KetaSim.Cli.Tests;

/// <summary><c>ketasim sensitivity</c> end to end on a two-day ketamine infusion with two parameters.</summary>
public class SensitivityCommandTests
{
    private const string Scenario =
        "name: k\nduration: 2 d\noutput: { step: 30 min }\ndoses:\n  - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n" +
        "mechanism:\n  patient: { stress: 1, baseline_madrs: 32, trd: true }\n";

    private const string Params = "circuit_adaptation_gain,spine_lifetime_days";

    private static string Write(TempDir tmp)
    {
        File.WriteAllText(tmp["k.yaml"], Scenario);
        return tmp["k.yaml"];
    }

    [Fact]
    public void Local_writes_the_table_files_and_a_tornado_per_metric()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("sensitivity", Write(tmp), "--metric", "madrs_change@24h,madrs@2d", "--params", Params, "--out", tmp["out"], "--threads", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("local sensitivity of 2 metric(s) to 2 parameter(s), 5 evaluations", r.Stdout);
        // The table ranks by |S|: the adaptation gain first.
        var lines = r.Stdout.Split('\n');
        int header = Array.FindIndex(lines, l => l.Contains("madrs_change@24h (nominal"));
        Assert.StartsWith("    circuit_adaptation_gain", lines[header + 2]);
        Assert.Equal(["k.yaml", "out", "out/sensitivity.csv", "out/sensitivity.json", "out/tornado_madrs_2d.png", "out/tornado_madrs_change_24h.png"], tmp.Entries());
        var json = JsonNode.Parse(File.ReadAllText(tmp["out/sensitivity.json"]))!;
        Assert.Equal("local", (string?)json["method"]);
        Assert.Equal(0.01, (double)json["settings"]!["relative_step"]!);
        var s = json["indices"]!.AsArray().Single(x => (string?)x!["metric"] == "madrs_change@24h" && (string?)x["parameter"] == "circuit_adaptation_gain" && (string?)x["index"] == "S")!;
        Assert.True((double)s["value"]! < 0);
    }

    [Fact]
    public void Sobol_and_morris_write_their_figures_and_repeat_exactly_with_the_seed()
    {
        using var tmp = new TempDir();
        var scenario = Write(tmp);
        var a = CliRunner.Run("sensitivity", scenario, "--metric", "madrs@24h", "--params", Params + "=3:8", "--method", "sobol", "--n", "16", "--seed", "4", "--threads", "1", "--out", tmp["a"]);
        var b = CliRunner.Run("sensitivity", scenario, "--metric", "madrs@24h", "--params", Params + "=3:8", "--method", "sobol", "--n", "16", "--seed", "4", "--threads", "3", "--out", tmp["b"]);
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Equal(File.ReadAllText(tmp["a/sensitivity.csv"]), File.ReadAllText(tmp["b/sensitivity.csv"]));
        Assert.True(File.Exists(tmp["a/sobol_madrs_24h.png"]));
        Assert.Contains("S1", a.Stdout);
        Assert.Contains("95% CI", a.Stdout);

        var m = CliRunner.Run("sensitivity", scenario, "--metric", "madrs@24h", "--params", Params, "--method", "morris", "--n", "4", "--out", tmp["m"]);
        Assert.True(m.ExitCode == 0, m.Stderr);
        Assert.Contains("13 evaluations", m.Stdout);   // 4 trajectories × 3 points + the nominal run
        Assert.True(File.Exists(tmp["m/morris_madrs_24h.png"]));
        var json = JsonNode.Parse(File.ReadAllText(tmp["m/sensitivity.json"]))!;
        Assert.Equal(4, (int)json["settings"]!["trajectories"]!);
        Assert.Contains(json["indices"]!.AsArray(), x => (string?)x!["index"] == "mu_star");
    }

    [Fact]
    public void A_cohort_metric_runs_on_the_named_population()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("sensitivity", Write(tmp), "--metric", "response@24h", "--params", "circuit_adaptation_gain", "--cohort", "trd-adult", "--cohort-size", "3", "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("3-subject trd-adult cohort", r.Stdout);
        var json = JsonNode.Parse(File.ReadAllText(tmp["out/sensitivity.json"]))!;
        Assert.Equal(3, (int)json["cohort"]!["size"]!);
        Assert.Contains("warning:", r.Stderr);   // a share over 3 subjects is coarse, and said so
    }

    [Fact]
    public void Illustrative_compounds_are_warned_about_on_stderr_and_in_the_json()
    {
        using var tmp = new TempDir();
        var scenario = Path.Combine(CliRunner.ScenariosDirectory, "illustrative-three-drug-combination.yaml");
        var r = CliRunner.Run("sensitivity", scenario, "--metric", "stress_behaviour_index_change@24h", "--params", "circuit_adaptation_gain", "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("[illustrative-compound]", r.Stderr);
        var json = JsonNode.Parse(File.ReadAllText(tmp["out/sensitivity.json"]))!;
        Assert.Contains(json["warnings"]!.AsArray(), w => (string?)w!["code"] == "illustrative-compound");
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "unknown parameter", ["--params", "circuit_adaptation_gian"], "did you mean 'circuit_adaptation_gain'" },
        { "reversed bounds", ["--params", "circuit_adaptation_gain=1:0.5"], "reversed" },
        { "unknown metric", ["--metric", "madrs_chnage@24h"], "--metric" },
        { "n too small", ["--method", "sobol", "--n", "3"], "--n" },
        { "n with local", ["--n", "100"], "local sensitivity has no sample size" },
        { "unknown method", ["--method", "sobl"], "did you mean 'sobol'" },
        { "unknown population", ["--cohort", "trd-adlt"], "did you mean 'trd-adult'" },
        { "size without a cohort", ["--cohort-size", "10"], "needs --cohort" },
        { "metric after the end", ["--metric", "madrs@5d"], "after the scenario ends" },
        { "sobol without parameters", ["--method", "sobol", "--params", ""], "--params" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_one_line_and_writes_nothing(string name, string[] change, string fragment)
    {
        using var tmp = new TempDir();
        var args = new Dictionary<string, string> { ["--metric"] = "madrs@24h", ["--params"] = Params };
        for (int i = 0; i < change.Length; i += 2) args[change[i]] = change[i + 1];
        var argv = new List<string> { "sensitivity", Write(tmp), "--out", tmp["out"] };
        foreach (var (k, v) in args)
            if (v.Length > 0) argv.AddRange([k, v]);
        var r = CliRunner.Run([.. argv]);
        CliRunner.AssertRefusedBeforeOutput(r, tmp["out"], fragment);
        Assert.True(r.Stderr.TrimEnd().Split('\n').Length == 1, $"{name}: {r.Stderr}");
        Assert.Equal("", r.Stdout);
    }
}
