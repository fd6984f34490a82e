using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.Modeling.Analysis;

namespace KetaSim.IO.Output;

/// <summary>
/// summary.json: per observable its unit, Cmax, Tmax, AUC over the simulated window and the terminal
/// half-life (concentrations only; null for levels with a baseline, or when no log-linear terminal phase fits), computed by
/// <see cref="ExposureMetrics"/> on the output grid; the doses held and the validity-domain <c>warnings</c> (docs/validity.md).
/// </summary>
public static class SummaryJson
{
    public const string FileName = "summary.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Build(RunResult run)
    {
        run.Validate();
        var observables = new JsonObject();
        foreach (var s in run.Series)
        {
            var m = ObservableMetrics.For(run.TimesHours, s);
            observables[s.Name] = new JsonObject
            {
                ["unit"] = s.Unit,
                ["cmax"] = Number(m.Cmax),
                ["tmax_h"] = Number(m.TmaxHours),
                ["auc_last"] = Number(m.AucLast),
                ["auc_unit"] = $"{s.Unit}*h",
                ["terminal_half_life_h"] = Number(m.TerminalHalfLifeHours),
            };
        }
        return new JsonObject
        {
            ["scenario"] = run.ScenarioName,
            ["description"] = run.Description,
            ["start_h"] = Number(run.TimesHours[0]),
            ["end_h"] = Number(run.TimesHours[^1]),
            ["points"] = run.TimesHours.Length,
            ["observables"] = observables,
            ["held_doses"] = new JsonArray(run.HeldDoses.Select(h => (JsonNode)new JsonObject
            {
                ["time_h"] = Number(h.TimeHours),
                ["compound"] = h.Compound,
                ["amount"] = h.Amount.ToString(),
                ["pre_dose_sbp_mmhg"] = Number(h.SystolicMmHg),
                ["pre_dose_dbp_mmhg"] = Number(h.DiastolicMmHg),
            }).ToArray()),
            ["warnings"] = WarningsJson.Build(run.Warnings),
        };
    }

    public static string ToJson(RunResult run) => Build(run).ToJsonString(Indented);

    public static void Write(string path, RunResult run) =>
        File.WriteAllText(path, ToJson(run) + "\n", new System.Text.UTF8Encoding(false));

    /// <summary>JSON has no NaN/Infinity: a metric that cannot be estimated is null.</summary>
    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 10 - Magnitude(v))) : null;

    private static int Magnitude(double v) => v == 0 ? 0 : Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(v))) + 1, -5, 10);
}
