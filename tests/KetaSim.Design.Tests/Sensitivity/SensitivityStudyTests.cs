using System.Text.Json.Nodes;
using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.Design.Parameters;
using KetaSim.Design.Sensitivity;
using KetaSim.Design.Tests.Evaluation;
using KetaSim.IO.Scenarios;
using KetaSim.Modeling;
using KetaSim.Population.Definitions;

namespace KetaSim.Design.Tests.Sensitivity;

/// <summary>The analyses wired to the real model: a two-day ketamine infusion, two parameters, few runs.</summary>
public class SensitivityStudyTests
{
    private static ScenarioObjective Objective(string parameters, string metrics, Cohort? cohort = null)
    {
        var doc = ScenarioObjectiveTests.Ketamine("2 d");
        var model = ScenarioEngine.ModelOf(doc.Scenario);
        var observables = ScenarioObjective.ObservablesOf(doc.Scenario);
        return new ScenarioObjective(doc, ParameterAxis.ParseList(parameters, model.Parameters, doc.File, "--params"),
            [.. metrics.Split(',').Select(m => OutputMetric.Parse(m, observables, doc.File, "--metric"))], cohort);
    }

    [Fact]
    public void More_circuit_adaptation_shrinks_the_day_1_MADRS_drop()
    {
        // circuit_adaptation_gain is the share of the SST drive change that adaptation cancels: more of it shortens the
        // Pyr window, so the 24-h MADRS change (negative) moves towards 0: dY/dθ > 0 and S = (dY/Y)/(dθ/θ) < 0.
        var o = Objective("circuit_adaptation_gain,spine_lifetime_days", "madrs_change@24h");
        var r = SensitivityStudy.Run(o, new SensitivityOptions(SensitivityMethod.Local, 0, 1, 2));
        Assert.Equal(5, r.Evaluations);
        Assert.True(r.Baseline[0] < -3, $"ketamine should lower MADRS by 24 h, got {r.Baseline[0]}");
        var s = r.Get("madrs_change@24h", "circuit_adaptation_gain", "S").Value;
        var d = r.Get("madrs_change@24h", "circuit_adaptation_gain", "dY/dtheta").Value;
        Assert.True(s < 0 && d > 0, $"S {s}, dY/dθ {d}");
        Assert.Equal(s, d * r.Nominal[0] / r.Baseline[0], 9);
        Assert.Equal("circuit_adaptation_gain", r.Ranked("madrs_change@24h", "S")[0].Parameter);
    }

    [Fact]
    public void Sobol_on_the_model_is_the_same_for_one_thread_and_several()
    {
        var o = Objective("circuit_adaptation_gain,spine_lifetime_days", "madrs@24h");
        var one = SensitivityStudy.Run(o, new SensitivityOptions(SensitivityMethod.Sobol, 16, 3, 1) { Resamples = 50 });
        var many = SensitivityStudy.Run(o, new SensitivityOptions(SensitivityMethod.Sobol, 16, 3, 3) { Resamples = 50 });
        Assert.Equal(16 * 4 + 1, one.Evaluations);
        Assert.Equal(one.Indices, many.Indices);
        // The adaptation gain carries most of the variance of day-1 MADRS.
        Assert.True(one.Get("madrs@24h", "circuit_adaptation_gain", "ST").Value > one.Get("madrs@24h", "spine_lifetime_days", "ST").Value);
    }

    [Fact]
    public void Morris_on_a_cohort_averages_the_same_subjects_at_every_point()
    {
        var cohort = new Cohort(PopulationLibrary.Get("trd-adult"), 3, 9);
        var o = Objective("circuit_adaptation_gain,spine_lifetime_days", "madrs_change@24h,response@24h", cohort);
        var r = SensitivityStudy.Run(o, new SensitivityOptions(SensitivityMethod.Morris, 4, 5, 2) { Resamples = 20 });
        Assert.Equal(4 * 3 + 1, r.Evaluations);
        Assert.True(r.Get("madrs_change@24h", "circuit_adaptation_gain", "mu_star").Value > 0);
        Assert.InRange(r.Baseline[1], 0, 1);
        Assert.Contains(r.Warnings, w => w.Code == SensitivityReport.WarningCode && w.Message.Contains("1/3"));
    }

    [Fact]
    public void Default_parameters_are_the_calibrated_and_assumed_ones()
    {
        var model = ScenarioEngine.ModelOf(ScenarioObjectiveTests.Ketamine().Scenario);
        var ps = SensitivityStudy.DefaultParameters(model.Parameters);
        Assert.Contains(ps, p => p.Name == "circuit_adaptation_gain");
        Assert.All(ps, p => Assert.True(!p.IsDerived && p.Range is not null && p.Value != 0
            && p.Provenance.Kind is ProvenanceKind.Calibrated or ProvenanceKind.Assumption, p.Name));
        Assert.Contains(model.Parameters, p => p.Provenance.Kind == ProvenanceKind.Citation && !p.IsDerived);   // so the filter does filter
    }

    [Fact]
    public void Csv_and_json_hold_every_index_with_its_bounds_and_scale()
    {
        var o = Objective("circuit_adaptation_gain,spine_lifetime_days=3:8", "madrs@24h");
        var r = SensitivityStudy.Run(o, new SensitivityOptions(SensitivityMethod.Sobol, 16, 3, 2) { Resamples = 30 });
        var dir = Directory.CreateTempSubdirectory("ketasim-sens-").FullName;
        try
        {
            var files = SensitivityWriter.Write(dir, r);
            Assert.Equal(["sensitivity.csv", "sensitivity.json", "sobol_madrs_24h.png"], files);
            var lines = File.ReadAllLines(Path.Combine(dir, "sensitivity.csv"));
            Assert.Equal("metric,parameter,unit,scale,low,high,index,value,ci_low,ci_high", lines[0]);
            Assert.Equal(1 + 2 * 2, lines.Length);   // 1 metric × 2 parameters × (S1, ST)
            Assert.Contains(lines, l => l.StartsWith("madrs@24h,spine_lifetime_days,d,log-uniform,3,8,ST,", StringComparison.Ordinal));
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "sensitivity.json")))!;
            Assert.Equal("sobol", (string?)json["method"]);
            Assert.Equal(16 * 4 + 1, (int)json["evaluations"]!);
            Assert.Equal("log-uniform", (string?)json["parameters"]![1]!["scale"]);
            var st = json["indices"]!.AsArray().Single(x => (string?)x!["index"] == "ST" && (string?)x["parameter"] == "circuit_adaptation_gain")!;
            Assert.True((double)st["ci_low"]! <= (double)st["value"]! && (double)st["value"]! <= (double)st["ci_high"]!);
            Assert.NotNull(json["warnings"]);
            Assert.True(new FileInfo(Path.Combine(dir, "sobol_madrs_24h.png")).Length > 10_000);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
