using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using KetaSim.IO.Output;

namespace KetaSim.Design.Sensitivity;

/// <summary>
/// sensitivity.csv (one row per metric × parameter × index: metric, parameter, unit, scale, low, high, index, value,
/// ci_low, ci_high; scale and bounds empty for local, which samples nothing) and sensitivity.json (settings, parameters with unit, bounds and scale, metrics with their nominal
/// values, the indices, the warnings), plus the figures of <see cref="SensitivityPlots"/>.
/// </summary>
public static class SensitivityWriter
{
    public const string CsvName = "sensitivity.csv", JsonName = "sensitivity.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string> Write(string directory, SensitivityReport report)
    {
        Directory.CreateDirectory(directory);
        using (var w = new StreamWriter(Path.Combine(directory, CsvName), false, new System.Text.UTF8Encoding(false))) WriteCsv(w, report);
        File.WriteAllText(Path.Combine(directory, JsonName), BuildJson(report).ToJsonString(Indented) + "\n", new System.Text.UTF8Encoding(false));
        return [CsvName, JsonName, .. SensitivityPlots.Write(directory, report)];
    }

    public static void WriteCsv(TextWriter writer, SensitivityReport r)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, true);
        csv.WriteRecord(["metric", "parameter", "unit", "scale", "low", "high", "index", "value", "ci_low", "ci_high"]);
        var axes = r.Parameters.ToDictionary(a => a.Name);
        foreach (var x in r.Indices)
        {
            var a = axes[x.Parameter];
            bool sampled = r.Method != SensitivityMethod.Local;
            csv.WriteRecord([x.Metric, x.Parameter, a.Unit, sampled ? SensitivityReport.ScaleOf(a) : "", sampled ? Cell(a.Low) : "", sampled ? Cell(a.High) : "",
                x.Index, Cell(x.Value), Cell(x.Low), Cell(x.High)]);
        }
        csv.Flush();
    }

    public static JsonObject BuildJson(SensitivityReport r)
    {
        var o = r.Options;
        var settings = new JsonObject { ["threads_do_not_change_results"] = true };
        switch (r.Method)
        {
            case SensitivityMethod.Local:
                settings["relative_step"] = o.RelativeStep;
                settings["formula"] = "S = (Y(theta(1+h)) - Y(theta(1-h))) / (2 h Y(theta)); dY/dtheta = (Y(theta(1+h)) - Y(theta(1-h))) / (2 h theta)";
                break;
            case SensitivityMethod.Sobol:
                settings["n"] = o.N;
                settings["sampling"] = "Saltelli: A and B from a 2k-dimensional Sobol' sequence (Joe and Kuo 2008 direction numbers, first point skipped), A_B^i for each parameter";
                settings["estimators"] = "S1: Saltelli et al. 2010; ST: Jansen 1999";
                settings["bootstrap_resamples"] = o.Resamples;
                settings["interval"] = "95% bootstrap percentile, rows resampled";
                break;
            default:
                settings["trajectories"] = o.N;
                settings["levels"] = o.Levels;
                settings["delta"] = MorrisScreening.DeltaFor(o.Levels);
                settings["elementary_effect_unit"] = "metric unit per unit of the parameter's normalised range (log scale between positive bounds)";
                settings["bootstrap_resamples"] = o.Resamples;
                settings["interval"] = "95% bootstrap percentile of mu_star, trajectories resampled";
                break;
        }
        return new JsonObject
        {
            ["scenario"] = r.Scenario,
            ["method"] = r.Method.ToString().ToLowerInvariant(),
            ["seed"] = o.Seed,
            ["n"] = r.Method == SensitivityMethod.Local ? null : o.N,
            ["evaluations"] = r.Evaluations,
            ["failed_evaluations"] = r.FailedEvaluations,
            ["settings"] = settings,
            ["cohort"] = r.Cohort is { } c ? new JsonObject { ["population"] = c.Population.Name, ["size"] = c.Size, ["seed"] = c.Seed } : null,
            ["ranking_index"] = r.RankingIndex,
            ["metrics"] = new JsonArray([.. r.Metrics.Select((m, i) => (JsonNode)new JsonObject
            {
                ["name"] = m.Text,
                ["observable"] = m.Observable,
                ["nominal_value"] = Number(r.Baseline[i]),
            })]),
            ["parameters"] = new JsonArray([.. r.Parameters.Select((a, i) => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["unit"] = a.Unit,
                ["nominal"] = Number(r.Nominal[i]),
                ["low"] = Number(a.Low),
                ["high"] = Number(a.High),
                ["scale"] = r.Method == SensitivityMethod.Local ? "not sampled (local: nominal ± relative step)" : SensitivityReport.ScaleOf(a),
                ["provenance"] = a.Parameter.Provenance.Kind.ToString().ToLowerInvariant(),
            })]),
            ["indices"] = new JsonArray([.. r.Indices.Select(x => (JsonNode)new JsonObject
            {
                ["metric"] = x.Metric,
                ["parameter"] = x.Parameter,
                ["index"] = x.Index,
                ["value"] = Number(x.Value),
                ["ci_low"] = Number(x.Low),
                ["ci_high"] = Number(x.High),
            })]),
            ["warnings"] = WarningsJson.Build(r.Warnings),
        };
    }

    private static string Cell(double v) => double.IsFinite(v) ? TimecourseCsv.Format(v) : "";

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
