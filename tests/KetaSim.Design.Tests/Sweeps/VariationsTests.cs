using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Design.Sweeps;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Tests.Sweeps;

/// <summary>`--vary` parsing and the variants it makes (against the fixed test vocabulary).</summary>
public class VariationsTests
{
    private const string File = "s.yaml";

    private static readonly ScenarioCatalog Catalog = new(
        new Dictionary<string, IReadOnlyCollection<Route>>
        {
            ["ketamine"] = [Route.IvBolus, Route.IvInfusion],
            ["esketamine"] = [Route.IvBolus, Route.Intranasal],
            ["escitalopram"] = [Route.Oral],
        })
    {
        KnockoutsFor = _ => ["NMDA@SST", "MOR@SST", "KOR@SST", "NMDA@Pyr", "SERT@raphe"],
    };

    private static readonly ScenarioDocument Base = new ScenarioReader(Catalog).Read(File, """
        name: base
        duration: 24 h
        doses:
          - { drug: ketamine, route: iv-bolus, amount: 0.5 mg/kg }
          - { drug: escitalopram, route: oral, amount: 10 mg }
        mechanism: { hypothesis: mor-gated }
        """);

    private static IReadOnlyList<Variant> Expand(params string[] vary) =>
        Variations.Expand(Base, vary.Select(v => Variations.Parse(File, v)).ToArray(), Catalog);

    private static InputException Fail(params string[] vary)
    {
        var e = Assert.Throws<InputException>(() => Expand(vary));
        Assert.Equal("--vary", e.Field);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{File}: --vary = '", e.Message);
        Assert.Contains("allowed: ", e.Message);
        return e;
    }

    [Fact]
    public void Hypotheses_make_one_variant_each_in_order()
    {
        var v = Expand("hypothesis=nmda-disinhibition,mor-gated,direct-mor");
        Assert.Equal(Hypotheses.All, v.Select(x => x.Scenario.Mechanism!.Hypothesis));
        Assert.Equal("hypothesis=nmda-disinhibition", v[0].Label);
        Assert.Equal("direct-mor", v[2].ShortLabel);
    }

    [Fact]
    public void Two_varies_make_the_grid_with_the_last_varying_fastest()
    {
        var v = Expand("hypothesis=nmda-disinhibition,mor-gated", "knockout=none,MOR@SST+KOR@SST");
        Assert.Equal(4, v.Count);
        Assert.Equal("hypothesis=nmda-disinhibition knockout=none", v[0].Label);
        Assert.Equal("hypothesis=nmda-disinhibition knockout=MOR@SST+KOR@SST", v[1].Label);
        Assert.Empty(v[0].Scenario.Mechanism!.Knockouts);
        Assert.Equal([new Knockout("MOR", "SST"), new Knockout("KOR", "SST")], v[1].Scenario.Mechanism!.Knockouts);
        Assert.Equal(Hypotheses.MorGated, v[3].Scenario.Mechanism!.Hypothesis);
    }

    [Fact]
    public void Dose_changes_only_the_first_drug_and_keeps_its_unit()
    {
        var v = Expand("dose=0.25mg/kg,20 mg");
        Assert.Equal(DoseAmount.MgPerKg(0.25), v[0].Scenario.Doses[0].Amount);
        Assert.Equal(DoseAmount.Mg(20), v[1].Scenario.Doses[0].Amount);
        Assert.All(v, x => Assert.Equal(DoseAmount.Mg(10), x.Scenario.Doses[1].Amount));
    }

    [Fact]
    public void Drug_replaces_the_first_drug_and_dose_then_applies_to_the_new_one()
    {
        var v = Expand("drug=ketamine,esketamine", "dose=0.2mg/kg");
        Assert.Equal(["ketamine", "escitalopram"], v[0].Scenario.Doses.Select(d => d.Compound));
        Assert.Equal(["esketamine", "escitalopram"], v[1].Scenario.Doses.Select(d => d.Compound));
        Assert.Equal(DoseAmount.MgPerKg(0.2), v[1].Scenario.Doses[0].Amount);
    }

    [Fact]
    public void Placebo_stress_and_circuit_change_the_mechanism()
    {
        Assert.Equal(PlaceboKind.ActivePlacebo, Expand("placebo=active-placebo")[0].Scenario.Mechanism!.Patient.Placebo);
        Assert.Equal(0.5, Expand("stress=0.5")[0].Scenario.Mechanism!.Patient.StressSeverity);
        Assert.Equal(CircuitMode.Dynamic, Expand("circuit=dynamic")[0].Scenario.Mechanism!.CircuitMode);
    }

    [Fact]
    public void Unknown_hypothesis_lists_the_hypotheses()
    {
        var e = Fail("hypothesis=mor-gated,direct-mu");
        Assert.Equal(string.Join(", ", Hypotheses.All), e.Allowed);
        Assert.Contains("'direct-mu'", e.Problem);
    }

    [Fact]
    public void Unknown_key_lists_the_keys()
    {
        var e = Fail("hypotesis=mor-gated");
        Assert.Contains("did you mean 'hypothesis'?", e.Message);
        Assert.Contains("knockout", e.Allowed);
    }

    [Fact]
    public void Missing_equals_sign_shows_the_form() => Assert.Contains("KEY=VALUE1,VALUE2", Fail("mor-gated").Problem);

    [Fact]
    public void Empty_or_repeated_values_are_rejected()
    {
        Assert.Contains("empty", Fail("dose=0.5mg/kg,").Problem);
        Assert.Contains("twice", Fail("dose=0.5mg/kg,0.5MG/KG").Problem);
    }

    [Fact]
    public void Unknown_drug_lists_the_catalogs_drugs() => Assert.Contains("escitalopram", Fail("drug=ketamine,ketamin").Allowed);

    [Fact]
    public void Drug_without_the_scenarios_route_names_the_drugs_that_have_it()
    {
        var e = Fail("drug=escitalopram");
        Assert.Contains("no iv-bolus model", e.Problem);
        Assert.Contains("ketamine", e.Allowed);
    }

    [Fact]
    public void Dose_with_a_bad_unit_or_beyond_the_limit_is_rejected()
    {
        Assert.Contains("mg/kg", Fail("dose=0.5 mL").Allowed);
        Assert.Contains("at most 10 mg/kg", Fail("dose=5g/kg").Allowed);
    }

    [Fact]
    public void Knockout_the_model_lacks_lists_the_ones_it_has()
    {
        var e = Fail("knockout=none,SERT@SST");
        Assert.Contains("no SERT receptor on SST cells", e.Problem);
        Assert.Contains("MOR@SST", e.Allowed);
    }

    [Fact]
    public void Knockout_of_an_unknown_target_lists_the_targets() => Assert.Contains("PROKR2", Fail("knockout=DOR@SST").Allowed);

    [Fact]
    public void Stress_outside_0_to_1_is_rejected() => Assert.Contains("0 <= stress <= 1", Fail("stress=0,2").Allowed);

    [Fact]
    public void Same_key_twice_and_too_many_variants_are_rejected()
    {
        Assert.Contains("varied twice", Fail("dose=1mg", "dose=2mg").Problem);
        var many = string.Join(",", Enumerable.Range(1, 9).Select(i => $"{i}mg"));
        Assert.Contains("too many", Fail($"dose={many}", "stress=0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8").Problem);
    }
}
