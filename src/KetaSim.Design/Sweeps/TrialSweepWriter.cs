using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using KetaSim.IO.Output;
using KetaSim.IO.Runs;

namespace KetaSim.Design.Sweeps;

/// <summary>
/// A trial sweep's outputs: <c>sweep.csv</c> (one row per variant × arm × endpoint × time, with the 95% interval),
/// <c>sweep.json</c> (the variants, each with its settings, warnings and full trial summary — the same object as a
/// single run's summary.json) and <c>sweep.png</c> (the last visit's change, response and remission per arm across the
/// variants, and the difference from the control where there is one).
/// </summary>
public static class TrialSweepWriter
{
    public const string CsvName = "sweep.csv", JsonName = "sweep.json", PngName = "sweep.png";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<string> Write(string directory, string trialName, IReadOnlyList<Variation> variations, CombinationMode combination,
        IReadOnlyList<TrialSweepResult> results)
    {
        Directory.CreateDirectory(directory);
        using (var w = new StreamWriter(Path.Combine(directory, CsvName), false, new System.Text.UTF8Encoding(false))) WriteCsv(w, variations, results);
        File.WriteAllText(Path.Combine(directory, JsonName), BuildJson(trialName, variations, combination, results).ToJsonString(Indented) + "\n", new System.Text.UTF8Encoding(false));
        WritePng(Path.Combine(directory, PngName), trialName, results);
        return [CsvName, JsonName, PngName];
    }

    public static void WriteCsv(TextWriter writer, IReadOnlyList<Variation> variations, IReadOnlyList<TrialSweepResult> results)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, true);
        csv.WriteRecord(new[] { "variant" }.Concat(variations.Select(v => v.Key))
            .Concat(["arm", "endpoint", "time_h", "estimate", "lower_95", "upper_95", "n"]).ToArray());
        foreach (var r in results)
        {
            var settings = r.Variant.Settings.ToDictionary(kv => kv.Key, kv => kv.Value);
            var prefix = new[] { r.Variant.Label }.Concat(variations.Select(v => settings[v.Key])).ToArray();
            foreach (var e in TrialSweep.Endpoints(r.Variant.Trial, r.Result))
                csv.WriteRecord(prefix.Concat([e.Arm, e.Endpoint, N(e.TimeHours), N(e.Estimate), N(e.Lower), N(e.Upper), e.N > 0 ? e.N.ToString(CultureInfo.InvariantCulture) : ""]).ToArray());
        }
        csv.Flush();
    }

    public static JsonObject BuildJson(string trialName, IReadOnlyList<Variation> variations, CombinationMode combination, IReadOnlyList<TrialSweepResult> results)
    {
        var variants = new JsonArray();
        foreach (var r in results)
        {
            var settings = new JsonObject();
            foreach (var (k, v) in r.Variant.Settings) settings[k] = v;
            variants.Add(new JsonObject
            {
                ["label"] = r.Variant.Label,
                ["settings"] = settings,
                ["warnings"] = TrialValidity.Json(r.RegimenWarnings, r.SubjectWarnings),
                ["summary"] = TrialSummary.Build(r.Variant.Trial, r.Result),
            });
        }
        var first = results.Count > 0 ? results[0].Result : null;
        return new JsonObject
        {
            ["trial"] = trialName,
            ["subjects"] = first?.SubjectCount,
            ["seed"] = first is null ? null : JsonValue.Create(first.Seed),
            ["chunk_size"] = first?.ChunkSize,
            ["varied"] = new JsonArray(variations.Select(v => (JsonNode?)JsonValue.Create(v.Key)).ToArray()),
            ["combination"] = combination == CombinationMode.Listed ? "listed" : "factorial",
            ["common_random_numbers"] = "every variant simulates the same subjects (same N, seed and chunk size)",
            ["variants"] = variants,
        };
    }

    public static void WritePng(string path, string trialName, IReadOnlyList<TrialSweepResult> results)
    {
        var labels = results.Select(r => r.Variant.ShortLabel).ToArray();
        var rows = results.Select(r => TrialSweep.Endpoints(r.Variant.Trial, r.Result)).ToArray();
        // The last visit every variant shares (variants share visits unless a setting changed the design).
        double last = results.Select(r => r.Result.VisitTimesHours.Count > 0 ? r.Result.VisitTimesHours[^1] : double.NaN).Min();
        var panels = new List<SweepPanel>();
        string when = Time(last);
        foreach (var (endpoint, title, unit, scale) in new[]
        {
            ("change", $"mean change from baseline at {when}", "points", 1.0),
            ("response", $"response at {when}", "%", 100.0),
            ("remission", $"remission at {when}", "%", 100.0),
            ("change_difference", $"change difference from the control at {when}", "points", 1.0),
        })
        {
            var arms = rows.SelectMany(rs => rs.Where(e => e.Endpoint == endpoint && e.TimeHours == last).Select(e => e.Arm)).Distinct().ToArray();
            if (arms.Length == 0) continue;
            var series = arms.Select(arm => new SweepSeries(arm, rows.Select(rs => rs.FirstOrDefault(e => e.Endpoint == endpoint && e.TimeHours == last && e.Arm == arm) is { } e
                ? new SweepPoint(scale * e.Estimate, scale * e.Lower, scale * e.Upper) : new SweepPoint(double.NaN)).ToArray())).ToArray();
            // A single series has no legend: its name goes into the title (e.g. which arm is compared with the control).
            panels.Add(new SweepPanel(title + (arms.Length == 1 ? $": {arms[0]}" : "") + " (95% CI)", unit, series));
        }
        if (panels.Count == 0) panels.Add(new SweepPanel("no visit to compare", "", []));
        SweepFigure.Save(path, $"{trialName}: variants compared", labels, panels);
    }

    private static string N(double v) => double.IsFinite(v) ? v.ToString("G10", CultureInfo.InvariantCulture) : "";

    private static string Time(double h)
    {
        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (h != 0 && Math.Abs(h % 168) < 1e-9) return $"week {F(h / 168)}";
        if (h != 0 && Math.Abs(h % 24) < 1e-9) return $"day {F(h / 24)}";
        return $"{F(h)} h";
    }
}
