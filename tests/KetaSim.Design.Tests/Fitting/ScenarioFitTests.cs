using KetaSim.Design.Fitting;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Tests.Fitting;

/// <summary>Fits of the real model to data simulated from known parameter values with seeded noise.</summary>
public class ScenarioFitTests
{
    private static readonly double[] PkTimes = [0.33, 0.67, 1, 1.5, 2, 3, 4, 6, 8, 12];

    private static void AssertInside(ParameterEstimate e, double truth)
    {
        Assert.NotNull(e.CiLow);
        Assert.True(e.CiLow <= truth && truth <= e.CiHigh, $"{e.Parameter.Label}: truth {truth} outside the 95% CI {e.CiLow} to {e.CiHigh} (estimate {e.Value})");
    }

    [Fact]
    public void Ketamine_clearance_and_central_volume_are_recovered_from_noisy_plasma_concentrations()
    {
        using var fx = new FitFixture();
        var scenario = fx.Write("pk.yaml", FitFixture.PkScenario("pk", 0.5));
        var truth = new Dictionary<string, double> { ["ket_CL_S_ref"] = 125, ["ket_V1_ref"] = 30 };
        fx.Csv(FitFixture.Simulate("pk", scenario, truth, "ketamine_plasma_ng_per_ml", PkTimes, y => 0.1 * y, seed: 1));
        var problem = fx.Read(FitFixture.Spec("  - { id: pk, scenario: pk.yaml }\n",
            "  - { name: ket_CL_S_ref }\n  - { name: ket_V1_ref }\n", "profiles: false\n"));
        Assert.Equal(Weighting.Sd, problem.Weights);
        var result = ScenarioFit.Run(problem, new FitOptions { Threads = 2, Profiles = false });
        Assert.True(result.Fit.Converged, result.Fit.Reason);
        // Started from the model's values (97.2 L/h, 38.7 L): the estimates moved to the truth.
        Assert.Equal(97.2, problem.Parameters[0].Initial);
        AssertInside(result.Fit.Estimates[0], 125);
        AssertInside(result.Fit.Estimates[1], 30);
        Assert.InRange(result.Fit.Estimates[0].RsePercent!.Value, 0.5, 20);
        Assert.InRange(result.Fit.ResidualScale, 0.4, 1.8);
    }

    [Fact]
    public void Madrs_relief_drive_is_recovered_from_noisy_scores()
    {
        using var fx = new FitFixture();
        var scenario = fx.Write("madrs.yaml", FitFixture.MadrsScenario("madrs"));
        var truth = new Dictionary<string, double> { ["madrs_relief_per_spine_restored"] = 2.5 };
        double[] times = [2, 4, 8, 24, 36, 48, 60, 72];
        fx.Csv(FitFixture.Simulate("trd", scenario, truth, "madrs", times, _ => 1.0, seed: 2));
        var problem = fx.Read(FitFixture.Spec("  - { id: trd, scenario: madrs.yaml }\n", "  - { name: madrs_relief_per_spine_restored }\n", "profiles: false\n"));
        var result = ScenarioFit.Run(problem, new FitOptions { Profiles = false });
        Assert.True(result.Fit.Converged, result.Fit.Reason);
        AssertInside(result.Fit.Estimates[0], 2.5);
        Assert.NotEqual(1.7, result.Fit.Estimates[0].Value, 1);
    }

    [Fact]
    public void A_parameter_the_observations_do_not_depend_on_is_flagged_unidentifiable_by_its_profile()
    {
        // Ketamine plasma concentrations do not depend on the HNK volume at all.
        using var fx = new FitFixture();
        var scenario = fx.Write("pk.yaml", FitFixture.PkScenario("pk", 0.5));
        fx.Csv(FitFixture.Simulate("pk", scenario, new Dictionary<string, double> { ["ket_CL_S_ref"] = 125 }, "ketamine_plasma_ng_per_ml", PkTimes, y => 0.1 * y, seed: 3));
        var problem = fx.Read(FitFixture.Spec("  - { id: pk, scenario: pk.yaml }\n", "  - { name: ket_CL_S_ref }\n  - { name: hnk_V_ref, bounds: [75, 600] }\n"));
        var result = ScenarioFit.Run(problem, new FitOptions { Threads = 2 });
        var cl = result.Fit.Profiles[0];
        var hnk = result.Fit.Profiles[1];
        Assert.True(cl.Identifiable, cl.Flag);
        Assert.Equal("practically unidentifiable (both sides)", hnk.Flag);
        Assert.All(hnk.Points, p => Assert.True(p.Delta < 0.01, $"flat profile expected, got Δ {p.Delta} at {p.Value}"));
        Assert.InRange(125, cl.Lower!.Value, cl.Upper!.Value);
        Assert.Contains(result.Fit.Warnings, w => w.Code == "FIT-SINGULAR" && w.Message.Contains("hnk_V_ref"));
        Assert.Contains(result.Fit.Warnings, w => w.Code == "FIT-UNIDENTIFIABLE" && w.Message.StartsWith("hnk_V_ref"));
    }

