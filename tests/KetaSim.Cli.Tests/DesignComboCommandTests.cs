using System.Text.Json.Nodes;

namespace KetaSim.Cli.Tests;

/// <summary><c>ketasim design combo</c> end to end: the built-in example at a tiny search size, and bad specs refused with a located line.</summary>
public class DesignComboCommandTests
{
    private const string Example = "illustrative-three-drug-combination";
    private static readonly string[] Tiny = ["--samples", "4", "--directions", "2", "--refine-rounds", "0", "--solo-points", "4", "--threads", "2"];

    private static string BaseScenario => Path.Combine(CliRunner.DataDirectory, "design", "scenarios", "illustrative-combination-trd.yaml");

    private static string Spec(string compounds, string burden = "  - { metric: cadss_peak, weight: 1 }\n") =>
        "name: t\nscenario: base.yaml\ncompounds:\n" + compounds +
        "reference: { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n" +
        "target: { metric: madrs_change@24h, equal_to: reference }\nburden:\n" + burden;

    private const string TwoCompounds =
        "  - { drug: illustrative-mor-agonist, route: oral, doses: [0.1 mg, 100 mg] }\n" +
        "  - { drug: illustrative-rxfp3-agonist, route: oral, doses: [0.03 mg, 30 mg] }\n";

    [Fact]
    public void The_built_in_example_runs_by_name_and_says_its_compounds_are_illustrative()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run(["design", "combo", Example, "--out", tmp["out"], .. Tiny]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var f in new[] { "combo.json", "candidates.csv", "pareto.csv", "isobologram.png", "pareto.png" })
            Assert.True(File.Exists(tmp["out/" + f]), f);
        Assert.True(CliRunner.IsPng(tmp["out/isobologram.png"]) && CliRunner.IsPng(tmp["out/pareto.png"]));
        Assert.Contains("ILLUSTRATIVE compounds", r.Stdout);
        Assert.Contains("[illustrative-compound]", r.Stderr);
        Assert.Contains("[combo] isobole", r.Stderr);   // progress on stderr
        var json = JsonNode.Parse(File.ReadAllText(tmp["out/combo.json"]))!;
        Assert.Equal(3, json["illustrative_compounds"]!.AsArray().Count);
        Assert.Contains(json["warnings"]!.AsArray(), w => (string?)w!["code"] == "illustrative-compound");
        Assert.Contains("ILLUSTRATIVE", (string?)json["note"]);
        // The target is the reference's own 24-h change, which ketamine in the model brings down.
        Assert.Equal((double)json["reference"]!["effect"]!, (double)json["target"]!["value"]!);
        Assert.True((double)json["target"]!["value"]! < -3);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["verdict"]!["text"]));
        var csv = File.ReadAllLines(tmp["out/candidates.csv"]);
        Assert.EndsWith("illustrative_compounds", csv[0]);
        Assert.True(csv.Length > 10);
        Assert.All(csv.Skip(1), line => Assert.EndsWith("illustrative-mor-agonist;illustrative-rxfp3-agonist;illustrative-prokr2-antagonist", line));
    }

    public static TheoryData<string, string, string, string> BadSpecs => new()
    {
        // case, spec, located field, fragment
        { "reversed dose range", Spec("  - { drug: illustrative-mor-agonist, route: oral, doses: [40 mg, 0.5 mg] }\n"), ":4: compounds[0].doses", "reversed" },
        { "unknown drug", Spec("  - { drug: illustrative-mor-agonst, route: oral, doses: [0.5 mg, 40 mg] }\n"), ":4: compounds[0].drug = 'illustrative-mor-agonst'", "did you mean 'illustrative-mor-agonist'?" },
        { "unknown metric", Spec(TwoCompounds, "  - { metric: cadss_peek, weight: 1 }\n"), ":9: burden[0].metric = 'cadss_peek'", "not a metric" },
        { "unknown observable", Spec(TwoCompounds, "  - { metric: cadsss_peak, weight: 1 }\n"), ":9: burden[0].metric = 'cadsss_peak'", "did you mean 'cadss'?" },
        { "route the compound lacks", Spec("  - { drug: illustrative-mor-agonist, route: iv-infusion, doses: [0.5 mg, 40 mg] }\n"), ":4: compounds[0].route", "allowed: oral" },
        { "observable of one compound only", Spec(TwoCompounds, "  - { metric: illustrative_rxfp3_agonist_brain_unbound_um_peak, weight: 1 }\n"), ":9: burden[0].metric", "exists only in runs that dose a particular compound" },
        { "negative weight", Spec(TwoCompounds, "  - { metric: cadss_peak, weight: -1 }\n"), ":9: burden[0].weight", "0 or more" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void A_bad_spec_exits_2_with_one_located_line_and_writes_nothing(string name, string spec, string located, string fragment)
    {
        using var tmp = new TempDir();
        File.Copy(BaseScenario, tmp["base.yaml"]);
        File.WriteAllText(tmp["spec.yaml"], spec);
        var r = CliRunner.Run("design", "combo", tmp["spec.yaml"], "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, name, tmp["spec.yaml"], located, fragment);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void An_unknown_built_in_name_suggests_the_nearest()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("design", "combo", "illustrative-three-drug-combo", "--out", tmp["out"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'illustrative-three-drug-combination'?", r.Stderr);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void A_missing_base_scenario_is_located_at_the_scenario_key()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["spec.yaml"], Spec(TwoCompounds));
        var r = CliRunner.Run("design", "combo", tmp["spec.yaml"], "--out", tmp["out"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("base.yaml", r.Stderr);
        Assert.Contains("not found", r.Stderr);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void A_target_the_ranges_cannot_reach_reports_the_best_reachable_and_exits_0()
    {
        using var tmp = new TempDir();
        File.Copy(BaseScenario, tmp["base.yaml"]);
        // At most 1 mg of the MOR agonist and 3 mg of the PROKR2 antagonist: far short of ketamine's 24-h change in the model.
        File.WriteAllText(tmp["spec.yaml"], Spec("  - { drug: illustrative-mor-agonist, route: oral, doses: [0.1 mg, 1 mg] }\n" +
            "  - { drug: illustrative-prokr2-antagonist, route: oral, doses: [0.3 mg, 3 mg] }\n"));
        var r = CliRunner.Run(["design", "combo", tmp["spec.yaml"], "--out", tmp["out"], .. Tiny]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("NOT REACHED", r.Stdout);
        Assert.Contains("best reachable", r.Stdout);
        Assert.Contains("left out", r.Stderr);   // the base scenario's RXFP3 agonist dose is not searched
        var json = JsonNode.Parse(File.ReadAllText(tmp["out/combo.json"]))!;
        Assert.False((bool)json["verdict"]!["target_reached"]!);
        Assert.Null(json["best"]);
        double best = (double)json["best_reachable"]!["effect"]!, target = (double)json["target"]!["value"]!;
        Assert.True(best > target && best < 0, $"best reachable {best}, target {target}");
        Assert.All(json["solo"]!.AsArray(), s => Assert.False((bool)s!["reached"]!));
    }
}
