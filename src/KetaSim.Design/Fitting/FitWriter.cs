using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.IO.Output;

namespace KetaSim.Design.Fitting;

/// <summary>
/// Writes a fit: fit.json (estimates, SE, RSE, CIs, correlation, objective, AIC/BIC, convergence, profiles'
/// verdicts, warnings), predictions.csv, profiles.csv, the figures and fitted-parameters.yaml (a parameter file a
/// scenario or trial names in its <c>parameters:</c> key).
/// </summary>
public static class FitWriter
{
    public const string ParameterFile = "fitted-parameters.yaml";

    /// <summary>Writes every file into <paramref name="directory"/>; returns their names.</summary>
    public static IReadOnlyList<string> Write(string directory, ScenarioFitResult result)
    {
        var files = new List<string>();
        void Text(string name, string content)
        {
            File.WriteAllText(Path.Combine(directory, name), content);
            files.Add(name);
        }
        Text("fit.json", Json(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Text("predictions.csv", Predictions(result));
        if (result.Fit.Profiles.Count > 0) Text("profiles.csv", Profiles(result));
        foreach (var (name, content) in ParameterFiles(result)) Text(name, content);
        FitPlots.ObservedVsPredicted(Path.Combine(directory, "observed-vs-predicted.png"), result);
        files.Add("observed-vs-predicted.png");
        FitPlots.Residuals(Path.Combine(directory, "residuals.png"), result);
        files.Add("residuals.png");
        FitPlots.Curves(Path.Combine(directory, "fitted-curves.png"), result);
        files.Add("fitted-curves.png");
        if (result.Fit.Profiles.Count > 0)
        {
            FitPlots.Profiles(Path.Combine(directory, "profiles.png"), result);
            files.Add("profiles.png");
        }
        return files;
    }

    /// <summary>fitted-parameters.yaml (the shared parameters) and, with local parameters or a shared one that some experiment's model
    /// lacks, fitted-parameters-ID.yaml per experiment (what applies to it: the shared values its model has and its own local values).</summary>
    public static IReadOnlyList<(string Name, string Content)> ParameterFiles(ScenarioFitResult result)
    {
        var list = new List<(string, string)> { (ParameterFile, ParameterYaml(result, null, ParameterFile)) };
        if (result.NeedsFilePerExperiment)
            foreach (var e in result.Problem.Experiments)
                list.Add(($"fitted-parameters-{SafeName(e.Id)}.yaml", ParameterYaml(result, e.Id, $"fitted-parameters-{SafeName(e.Id)}.yaml")));
        return list;
    }

    private static string ParameterYaml(ScenarioFitResult result, string? experiment, string fileName)
    {
        var sb = new StringBuilder();
        var p = result.Problem;
        sb.Append(CultureInfo.InvariantCulture, $"# Fitted by 'ketasim fit {p.SpecFile}' to {p.DataFile} ({result.Fit.Observations} observations, weights {p.Weights.ToString().ToLowerInvariant()})");
        sb.Append(experiment is null ? "" : $", values of experiment '{experiment}'").Append(".\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Name it in a scenario or trial: 'parameters: {fileName}' (a path relative to that file).\n");
        if (experiment is null && result.NeedsFilePerExperiment)
            sb.Append("# Shared parameters only; fitted-parameters-EXPERIMENT.yaml holds what applies to each experiment (its local values, and only parameters its model has).\n");
        sb.Append("parameters:\n");
        foreach (var (name, e) in result.Overrides(experiment))
        {
            var se = e.StandardError is { } s ? $"SE {G(s)}, RSE {e.RsePercent:0.#}%, 95% CI {G(e.CiLow!.Value)} to {G(e.CiHigh!.Value)}" : "SE not estimable";
            sb.Append(CultureInfo.InvariantCulture, $"  {name}: {e.Value.ToString("R", CultureInfo.InvariantCulture)}   # {e.Parameter.Unit}; {se}\n");
        }
        return sb.ToString();
    }

    public static JsonObject Json(ScenarioFitResult result)
    {
        var p = result.Problem;
        var f = result.Fit;
        var profiles = f.Profiles.ToDictionary(x => x.Index);
        var estimates = new JsonArray();
        for (int j = 0; j < f.Estimates.Count; j++)
        {
            var e = f.Estimates[j];
            var o = new JsonObject
            {
                ["name"] = e.Parameter.Label,
                ["parameter"] = e.Parameter.Name,
                ["experiment"] = e.Parameter.Experiment,
                ["unit"] = e.Parameter.Unit,
                ["initial"] = e.Parameter.Initial,
                ["bounds"] = new JsonArray(e.Parameter.Low, e.Parameter.High),
                ["scale"] = e.Parameter.Log ? "log" : "linear",
                ["estimate"] = e.Value,
                ["se"] = N(e.StandardError),
                ["rse_percent"] = N(e.RsePercent),
                ["ci95"] = e.CiLow is null ? null : new JsonArray(e.CiLow, e.CiHigh),
                ["at_bound"] = e.AtBound,
            };
            if (profiles.TryGetValue(j, out var pr))
                o["profile"] = new JsonObject
                {
                    ["ci95"] = new JsonArray(N(pr.Lower), N(pr.Upper)),
                    ["identifiability"] = pr.Flag,
                    ["identifiable"] = pr.Identifiable,
                };
            estimates.Add(o);
        }
        JsonNode? correlation = null;
        if (f.Correlation is { } c)
        {
            var rows = new JsonArray();
            for (int a = 0; a < f.Estimates.Count; a++)
                rows.Add(new JsonArray([.. Enumerable.Range(0, f.Estimates.Count).Select(b => (JsonNode?)JsonValue.Create(Math.Round(c[a, b], 6)))]));
            correlation = new JsonObject { ["names"] = new JsonArray([.. f.Estimates.Select(e => (JsonNode?)e.Parameter.Label)]), ["matrix"] = rows };
        }
        var warnings = new JsonArray([.. f.Warnings.Select(w => (JsonNode?)new JsonObject { ["code"] = w.Code, ["message"] = w.Message, ["time_h"] = null })]);
        foreach (var e in result.Experiments)
            foreach (var w in WarningsJson.Build(e.Warnings))
            {
                var copy = w!.DeepClone().AsObject();
                copy["message"] = $"[{e.Experiment.Id}] {copy["message"]}";
                copy["experiment"] = e.Experiment.Id;
                warnings.Add(copy);
            }
        return new JsonObject
        {
            ["name"] = p.Name,
            ["spec"] = p.SpecFile,
            ["data"] = p.DataFile,
            ["weights"] = p.Weights.ToString().ToLowerInvariant(),
            ["observations"] = f.Observations,
            ["parameters"] = f.Estimates.Count,
            ["experiments"] = new JsonArray([.. p.Experiments.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.Id,
                ["scenario"] = e.Document.File,
                ["observations"] = e.Observations.Count,
            })]),
            ["estimates"] = estimates,
            ["correlation"] = correlation,
            ["objective"] = new JsonObject
            {
                ["weighted_rss"] = f.WeightedRss,
                ["minus2_log_likelihood"] = f.Minus2LogLikelihood,
                ["aic"] = f.Aic,
                ["bic"] = f.Bic,
                ["residual_scale"] = f.ResidualScale,
                ["residual_scale_meaning"] = p.Weights switch
                {
                    Weighting.Sd => "sqrt(WRSS/(n-p)); about 1 when the SDs describe the scatter",
                    Weighting.Uniform => "estimated residual SD, in the observations' units",
                    _ => "estimated coefficient of variation of the observations",
                },
            },
            ["optimiser"] = new JsonObject
            {
                ["method"] = "Levenberg-Marquardt on logit-of-log-scaled parameters between bounds",
                ["iterations"] = f.Iterations,
                ["model_evaluations"] = f.Evaluations,
                ["converged"] = f.Converged,
                ["reason"] = f.Reason,
            },
            ["profile_threshold"] = FitStatistics.ChiSquare95,
            ["warnings"] = warnings,
        };
    }

