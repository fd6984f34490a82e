using KetaSim.IO.Scenarios;

namespace KetaSim.IO.Tests.Scenarios;

public class BuiltInScenariosTests
{
    [Fact]
    public void Every_embedded_scenario_reads_against_the_real_models()
    {
        var all = BuiltInScenarios.All();
        Assert.True(all.Count >= 5);
        Assert.Equal(all.Count, all.Select(d => d.Scenario.Name).Distinct().Count());
        foreach (var name in new[] { "ketamine-iv-0.5mgkg", "esketamine-nasal-56mg", "esketamine-nasal-84mg", "escitalopram-10mg-daily", "mouse-ketamine-ip-10mgkg" })
            Assert.Contains(all, d => d.Scenario.Name == name);
    }

    [Fact]
    public void Mechanism_examples_carry_their_settings()
    {
        var all = BuiltInScenarios.All().ToDictionary(d => d.Scenario.Name);
        Assert.Null(all["ketamine-iv-0.5mgkg"].Scenario.Mechanism);
        var ko = all["mouse-mor-sst-knockout-ketamine"].Scenario.Mechanism!;
        Assert.Equal([new KetaSim.Biology.Mechanism.Knockout("MOR", "SST")], ko.Knockouts);
        Assert.Equal(KetaSim.Biology.Mechanism.PlaceboKind.NewOralAntidepressant,
            all["esketamine-56mg-with-new-oral-antidepressant"].Scenario.Mechanism!.Patient.Placebo);
        Assert.Equal(["naltrexone", "ketamine"], all["naltrexone-pretreatment-ketamine"].Scenario.Doses.Select(d => d.Compound));
        Assert.Equal(3, all["illustrative-three-drug-combination"].Scenario.Doses.Select(d => d.Compound).Distinct().Count());
        Assert.Equal(56, all["escitalopram-10mg-daily-8-weeks-mechanism"].Scenario.Doses.Count);
        Assert.Equal(14 * 24, all["ketamine-iv-0.5mgkg-trd-mechanism"].Scenario.DurationHours);
    }

    [Fact]
    public void Escitalopram_daily_for_three_weeks_is_21_doses()
    {
        var doc = BuiltInScenarios.All().Single(d => d.Scenario.Name == "escitalopram-10mg-daily");
        Assert.Equal(21, doc.Scenario.Doses.Count);
        Assert.Equal(20 * 24, doc.Scenario.Doses[^1].TimeHours);
    }

    [Fact]
    public void Real_catalog_rejects_a_mouse_given_esketamine()
    {
        var e = Assert.Throws<KetaSim.IO.Input.InputException>(() => ScenarioEngine.Reader.Read("m.yaml", """
            subject: { species: mouse }
            duration: 6 h
            doses:
              - { drug: esketamine, route: intranasal, amount: 28 mg }
            """));
        Assert.Equal("doses[0].drug", e.Field);
        Assert.Contains("ketamine", e.Allowed);
    }

    [Fact]
    public void Real_catalog_rejects_an_unknown_observable_with_the_models_list()
    {
        var e = Assert.Throws<KetaSim.IO.Input.InputException>(() => ScenarioEngine.Reader.Read("k.yaml", """
            duration: 6 h
            output: { observables: [ketamine_plasma_ng_ml] }
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 0.5 mg/kg }
            """));
        Assert.Equal(2, e.Line);
        Assert.Contains("ketamine_plasma_ng_per_ml", e.Message);
    }
}
