using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using KetaSim.IO.Output;

namespace KetaSim.Design.Sweeps;

/// <summary>
/// compare.csv (time_h, then one column per observable × variant, named <c>observable[label]</c>),
/// compare.json (per variant its settings and, per observable, start, peak, trough, AUC and end) and
/// compare.png (one panel per observable, the variants overlaid).
/// </summary>
public static class ComparisonWriter
{
    public const string CsvName = "compare.csv", JsonName = "compare.json", PngName = "compare.png";

    /// <summary>With <c>--metric</c>: the comparison table (one row per variant) and its figure.</summary>
    public const string TableName = "compare-table.csv", TablePngName = "compare-table.png";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<string> Write(string directory, Comparison c)
    {
        Directory.CreateDirectory(directory);
        using (var w = new StreamWriter(Path.Combine(directory, CsvName), false, new System.Text.UTF8Encoding(false))) WriteCsv(w, c);
        File.WriteAllText(Path.Combine(directory, JsonName), BuildJson(c).ToJsonString(Indented) + "\n", new System.Text.UTF8Encoding(false));
        WritePng(Path.Combine(directory, PngName), c);
        if (c.Metrics.Count == 0) return [CsvName, JsonName, PngName];
        using (var w = new StreamWriter(Path.Combine(directory, TableName), false, new System.Text.UTF8Encoding(false))) WriteTable(w, c);
        WriteTablePng(Path.Combine(directory, TablePngName), c);
        return [CsvName, JsonName, PngName, TableName, TablePngName];
    }

    /// <summary>compare-table.csv: variant, one column per varied key (its value), one per metric, and the variant's warning codes.</summary>
    public static void WriteTable(TextWriter writer, Comparison c)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, true);
        csv.WriteRecord(new[] { "variant" }.Concat(c.Variations.Select(v => v.Key)).Concat(c.Metrics.Select(m => m.Text)).Append("warnings").ToArray());
        foreach (var r in c.Results)
        {
            var settings = r.Variant.Settings.ToDictionary(kv => kv.Key, kv => kv.Value);
            csv.WriteRecord(new[] { r.Variant.Label }.Concat(c.Variations.Select(v => settings[v.Key]))
                .Concat(r.MetricValues.Select(v => double.IsFinite(v) ? TimecourseCsv.Format(v) : ""))
                .Append(string.Join(";", r.Warnings.Select(w => w.Code).Distinct())).ToArray());
        }
        csv.Flush();
    }

    public static void WriteTablePng(string path, Comparison c)
    {
        var panels = c.Metrics.Select((m, i) => new SweepPanel(m.Text, m.Observable,
            [new SweepSeries(m.Text, c.Results.Select(r => new SweepPoint(r.MetricValues[i])).ToArray())])).ToArray();
        SweepFigure.Save(path, $"{c.ScenarioName}: outputs per variant", c.Results.Select(r => r.Variant.ShortLabel).ToArray(), panels);
    }

    public static string ColumnName(string observable, Variant v) => $"{observable}[{v.Label}]";

    public static void WriteCsv(TextWriter writer, Comparison c)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, true);
        var columns = new List<string> { "time_h" };
        for (int o = 0; o < c.Observables.Count; o++)
            foreach (var r in c.Results) columns.Add(ColumnName(c.Observables[o], r.Variant));
        csv.WriteRecord(columns.ToArray());
        var row = new string[columns.Count];
        for (int k = 0; k < c.TimesHours.Length; k++)
        {
            int j = 0;
            row[j++] = TimecourseCsv.Format(c.TimesHours[k]);
            for (int o = 0; o < c.Observables.Count; o++)
                foreach (var r in c.Results) row[j++] = r.Values[o] is { } v ? TimecourseCsv.Format(v[k]) : "";
            csv.WriteRecord(row);
        }
        csv.Flush();
    }

    public static JsonObject BuildJson(Comparison c)
    {
        var variants = new JsonArray();
        foreach (var r in c.Results)
        {
            var settings = new JsonObject();
            foreach (var (k, v) in r.Variant.Settings) settings[k] = v;
            var metrics = new JsonObject();
            for (int o = 0; o < c.Observables.Count; o++)
            {
                if (r.Values[o] is not { } values)
                {
                    metrics[c.Observables[o]] = null;
                    continue;
                }
                var m = CurveMetrics.Of(c.TimesHours, values);
                metrics[c.Observables[o]] = new JsonObject
                {
                    ["unit"] = c.Units[o],
                    ["start"] = Number(m.Start),
                    ["peak"] = Number(m.Peak),
                    ["time_of_peak_h"] = Number(m.TimeOfPeakHours),
                    ["trough"] = Number(m.Trough),
                    ["time_of_trough_h"] = Number(m.TimeOfTroughHours),
                    ["auc"] = Number(m.Auc),
                    ["auc_unit"] = c.Units[o] is "" or "1" ? "h" : $"{c.Units[o]}*h",
                    ["end"] = Number(m.End),
                };
            }
            var outputs = new JsonObject();
            for (int i = 0; i < c.Metrics.Count; i++) outputs[c.Metrics[i].Text] = Number(r.MetricValues[i]);
            variants.Add(new JsonObject
            {
                ["label"] = r.Variant.Label, ["settings"] = settings, ["metrics"] = metrics, ["outputs"] = outputs, ["warnings"] = WarningsJson.Build(r.Warnings),
            });
        }
        return new JsonObject
        {
            ["scenario"] = c.ScenarioName,
            ["varied"] = new JsonArray(c.Variations.Select(v => (JsonNode?)JsonValue.Create(v.Key)).ToArray()),
            ["combination"] = c.Combination == CombinationMode.Listed ? "listed" : "factorial",
            ["outputs"] = new JsonArray(c.Metrics.Select(m => (JsonNode?)JsonValue.Create(m.Text)).ToArray()),
            ["observables"] = new JsonArray(c.Observables.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
            ["start_h"] = Number(c.TimesHours[0]),
            ["end_h"] = Number(c.TimesHours[^1]),
            ["points"] = c.TimesHours.Length,
            ["variants"] = variants,
        };
    }

    public static void WritePng(string path, Comparison c)
    {
        var panels = new List<FigurePanel>();
        for (int o = 0; o < c.Observables.Count; o++)
        {
            // Earlier variants drawn wider, so identical curves (e.g. two hypotheses that agree) show both colours.
            var present = c.Results.Where(r => r.Values[o] is not null).ToArray();
            var curves = present.Select((r, i) => new PanelCurve(r.Variant.ShortLabel, r.Values[o]!) { Width = 2 + 2.5f * (present.Length - 1 - i) / Math.Max(1, present.Length - 1) }).ToArray();
            var unit = c.Units[o];
            var label = ChainFigure.Label(c.Observables[o]);
            panels.Add(new FigurePanel(label == c.Observables[o] ? label : $"{label} ({c.Observables[o]})", unit is "" or "1" ? "value" : unit, curves));
        }
        var varied = string.Join(" × ", c.Variations.Select(v => v.Key));
        PanelFigure.Save(path, $"{c.ScenarioName}: varying {varied}", c.TimesHours, panels);
    }

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 10 - Magnitude(v))) : null;

    private static int Magnitude(double v) => v == 0 ? 0 : Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(v))) + 1, -5, 10);
}
