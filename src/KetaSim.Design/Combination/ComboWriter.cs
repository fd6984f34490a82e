using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.IO.Output;

namespace KetaSim.Design.Combination;

/// <summary>combo.json (the answer), candidates.csv (every point evaluated), pareto.csv (the front), isobologram.png, pareto.png.</summary>
public static class ComboWriter
{
    public const string JsonName = "combo.json", CandidatesName = "candidates.csv", ParetoName = "pareto.csv", IsobologramName = "isobologram.png", ParetoPngName = "pareto.png";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<string> Write(string directory, ComboReport report)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, JsonName), BuildJson(report).ToJsonString(Indented) + "\n", utf8);
        File.WriteAllText(Path.Combine(directory, CandidatesName), Csv(report, report.Result.Points), utf8);
        File.WriteAllText(Path.Combine(directory, ParetoName), Csv(report, report.Result.Pareto.Select(i => report.Result.Points[i])), utf8);
        ComboPlots.Isobologram(Path.Combine(directory, IsobologramName), report);
        ComboPlots.Pareto(Path.Combine(directory, ParetoPngName), report);
        return [JsonName, CandidatesName, ParetoName, IsobologramName, ParetoPngName];
    }

    public static JsonObject BuildJson(ComboReport report)
    {
        var r = report.Result;
        var p = r.Problem;
        var spec = report.Spec;
        var illustrative = report.IllustrativeCompounds;
        var json = new JsonObject
        {
            ["name"] = spec.Name,
            ["description"] = spec.Description,
            ["spec"] = spec.File,
            ["scenario"] = spec.Scenario.File,
            ["illustrative_compounds"] = new JsonArray([.. illustrative.Select(x => (JsonNode)x)]),
            ["note"] = illustrative.Count > 0
                ? $"ILLUSTRATIVE compounds ({string.Join(", ", illustrative)}): stand-ins with made-up values; no number here is a prediction for a real drug"
                : null,
            ["warnings"] = WarningsJson.Build(report.Warnings),
            ["background"] = new JsonArray([.. spec.Background.Select(d => (JsonNode)ComboSpec.Describe(d))]),
            ["left_out_of_base_scenario"] = new JsonArray([.. spec.Dropped.Select(d => (JsonNode)ComboSpec.Describe(d))]),
            ["verdict"] = new JsonObject
            {
                ["target_reached"] = r.Verdict.TargetReached,
                ["low_dose_reached"] = r.Verdict.LowDoseReached,
                ["low_dose_fraction"] = p.LowDoseFraction,
                ["components"] = new JsonArray([.. r.Verdict.Components.Select(c => (JsonNode)new JsonObject
                {
                    ["metric"] = c.Metric, ["combination_harm"] = N(c.Combination), ["reference_harm"] = N(c.Reference), ["lower"] = c.Lower,
                })]),
                ["text"] = r.Verdict.Text,
            },
            ["target"] = new JsonObject
            {
                ["metric"] = p.EffectMetric,
                ["value"] = N(p.TargetEffect),
                ["source"] = spec.Target.Value is null ? "reference" : "given",
                ["better"] = p.Sense == EffectSense.LowerIsBetter ? "lower" : "higher",
                ["tolerance"] = N(p.Tolerance),
            },
            ["reference"] = r.Reference is { } rf ? new JsonObject
            {
                ["label"] = rf.Label,
                ["effect"] = N(rf.Outcome.Effect),
                ["burden"] = N(rf.Burden),
                ["components"] = Components(p, rf.Outcome.BurdenValues, rf.Harms),
            } : null,
            ["drug_free"] = new JsonObject
            {
                ["effect"] = N(r.DrugFree.Effect),
                ["components"] = Components(p, r.DrugFree.BurdenValues, new double[p.Burden.Count]),
            },
            ["burden_terms"] = new JsonArray([.. p.Burden.Select(b => (JsonNode)new JsonObject
            {
                ["metric"] = b.Metric, ["weight"] = N(b.Weight), ["worse"] = b.Worse == EffectSense.HigherIsBetter ? "higher" : "lower",
            })]),
            ["solo"] = new JsonArray([.. r.Solo.Select(s => (JsonNode)new JsonObject
            {
                ["compound"] = s.Compound.Name,
                ["unit"] = s.Compound.DoseUnit,
                ["range"] = new JsonArray(N(s.Compound.MinDose), N(s.Compound.MaxDose)),
                ["reached"] = s.Reached,
                ["effective_dose"] = s.Reached ? N(s.EffectiveDose) : null,
                ["best_effect"] = N(s.BestEffect),
                ["best_dose"] = N(s.BestDose),
                ["curve"] = new JsonArray([.. s.Curve.Doses.Select((d, i) => (JsonNode)new JsonObject
                    { ["dose"] = N(d), ["effect"] = N(p.Sign * s.Curve.Benefits[i]) })]),
            })]),
            ["best"] = r.BestPoint is { } b ? Point(p, b) : null,
            ["low_dose"] = r.Verdict.LowDosePoint is { } l ? Point(p, r.Points[l]) : null,
            ["best_reachable"] = Point(p, r.Points[r.BestReachable]),
            ["pareto"] = new JsonArray([.. r.Pareto.Select(i => (JsonNode)Point(p, r.Points[i]))]),
            ["bliss_normalisation"] = new JsonObject { ["max_effect"] = N(r.MaxEffect), ["source"] = r.MaxEffectSource },
            ["liabilities"] = new JsonArray([.. report.Liabilities.Select(x => (JsonNode)new JsonObject
            {
                ["compound"] = x.Compound,
                ["modelled"] = new JsonArray([.. x.Modelled.Select(m => (JsonNode)m)]),
                ["not_modelled"] = new JsonArray([.. x.Lacking.Select(m => (JsonNode)m)]),
            })]),
            ["search"] = new JsonObject
            {
                ["seed"] = r.Settings.Seed,
                ["samples"] = r.Settings.Samples,
                ["directions"] = r.Settings.Directions,
                ["refine_rounds"] = r.Settings.RefineRounds,
                ["refine_directions"] = r.Settings.RefineDirections,
                ["solo_points"] = r.Settings.SoloPoints,
                ["evaluations"] = r.Points.Count + 1,
                ["cohort"] = spec.Cohort is { } c ? new JsonObject { ["population"] = c.Population.Name, ["size"] = c.Size, ["seed"] = c.Seed } : null,
            },
        };
        return json;
    }

    private static JsonObject Components(ComboProblem p, double[] values, double[] harms)
    {
        var o = new JsonObject();
        for (int i = 0; i < p.Burden.Count; i++) o[p.Burden[i].Metric] = new JsonObject { ["value"] = N(values[i]), ["harm"] = N(harms[i]) };
        return o;
    }

    private static JsonObject Point(ComboProblem p, ComboPoint x)
    {
        var doses = new JsonObject();
        var fractions = new JsonObject();
        for (int c = 0; c < p.Compounds.Count; c++)
        {
            doses[p.Compounds[c].Name] = N(x.Doses[c]);
            fractions[p.Compounds[c].Name] = new JsonObject { ["value"] = N(x.Fractions[c]), ["upper_bound"] = x.FractionIsBound[c] };
        }
        return new JsonObject
        {
            ["index"] = x.Index,
            ["stage"] = x.Stage.ToString().ToLowerInvariant(),
            ["doses"] = doses,
            ["units"] = new JsonArray([.. p.Compounds.Select(c => (JsonNode)c.DoseUnit)]),
            ["fractions_of_solo_dose"] = fractions,
            ["effect"] = N(x.Effect),
            ["reaches_target"] = x.Reaches,
            ["burden"] = N(x.Burden),
            ["components"] = Components(p, x.BurdenValues, x.Harms),
            ["loewe_ci"] = new JsonObject { ["low"] = N(x.CiLow), ["high"] = N(x.CiHigh) },
            ["bliss_excess"] = N(x.BlissExcess),
            ["exact"] = x.Exact,
            ["on_pareto"] = x.OnPareto,
        };
    }

    private static string Csv(ComboReport report, IEnumerable<ComboPoint> points)
    {
        var p = report.Result.Problem;
        var sb = new StringBuilder();
        var header = new List<string> { "index", "stage" };
        header.AddRange(p.Compounds.Select(c => $"dose[{c.Name}]({c.DoseUnit})"));
        header.AddRange(p.Compounds.Select(c => $"fraction_of_solo[{c.Name}]"));
        header.AddRange(["effect", "reaches_target", "burden"]);
        header.AddRange(p.Burden.Select(b => $"value[{b.Metric}]"));
        header.AddRange(p.Burden.Select(b => $"harm[{b.Metric}]"));
        header.AddRange(["loewe_ci_low", "loewe_ci_high", "bliss_excess", "exact", "on_pareto", "illustrative_compounds"]);
        sb.Append(string.Join(',', header)).Append('\n');
        string illustrative = string.Join(';', report.IllustrativeCompounds);
        foreach (var x in points)
        {
            var row = new List<string> { x.Index.ToString(CultureInfo.InvariantCulture), x.Stage.ToString().ToLowerInvariant() };
            row.AddRange(x.Doses.Select(F));
            row.AddRange(x.Fractions.Select((f, c) => (x.FractionIsBound[c] ? "<=" : "") + F(f)));
            row.AddRange([F(x.Effect), x.Reaches ? "true" : "false", F(x.Burden)]);
            row.AddRange(x.BurdenValues.Select(F));
            row.AddRange(x.Harms.Select(F));
            row.AddRange([F(x.CiLow), F(x.CiHigh), F(x.BlissExcess), x.Exact ? "true" : "false", x.OnPareto ? "true" : "false", illustrative]);
            sb.Append(string.Join(',', row)).Append('\n');
        }
        return sb.ToString();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : null;
}