    [Fact]
    public void A_shared_clearance_and_a_volume_local_to_each_experiment_are_recovered_from_two_doses()
    {
        using var fx = new FitFixture();
        var low = fx.Write("low.yaml", FitFixture.PkScenario("low", 0.25));
        var high = fx.Write("high.yaml", FitFixture.PkScenario("high", 0.5));
        fx.Csv(FitFixture.Simulate("low", low, new Dictionary<string, double> { ["ket_CL_S_ref"] = 125, ["ket_V1_ref"] = 25 }, "ketamine_plasma_ng_per_ml", PkTimes, y => 0.08 * y, 4)
            .Concat(FitFixture.Simulate("high", high, new Dictionary<string, double> { ["ket_CL_S_ref"] = 125, ["ket_V1_ref"] = 50 }, "ketamine_plasma_ng_per_ml", PkTimes, y => 0.08 * y, 5)));
        var problem = fx.Read(FitFixture.Spec("  - { id: low, scenario: low.yaml }\n  - { id: high, scenario: high.yaml }\n",
            "  - { name: ket_CL_S_ref, shared: true }\n  - { name: ket_V1_ref, local: true }\n", "profiles: false\n"));
        Assert.Equal(["ket_CL_S_ref", "ket_V1_ref[low]", "ket_V1_ref[high]"], problem.Parameters.Select(p => p.Label));
        var result = ScenarioFit.Run(problem, new FitOptions { Threads = 2, Profiles = false });
        AssertInside(result.Fit.Estimates[0], 125);
        AssertInside(result.Fit.Estimates[1], 25);
        AssertInside(result.Fit.Estimates[2], 50);
        // Each experiment's file holds the shared value and its own volume.
        var files = FitWriter.ParameterFiles(result).ToDictionary(f => f.Name, f => f.Content);
        Assert.Equal(["fitted-parameters.yaml", "fitted-parameters-low.yaml", "fitted-parameters-high.yaml"], files.Keys);
        Assert.DoesNotContain("ket_V1_ref", files["fitted-parameters.yaml"].Split('\n').Where(l => !l.StartsWith('#')));
        Assert.Contains("ket_V1_ref", files["fitted-parameters-high.yaml"]);
    }

    [Fact]
    public void Fitted_parameters_written_to_a_file_give_the_fitted_curve_in_a_scenario_run()
    {
        using var fx = new FitFixture();
        var scenario = fx.Write("pk.yaml", FitFixture.PkScenario("pk", 0.5));
        fx.Csv(FitFixture.Simulate("pk", scenario, new Dictionary<string, double> { ["ket_CL_S_ref"] = 140 }, "ketamine_plasma_ng_per_ml", PkTimes, y => 0.1 * y, seed: 6));
        var problem = fx.Read(FitFixture.Spec("  - { id: pk, scenario: pk.yaml }\n", "  - { name: ket_CL_S_ref }\n", "profiles: false\n"));
        var result = ScenarioFit.Run(problem, new FitOptions { Profiles = false });
        var outDir = Path.Combine(fx.Directory, "out");
        Directory.CreateDirectory(outDir);
        var files = FitWriter.Write(outDir, result);
        Assert.Contains("fit.json", files);
        Assert.Contains("fitted-parameters.yaml", files);

        var uses = fx.Write("uses-fit.yaml", FitFixture.PkScenario("uses-fit", 0.5).Replace("\nduration: 12 h", "\nparameters: out/fitted-parameters.yaml\nduration: 12 h"));
        var doc = ScenarioEngine.Reader.ReadFile(uses);
        Assert.Equal(result.Fit.Estimates[0].Value, doc.Scenario.ParameterOverrides["ket_CL_S_ref"]);
        var run = ScenarioEngine.RunScenario(doc, doc.Scenario with { OutputTimesHours = PkTimes.Prepend(0).ToArray(), Solver = doc.Scenario.Solver with { RelTol = FitSpecReader.FitRelTol } });
        var values = ScenarioEngine.SeriesOf(run, "ketamine_plasma_ng_per_ml").Values;
        // Read by time: the run's grid also holds the end of the infusion.
        for (int i = 0; i < PkTimes.Length; i++)
        {
            double v = KetaSim.Design.Outputs.OutputMetric.At(run.Result.TimesHours, values, PkTimes[i]);
            Assert.Equal(result.Fit.Predictions[i], v, 1e-9 * v);
        }
    }

    [Fact]
    public void The_fit_and_its_profiles_are_the_same_for_one_thread_and_three()
    {
        using var fx = new FitFixture();
        var low = fx.Write("low.yaml", FitFixture.PkScenario("low", 0.25, "8 h"));
        var high = fx.Write("high.yaml", FitFixture.PkScenario("high", 0.5, "8 h"));
        double[] times = [0.5, 1, 2, 4, 8];
        fx.Csv(FitFixture.Simulate("low", low, new Dictionary<string, double> { ["ket_CL_S_ref"] = 110 }, "ketamine_plasma_ng_per_ml", times, y => 0.1 * y, 7)
            .Concat(FitFixture.Simulate("high", high, new Dictionary<string, double> { ["ket_CL_S_ref"] = 110 }, "ketamine_plasma_ng_per_ml", times, y => 0.1 * y, 8)));
        var problem = fx.Read(FitFixture.Spec("  - { id: low, scenario: low.yaml }\n  - { id: high, scenario: high.yaml }\n", "  - { name: ket_CL_S_ref }\n"));
        var one = ScenarioFit.Run(problem, new FitOptions { Threads = 1 });
        var three = ScenarioFit.Run(problem, new FitOptions { Threads = 3 });
        Assert.Equal(one.Fit.Estimates[0].Value, three.Fit.Estimates[0].Value);
        Assert.Equal(one.Fit.Estimates[0].StandardError, three.Fit.Estimates[0].StandardError);
        Assert.Equal(one.Fit.Predictions, three.Fit.Predictions);
        Assert.Equal(one.Fit.Profiles[0].Points.Select(p => p.Delta), three.Fit.Profiles[0].Points.Select(p => p.Delta));
        Assert.Equal(FitWriter.Json(one).ToJsonString(), FitWriter.Json(three).ToJsonString());
    }
}
