using KetaSim.Design.Sweeps;
using KetaSim.IO.Input;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.Design.Tests.Sweeps;

/// <summary>Trial sweeps: variants of a trial on the same subjects, compared on every endpoint.</summary>
public class TrialSweepTests
{
    private const string File = "sweep.yaml";

    internal const string Yaml = """
        name: sweep
        population: trd-adult
        subjects: 40
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

    private static readonly TrialDefinition Trial = TrialReader.Read(Yaml, File);

    private static IReadOnlyList<TrialVariant> Expand(CombinationMode combination, params string[] vary) =>
        TrialVariations.Expand(File, Trial, vary.Select(v => TrialVariations.Parse(File, v)).ToArray(), combination);

    private static IReadOnlyList<TrialVariant> Expand(params string[] vary) => Expand(CombinationMode.Factorial, vary);

    [Fact]
    public void A_parameter_sets_the_typical_value_in_every_arm()
    {
        var v = Expand("param:spine_lifetime_days=4,6");
        Assert.Equal(2, v.Count);
        Assert.All(v[1].Trial.Arms, a => Assert.Equal(6.0, a.RegimenTemplate.ParameterOverrides["spine_lifetime_days"]));
    }

    [Fact]
    public void A_dose_changes_only_the_arms_that_give_the_drug()
    {
        var v = Expand("dose:ketamine=0.25mg/kg");
        Assert.Equal(0.25, v[0].Trial.Arms[0].RegimenTemplate.Doses[0].Amount.Value);
        Assert.Empty(v[0].Trial.Arms[1].RegimenTemplate.Doses);
    }

    [Fact]
    public void A_population_and_a_schedule_vary_together_when_listed()
    {
        var v = Expand(CombinationMode.Listed, "population=trd-adult,trd-older-adult", "schedule:ketamine=once|twice weekly for 1 week");
        Assert.Equal("trd-older-adult", v[1].Trial.Population.Name);
        Assert.Equal([0.0, 72], v[1].Trial.Arms[0].RegimenTemplate.Doses.Select(d => d.TimeHours));
    }

    [Theory]
    [InlineData("drug=esketamine", "a trial cannot vary 'drug'")]
    [InlineData("population=trd-adutl", "did you mean 'trd-adult'")]
    [InlineData("param:spine_lifetme_days=4", "did you mean 'spine_lifetime_days'")]
    [InlineData("dose:esketamine=56mg", "no arm gives esketamine")]
    [InlineData("schedule:ketamine=daily for 2 weeks", "after the scenario ends")]
    public void Bad_settings_are_located_input_errors(string vary, string expected)
    {
        var e = Assert.Throws<InputException>(() => Expand(vary));
        Assert.Equal("--vary", e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_nominal_variant_reproduces_the_plain_trial_and_every_variant_shares_its_subjects()
    {
        double nominal = ScenarioEngineValue("spine_lifetime_days");
        var variants = Expand($"param:spine_lifetime_days={nominal.ToString(System.Globalization.CultureInfo.InvariantCulture)},9");
        var sweep = TrialSweep.Run(variants, 40, 3, 8, threads: 2);
        var plain = new TrialRunner(chunkSize: 8).Run(Trial, 40, 3, 1);
        Assert.Equal(plain.Arms[0].Visits[1].MeanChange, sweep[0].Result.Arms[0].Visits[1].MeanChange, 12);
        // Same subjects: the saline arm (no spines to keep) has the same randomisation counts in both variants.
        Assert.Equal(sweep[0].Result.Arms[1].Randomised, sweep[1].Result.Arms[1].Randomised);
        // Longer-lived new spines hold more relief at day 7 in the ketamine arm.
        Assert.True(sweep[1].Result.Arms[0].Visits[1].MeanChange < sweep[0].Result.Arms[0].Visits[1].MeanChange);
    }

    [Fact]
    public void A_sweep_is_the_same_for_one_thread_and_many()
    {
        var variants = Expand("dose:ketamine=0.25mg/kg,0.5mg/kg");
        var one = TrialSweep.Run(variants, 30, 5, 4, threads: 1);
        var many = TrialSweep.Run(variants, 30, 5, 4, threads: 3);
        for (int i = 0; i < one.Count; i++)
            Assert.Equal(TrialSweep.Endpoints(variants[i].Trial, one[i].Result), TrialSweep.Endpoints(variants[i].Trial, many[i].Result));
    }

    [Fact]
    public void Endpoints_carry_intervals_that_contain_their_estimates_and_the_writer_makes_one_table()
    {
        var variants = Expand("dose:ketamine=0.25mg/kg,0.5mg/kg");
        var results = TrialSweep.Run(variants, 40, 3, 8, threads: 2);
        var rows = TrialSweep.Endpoints(variants[0].Trial, results[0].Result);
        Assert.Contains(rows, r => r.Endpoint == "change_difference" && r.Arm == "ketamine vs saline");
        // An interval bound not reached (a Kaplan-Meier median's upper bound when the curve never falls that far) is NaN: unbounded.
        foreach (var r in rows.Where(r => double.IsFinite(r.Estimate)))
            Assert.True((double.IsNaN(r.Lower) || r.Estimate >= r.Lower - 1e-12) && (double.IsNaN(r.Upper) || r.Estimate <= r.Upper + 1e-12), $"{r}");
        Assert.All(rows.Where(r => r.Endpoint is "change" or "response" or "remission"), r => Assert.True(double.IsFinite(r.Lower) && double.IsFinite(r.Upper), $"{r}"));
        var dir = Directory.CreateTempSubdirectory("ketasim-trial-sweep-").FullName;
        try
        {
            var vars = new[] { TrialVariations.Parse(File, "dose:ketamine=0.25mg/kg,0.5mg/kg") };
            Assert.Equal([TrialSweepWriter.CsvName, TrialSweepWriter.JsonName, TrialSweepWriter.PngName], TrialSweepWriter.Write(dir, "sweep", vars, CombinationMode.Factorial, results));
            var csv = System.IO.File.ReadAllLines(Path.Combine(dir, TrialSweepWriter.CsvName));
            Assert.Equal("variant,dose:ketamine,arm,endpoint,time_h,estimate,lower_95,upper_95,n", csv[0]);
            Assert.Equal(1 + 2 * rows.Count, csv.Length);
            using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(dir, TrialSweepWriter.JsonName)));
            Assert.Equal(2, json.RootElement.GetProperty("variants").GetArrayLength());
            Assert.Equal("sweep", json.RootElement.GetProperty("variants")[0].GetProperty("summary").GetProperty("trial").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }

    private static double ScenarioEngineValue(string name) =>
        IO.Scenarios.ScenarioEngine.ModelOf(Trial.Arms[0].RegimenTemplate).Parameters.First(p => p.Name == name).Value;
}