    private static string Predictions(ScenarioFitResult result)
    {
        var sb = new StringBuilder("experiment,time_h,observable,observed,predicted,residual,weighted_residual,scale\n");
        var f = result.Fit;
        for (int i = 0; i < result.Problem.Observations.Count; i++)
        {
            var o = result.Problem.Observations[i];
            sb.Append(CultureInfo.InvariantCulture,
                $"{o.Experiment},{G(o.TimeHours)},{o.Observable},{G(o.Value)},{G(f.Predictions[i])},{G(o.Value - f.Predictions[i])},{G(f.Residuals[i])},{G(result.Problem.Data.Scale[i])}\n");
        }
        return sb.ToString();
    }

    private static string Profiles(ScenarioFitResult result)
    {
        var labels = result.Fit.Estimates.Select(e => e.Parameter.Label).ToArray();
        var sb = new StringBuilder("parameter,value,weighted_rss,delta_minus2_log_likelihood,converged," + string.Join(",", labels) + "\n");
        foreach (var pr in result.Fit.Profiles)
            foreach (var pt in pr.Points)
                sb.Append(CultureInfo.InvariantCulture,
                    $"{labels[pr.Index]},{G(pt.Value)},{G(pt.WeightedRss)},{G(pt.Delta)},{(pt.Converged ? "true" : "false")},{string.Join(",", pt.Parameters.Select(G))}\n");
        return sb.ToString();
    }

    private static JsonNode? N(double? v) => v is { } x && double.IsFinite(x) ? JsonValue.Create(x) : null;

    internal static string G(double v) => v.ToString("G8", CultureInfo.InvariantCulture);

    internal static string SafeName(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
