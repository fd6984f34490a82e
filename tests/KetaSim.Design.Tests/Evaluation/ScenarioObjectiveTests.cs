using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.Design.Parameters;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;

namespace KetaSim.Design.Tests.Evaluation;

/// <summary>The scenario-as-a-function every design tool calls, run against the real model.</summary>
public class ScenarioObjectiveTests
{
    internal static ScenarioDocument Ketamine(string duration = "3 d") => ScenarioEngine.Reader.Read("k.yaml",
        $"name: k\nduration: {duration}\noutput: {{ step: 30 min }}\ndoses:\n  - {{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }}\n" +
        "mechanism:\n  patient: { stress: 1, baseline_madrs: 32, trd: true }\n");

    private static ScenarioObjective Objective(string parameters, string metrics, Cohort? cohort = null, string duration = "3 d")
    {
        var doc = Ketamine(duration);
        var model = ScenarioEngine.ModelOf(doc.Scenario);
        var observables = ScenarioObjective.ObservablesOf(doc.Scenario);
        return new ScenarioObjective(doc, ParameterAxis.ParseList(parameters, model.Parameters, doc.File, "--params"),
            metrics.Split(',').Select(m => OutputMetric.Parse(m, observables, doc.File, "--metric")).ToArray(), cohort);
    }

    [Fact]
    public void Nominal_values_reproduce_the_plain_run()
    {
        var o = Objective("circuit_adaptation_gain", "madrs@24h,madrs_change@48h");
        var run = ScenarioEngine.RunScenario(o.Document, o.Document.Scenario);
        var madrs = ScenarioEngine.SeriesOf(run, "madrs").Values;
        double at24 = OutputMetric.At(run.Result.TimesHours, madrs, 24), at48 = OutputMetric.At(run.Result.TimesHours, madrs, 48);
        var v = o.Evaluate(o.NominalValues());
        Assert.Equal(at24, v[0], 6);
        Assert.Equal(at48 - madrs[0], v[1], 6);
        Assert.True(v[1] < -3, $"ketamine should lower MADRS by day 2, got {v[1]}");
    }

    [Fact]
    public void A_parameter_value_changes_the_metric()
    {
        var o = Objective("circuit_adaptation_gain", "madrs@24h");
        var nominal = o.NominalValues()[0];
        Assert.NotEqual(o.Evaluate([nominal])[0], o.Evaluate([nominal * 1.5])[0], 6);
    }

    [Fact]
    public void Cohort_mean_is_the_same_for_one_thread_and_many()
    {
        var cohort = new Cohort(PopulationLibrary.Get("trd-adult"), 12, 7);
        var o = Objective("circuit_adaptation_gain", "madrs_change@24h,response@24h", cohort);
        var one = o.Evaluate(o.NominalValues(), maxThreads: 1);
        var many = o.Evaluate(o.NominalValues(), maxThreads: 4);
        Assert.Equal(one, many);
        Assert.InRange(one[1], 0, 1);
    }

    [Fact]
    public void A_metric_after_the_end_is_an_input_error()
    {
        var e = Assert.Throws<InputException>(() => Objective("circuit_adaptation_gain", "madrs@5d"));
        Assert.Contains("after the scenario ends", e.Message);
    }

    [Theory]
    [InlineData("circuit_adaptation_gian", "did you mean 'circuit_adaptation_gain'")]
    [InlineData("circuit_adaptation_gain=2:1", "reversed")]
    [InlineData("circuit_adaptation_gain=a:1", "two numbers")]
    public void Bad_parameters_are_located_input_errors(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => Objective(text, "madrs@24h"));
        Assert.Equal("--params", e.Field);
        Assert.Contains(expected, e.Message);
    }
}
