using KetaSim.Design.Combination;
using KetaSim.IO.Input;

namespace KetaSim.Design.Tests.Combination;

/// <summary>Reading combination design specs: defaults, the base scenario's other doses, and located errors.</summary>
public class ComboSpecReaderTests
{
    private const string Base =
        "name: b\nsubject: { species: human, weight: 70 kg, age: 45 y, sex: male }\nduration: 26 h\noutput: { step: 30 min }\ndoses:\n" +
        "  - { drug: illustrative-mor-agonist, route: oral, amount: 4 mg }\n  - { drug: illustrative-rxfp3-agonist, route: oral, amount: 2 mg, start: 1 h }\n" +
        "mechanism:\n  patient: { stress: 1, baseline_madrs: 32, trd: true, placebo: none }\n";

    private static ComboSpec Read(string spec) => ComboSpecReader.Read("spec.yaml", spec, _ => ("base.yaml", Base));

    private static string Spec(string extra = "", string target = "{ metric: madrs_change@24h, equal_to: -8 }") =>
        "scenario: base.yaml\ncompounds:\n  - { drug: illustrative-mor-agonist, route: oral, doses: [0.5 mg, 40 mg] }\n" +
        $"target: {target}\nburden:\n  - {{ metric: moaas_trough, weight: 2 }}\n  - {{ metric: drug_liking_peak, weight: 0.1, worse: higher }}\n" + extra;

    [Fact]
    public void Defaults_and_directions_follow_the_metrics()
    {
        var s = Read(Spec());
        Assert.Equal("spec", s.Name);
        Assert.Equal(-8, s.Target.Value);
        Assert.Equal(EffectSense.LowerIsBetter, s.Target.Sense);             // a MADRS change falls with benefit
        Assert.Equal(EffectSense.LowerIsBetter, s.Burden[0].Worse);          // sedation is a low MOAA/S
        Assert.Equal(EffectSense.HigherIsBetter, s.Burden[1].Worse);
        Assert.Equal(1.0 / 3.0, s.LowDoseFraction, 12);
        Assert.Null(s.Cohort);
        Assert.Equal(0.5, s.Compounds[0].MinDose);
        Assert.True(s.Compounds[0].Illustrative);
    }

    [Fact]
    public void The_base_scenarios_other_doses_are_left_out_unless_kept()
    {
        var dropped = Read(Spec());
        Assert.Empty(dropped.Background);
        Assert.Equal("illustrative-rxfp3-agonist", Assert.Single(dropped.Dropped).Compound);
        var kept = Read(Spec("keep_background: true\n"));
        Assert.Equal("illustrative-rxfp3-agonist", Assert.Single(kept.Background).Compound);
        Assert.Empty(kept.Dropped);
        // The searched compound keeps its timing from the base scenario; its amount is the range's.
        Assert.Equal(0, kept.Compounds[0].Template.TimeHours);
    }

    [Theory]
    [InlineData("{ metric: madrs_change@24h, equal_to: reference }", "target.equal_to", "no reference")]
    [InlineData("{ metric: cadss_peak, equal_to: 3 }", "target.better", "no known good direction")]
    [InlineData("{ metric: madrs_change@24h, equal_to: -8, tolerance: -1 }", "target.tolerance", "non-negative")]
    [InlineData("{ metric: madrs_change@3d, equal_to: -8 }", "target.metric", "after the base scenario ends")]
    public void Bad_targets_are_located(string target, string field, string fragment)
    {
        var e = Assert.Throws<InputException>(() => Read(Spec(target: target)));
        Assert.Equal(field, e.Field);
        Assert.Equal("spec.yaml", e.File);
        Assert.Equal(4, e.Line);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Cohort_with_an_unknown_population_suggests_the_nearest()
    {
        var e = Assert.Throws<InputException>(() => Read(Spec("cohort: { population: trd-adlt, size: 10 }\n")));
        Assert.Equal("cohort.population", e.Field);
        Assert.Contains("did you mean 'trd-adult'", e.Message);
    }
}
