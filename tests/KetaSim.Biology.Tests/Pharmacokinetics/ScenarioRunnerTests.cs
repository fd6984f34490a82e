using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

public class ScenarioRunnerTests
{
    [Fact]
    public void Composed_models_are_compiled_once_and_shared()
    {
        var runner = new ScenarioRunner();
        var a = runner.RunDetailed(BuiltInScenarios.EsketamineNasal(28) with { DurationHours = 2 });
        var b = runner.RunDetailed(BuiltInScenarios.EsketamineNasal(56) with { DurationHours = 2 });
        Assert.Same(a.Compiled, b.Compiled);
    }

    [Fact]
    public void Two_compounds_in_one_scenario_compose_into_one_model()
    {
        var s = new Scenario
        {
            Name = "esketamine-plus-escitalopram",
            Doses =
            [
                new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 6 },
                new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56), TimeHours = 144 },
            ],
            DurationHours = 168,
        };
        var r = new ScenarioRunner().Run(s);
        Assert.True(r.Observable("esketamine_plasma_ng_per_ml").Max() > 50);
        Assert.True(r.Observable("escitalopram_plasma_ng_per_ml").Max() > 15);
    }

    [Fact]
    public void Unknown_override_names_throw_listing_valid_names()
    {
        var s = BuiltInScenarios.KetamineIv05 with { ParameterOverrides = new Dictionary<string, double> { ["ket_CL_X_ref"] = 1 } };
        var ex = Assert.Throws<ArgumentException>(() => new ScenarioRunner().Run(s));
        Assert.Contains("ket_CL_X_ref", ex.Message);
        Assert.Contains("ket_CL_S_ref", ex.Message);
        var derived = BuiltInScenarios.KetamineIv05 with { ParameterOverrides = new Dictionary<string, double> { ["ket_V1"] = 1 } };
        Assert.Contains("derived", Assert.Throws<ArgumentException>(() => new ScenarioRunner().Run(derived)).Message);
    }

    [Fact]
    public void Overrides_change_the_result_without_recompiling()
    {
        var runner = new ScenarioRunner();
        var baseline = runner.RunDetailed(BuiltInScenarios.KetamineIv05 with { DurationHours = 2 });
        var faster = runner.RunDetailed(BuiltInScenarios.KetamineIv05 with
        {
            DurationHours = 2,
            ParameterOverrides = new Dictionary<string, double> { ["ket_CL_S_ref"] = 150, ["ket_CL_R_ref"] = 150 },
        });
        Assert.Same(baseline.Compiled, faster.Compiled);
        Assert.True(faster.Result.Observable("ketamine_plasma_ng_per_ml")[^1] < baseline.Result.Observable("ketamine_plasma_ng_per_ml")[^1]);
    }

    [Fact]
    public void Unknown_observables_and_compounds_are_named()
    {
        var s = BuiltInScenarios.KetamineIv05 with { Observables = ["ketamine_plasma"] };
        Assert.Contains("ketamine_plasma_ng_per_ml", Assert.Throws<ArgumentException>(() => new ScenarioRunner().Run(s)).Message);
        var bad = BuiltInScenarios.KetamineIv05 with { Doses = [BuiltInScenarios.KetamineIv05.Doses[0] with { Compound = "ketamin" }] };
        Assert.Contains("ketamine", Assert.Throws<ArgumentException>(() => new ScenarioRunner().Run(bad)).Message);
    }

    [Fact]
    public void Output_grid_includes_the_end_of_the_infusion()
    {
        var s = BuiltInScenarios.KetamineIv05 with { OutputStepHours = 0.3, DurationHours = 2 };
        var r = new ScenarioRunner().Run(s);
        Assert.Contains(r.TimesHours, t => Math.Abs(t - 40.0 / 60) < 1e-12);
        Assert.Equal(2.0, r.TimesHours[^1]);
    }

    [Fact]
    public void Parallel_runs_give_identical_results()
    {
        var runner = new ScenarioRunner();
        var scenarios = Enumerable.Range(0, 16).Select(i => BuiltInScenarios.EsketamineNasal(28 * (1 + i % 3)) with
        {
            Name = $"p{i}",
            DurationHours = 6,
            Subject = Subject.TypicalAdult with { AgeYears = 50 + i },
        }).ToArray();
        var serial = scenarios.Select(s => runner.Run(s).Observable("esketamine_plasma_ng_per_ml")).ToArray();
        var parallel = new double[scenarios.Length][];
        Parallel.For(0, scenarios.Length, i => parallel[i] = runner.Run(scenarios[i]).Observable("esketamine_plasma_ng_per_ml"));
        for (int i = 0; i < scenarios.Length; i++) Assert.Equal(serial[i], parallel[i]);
    }
}
