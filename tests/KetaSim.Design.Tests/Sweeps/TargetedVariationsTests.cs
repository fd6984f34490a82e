using KetaSim.Design.Sweeps;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Tests.Sweeps;

/// <summary>`--vary param:NAME`, `dose:DRUG`, `schedule:DRUG` and listed combinations, against the real model's parameters.</summary>
public class TargetedVariationsTests
{
    private const string File = "t.yaml";

    private static readonly ScenarioDocument Doc = ScenarioEngine.Reader.Read(File, """
        name: t
        duration: 14 d
        output: { step: 1 h }
        doses:
          - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }
          - { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 14 days }
        mechanism: { patient: { stress: 1, baseline_madrs: 32, trd: true } }
        """);

    private static IReadOnlyList<Variant> Expand(CombinationMode combination, params string[] vary) =>
        Variations.Expand(Doc, vary.Select(v => Variations.Parse(File, v)).ToArray(), ScenarioEngine.Catalog, combination);

    private static IReadOnlyList<Variant> Expand(params string[] vary) => Expand(CombinationMode.Factorial, vary);

    private static InputException Fail(CombinationMode combination, params string[] vary)
    {
        var e = Assert.Throws<InputException>(() => Expand(combination, vary));
        Assert.Equal("--vary", e.Field);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("allowed: ", e.Message);
        return e;
    }

    private static InputException Fail(params string[] vary) => Fail(CombinationMode.Factorial, vary);

    [Fact]
    public void A_parameter_takes_its_own_unit_or_a_converted_time()
    {
        var v = Expand("param:spine_lifetime_days=4,120h,1w");
        Assert.Equal([4.0, 5.0, 7.0], v.Select(x => x.Scenario.ParameterOverrides["spine_lifetime_days"]));
        Assert.Equal("param:spine_lifetime_days=120h", v[1].Label);
    }

    [Fact]
    public void A_parameter_value_with_its_unit_written_out_is_taken_as_is()
    {
        var v = Expand("param:spine_consolidation_rate_per_day=0.2 1/d,0.4");
        Assert.Equal([0.2, 0.4], v.Select(x => x.Scenario.ParameterOverrides["spine_consolidation_rate_per_day"]));
    }

    [Theory]
    [InlineData("param:spine_lifetme_days=4", "did you mean 'spine_lifetime_days'")]
    [InlineData("param:spine_lifetime_days=4L/h", "does not match")]
    [InlineData("param:spine_lifetime_days=four", "not a number")]
    [InlineData("param:spine_lifetime_days=1e9", "outside the admissible range")]
    [InlineData("dose:esketamine=56mg", "gives no esketamine")]
    [InlineData("dose:escitalopram=5 parsecs", "'5 parsecs'")]
    [InlineData("schedule:ketamine=weekly for 3 weeks", "after the scenario ends")]
    [InlineData("schedule:ketamine=fortnightly", "expected")]
    [InlineData("paramm:x=1", "cannot vary")]
    [InlineData("param:=1", "names no parameter")]
    public void Bad_targeted_values_are_located_input_errors(string vary, string expected)
    {
        Assert.Contains(expected, Fail(vary).Message);
    }

    [Fact]
    public void A_continued_medication_keeps_its_schedule()
    {
        var doc = ScenarioEngine.Reader.Read(File, """
            name: c
            duration: 7 d
            doses:
              - { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 7 days, continued: true }
            """);
        var e = Assert.Throws<InputException>(() => Variations.Expand(doc, [Variations.Parse(File, "schedule:escitalopram=once")], ScenarioEngine.Catalog));
        Assert.Contains("continued medication", e.Message);
    }

    [Fact]
    public void A_dose_of_a_named_drug_changes_only_that_drug()
    {
        var v = Expand("dose:escitalopram=20mg");
        var s = v[0].Scenario;
        Assert.All(s.Doses.Where(d => d.Compound == "escitalopram"), d => Assert.Equal(20, d.Amount.Value));
        Assert.All(s.Doses.Where(d => d.Compound == "ketamine"), d => Assert.Equal(0.5, d.Amount.Value));
    }

    [Fact]
    public void A_schedule_replaces_the_drugs_dose_times_and_keeps_its_dose()
    {
        var v = Expand("schedule:ketamine=once|twice weekly for 2 weeks");
        Assert.Equal([0.0], v[0].Scenario.Doses.Where(d => d.Compound == "ketamine").Select(d => d.TimeHours));
        Assert.Equal([0.0, 72, 168, 240], v[1].Scenario.Doses.Where(d => d.Compound == "ketamine").Select(d => d.TimeHours));
        Assert.All(v[1].Scenario.Doses.Where(d => d.Compound == "ketamine"), d => Assert.Equal(40.0 / 60, d.DurationHours!.Value, 12));
        Assert.Equal(14, v[1].Scenario.Doses.Count(d => d.Compound == "escitalopram"));
    }

    [Fact]
    public void Listed_combinations_pair_the_values_and_factorial_crosses_them()
    {
        string[] vary = ["schedule:ketamine=once|twice weekly for 2 weeks", "dose=0.5mg/kg,0.25mg/kg"];
        var listed = Expand(CombinationMode.Listed, vary);
        Assert.Equal(2, listed.Count);
        Assert.Equal(0.25, listed[1].Scenario.Doses.First(d => d.Compound == "ketamine").Amount.Value);
        Assert.Equal(4, listed[1].Scenario.Doses.Count(d => d.Compound == "ketamine"));
        Assert.Equal(4, Expand(CombinationMode.Factorial, vary).Count);
    }

    [Fact]
    public void Listed_combinations_need_equal_value_counts()
    {
        Assert.Contains("same number of values", Fail(CombinationMode.Listed, "dose=0.5mg/kg,0.25mg/kg", "param:spine_lifetime_days=4").Message);
    }

    [Fact]
    public void A_comparison_tabulates_metrics_per_variant_that_follow_the_parameter()
    {
        var c = Comparison.Run(Doc, [Variations.Parse(File, "param:spine_lifetime_days=3,8")], [], CombinationMode.Factorial, ["madrs_change@7d", "cadss_peak"]);
        Assert.Equal(2, c.Metrics.Count);
        // Longer-lived new spines hold more of the relief at day 7; dissociation (PK-driven) does not depend on them.
        Assert.True(c.Results[1].MetricValues[0] < c.Results[0].MetricValues[0] - 0.5, $"{c.Results[1].MetricValues[0]} vs {c.Results[0].MetricValues[0]}");
        Assert.Equal(c.Results[0].MetricValues[1], c.Results[1].MetricValues[1], 9);
        var dir = Directory.CreateTempSubdirectory("ketasim-sweep-").FullName;
        try
        {
            var files = ComparisonWriter.Write(dir, c);
            Assert.Contains(ComparisonWriter.TableName, files);
            var lines = System.IO.File.ReadAllLines(Path.Combine(dir, ComparisonWriter.TableName));
            Assert.Equal("variant,param:spine_lifetime_days,madrs_change@7d,cadss_peak,warnings", lines[0]);
            Assert.Equal(3, lines.Length);
            Assert.True(new FileInfo(Path.Combine(dir, ComparisonWriter.TablePngName)).Length > 10_000);
        }
        finally { Directory.Delete(dir, true); }
    }
}
