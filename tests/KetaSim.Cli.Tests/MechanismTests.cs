using System.Text.Json;

namespace KetaSim.Cli.Tests;

/// <summary>
/// Issue 3 part 8 end to end: the mechanism block's bad inputs (exit 2, one located line, nothing written),
/// user compound files, the chain figure, and `ketasim compare`.
/// </summary>
public class MechanismTests
{
    private const string Ketamine = "name: t\nduration: 24 h\ndoses:\n  - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n";

    public static TheoryData<string, string, string, string> BadCases => new()
    {
        // case, YAML, expected "file:line: field = 'value'" part, expected fragment of the rest (what is allowed)
        { "unknown hypothesis", Ketamine + "mechanism:\n  hypothesis: opioid-only\n", ":6: mechanism.hypothesis = 'opioid-only'", "allowed: nmda-disinhibition, mor-gated, direct-mor" },
        { "unknown target in a knockout", Ketamine + "mechanism:\n  knockouts: [DOR@SST]\n", ":6: mechanism.knockouts[0] = 'DOR@SST'", "allowed: NMDA, MOR, KOR" },
        { "knockout of a target not on that cell", Ketamine + "mechanism:\n  knockouts: [SERT@SST]\n", ":6: mechanism.knockouts[0] = 'SERT@SST'", "MOR@SST" },
        { "unknown placebo kind", Ketamine + "mechanism:\n  patient: { placebo: sugar-pill }\n", ":6: mechanism.patient.placebo = 'sugar-pill'", "allowed: none, saline, active-placebo, new-oral-antidepressant, tablet, continued-oral-antidepressant, open-label, hospital-standard-of-care" },
        { "stress outside [0, 1]", Ketamine + "mechanism:\n  patient:\n    stress: 1.5\n", ":7: mechanism.patient.stress = '1.5'", "allowed: 0 <= stress <= 1" },
        { "baseline MADRS outside [0, 60]", Ketamine + "mechanism:\n  patient:\n    baseline_madrs: 72\n", ":7: mechanism.patient.baseline_madrs = '72'", "allowed: 0 <= baseline_madrs <= 60" },
        { "negative responsiveness", Ketamine + "mechanism:\n  patient:\n    responsiveness: -0.5\n", ":7: mechanism.patient.responsiveness = '-0.5'", "allowed: 0 <= responsiveness" },
        { "unknown circuit mode", Ketamine + "mechanism: { circuit: fast }\n", ":5: mechanism.circuit = 'fast'", "allowed: quasi-steady-state, dynamic" },
        { "unknown observable of a mechanism model", Ketamine.Replace("duration: 24 h\n", "duration: 24 h\noutput: { observables: [madrss] }\n") + "mechanism: {}\n", ":3: output.observables[0] = 'madrss'", "did you mean 'madrs" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Bad_mechanism_input_exits_2_with_one_located_line_and_leaves_no_output(string name, string yaml, string located, string fragment)
    {
        using var tmp = new TempDir();
        var file = tmp["scenario.yaml"];
        File.WriteAllText(file, yaml);
        var r = CliRunner.Run("simulate", file, "--out", tmp["out/run"]);
        CliRunner.AssertBadInput(r, name, file, located, fragment);
        Assert.Equal(["scenario.yaml"], tmp.Entries());
    }


    [Fact]
    public void Simulate_with_a_mechanism_writes_the_chain_figure()
    {
        using var tmp = new TempDir();
        var file = tmp["k.yaml"];
        File.WriteAllText(file, Ketamine + "mechanism: {}\n");
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("chain.png", r.Stdout);
        Assert.True(CliRunner.IsPng(tmp["out/chain.png"]));
        var header = File.ReadLines(tmp["out/timecourse.csv"]).First().Split(',');
        Assert.Contains("ketamine_plasma_ng_per_ml", header);
        Assert.Contains("occupancy_NMDA", header);
    }

    [Fact]
    public void Simulate_without_a_mechanism_writes_no_chain_figure()
    {
        using var tmp = new TempDir();
        var file = tmp["k.yaml"];
        File.WriteAllText(file, Ketamine);
        Assert.Equal(0, CliRunner.Run("simulate", file, "--out", tmp["out"]).ExitCode);
        Assert.False(File.Exists(tmp["out/chain.png"]));
    }

    [Fact]
    public void Compare_hypotheses_writes_csv_json_and_png()
    {
        using var tmp = new TempDir();
        var file = tmp["k.yaml"];
        File.WriteAllText(file, Ketamine + "mechanism: {}\n");
        var r = CliRunner.Run("compare", file, "--vary", "hypothesis=nmda-disinhibition,mor-gated,direct-mor", "--out", tmp["cmp"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("3 variants", r.Stdout);
        var header = File.ReadLines(tmp["cmp/compare.csv"]).First().Split(',');
        Assert.Equal("time_h", header[0]);
        Assert.Contains(header, h => h.EndsWith("[hypothesis=direct-mor]", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["cmp/compare.json"]));
        Assert.Equal(3, json.RootElement.GetProperty("variants").GetArrayLength());
        Assert.Equal(header.Length - 1, 3 * json.RootElement.GetProperty("observables").GetArrayLength());
        Assert.True(CliRunner.IsPng(tmp["cmp/compare.png"]));
    }

    [Fact]
    public void Compare_knockout_grid_on_the_mouse_example()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("compare", Path.Combine(CliRunner.ScenariosDirectory, "mouse-ketamine-ip-10mgkg-mechanism.yaml"),
            "--vary", "knockout=none,MOR@SST", "--vary", "hypothesis=nmda-disinhibition,mor-gated", "--out", tmp["cmp"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["cmp/compare.json"]));
        var labels = json.RootElement.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("label").GetString()).ToArray();
        Assert.Equal(["knockout=none hypothesis=nmda-disinhibition", "knockout=none hypothesis=mor-gated",
            "knockout=MOR@SST hypothesis=nmda-disinhibition", "knockout=MOR@SST hypothesis=mor-gated"], labels);
    }

    [Fact]
    public void Compare_doses_of_a_PK_only_scenario_compares_concentrations()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("compare", Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml"),
            "--vary", "dose=0.25mg/kg,0.5mg/kg", "--observables", "ketamine_plasma_ng_per_ml", "--out", tmp["cmp"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("time_h,ketamine_plasma_ng_per_ml[dose=0.25mg/kg],ketamine_plasma_ng_per_ml[dose=0.5mg/kg]", File.ReadLines(tmp["cmp/compare.csv"]).First());
    }

    public static TheoryData<string[], string> BadVaries => new()
    {
        { ["--vary", "hypothesis=mor-gated,opioid-only"], "allowed: nmda-disinhibition, mor-gated, direct-mor" },
        { ["--vary", "drug=ketamine,ketamin"], "did you mean 'ketamine'?" },
        { ["--vary", "dose=0.25mg/kg,5g/kg"], "at most 10 mg/kg" },
        { ["--vary", "knockout=none,SERT@SST"], "MOR@SST" },
        { ["--vary", "colour=red"], "allowed: hypothesis, drug, dose, knockout" },
        { ["--vary", "dose=0.5mg/kg", "--observables", "madrss"], "did you mean 'madrs'?" },
    };

    [Theory]
    [MemberData(nameof(BadVaries))]
    public void Bad_vary_exits_2_with_the_allowed_values_and_writes_nothing(string[] options, string fragment)
    {
        using var tmp = new TempDir();
        var file = tmp["k.yaml"];
        File.WriteAllText(file, Ketamine + "mechanism: {}\n");
        var r = CliRunner.Run(["compare", file, .. options, "--out", tmp["cmp"]]);
        CliRunner.AssertBadInput(r, string.Join(" ", options), file, ": --", fragment);
        Assert.Equal(["k.yaml"], tmp.Entries());
    }

    [Fact]
    public void Compare_without_vary_is_a_usage_error()
    {
        var r = CliRunner.Run("compare", "x.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--vary", r.Stderr);
    }
}
