using System.Text.Json.Nodes;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Runs;

/// <summary>The suicidality parts of a trial's summary.json (per arm and visit; per comparison). Format: docs/cli.md, "trial".</summary>
internal static class TrialSuicidalityJson
{
    public static JsonObject Visit(SuicidalityVisit v, Func<double, JsonNode?> number, Func<ConfidenceInterval, JsonArray> interval, Func<ProportionCounter, JsonObject> proportion) => new()
    {
        ["n"] = v.Item10Change.Count,
        ["item10_mean_change"] = number(v.Item10Change.Mean),
        ["item10_se"] = number(v.Item10Change.StandardError),
        ["item10_ci95"] = interval(v.Item10Change.Count > 1 ? v.Item10Change.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
        ["cgi_ss_r_mean_change"] = number(v.CgiChange.Mean),
        ["cgi_ss_r_se"] = number(v.CgiChange.StandardError),
        ["cgi_ss_r_ci95"] = interval(v.CgiChange.Count > 1 ? v.CgiChange.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
        ["item10_low"] = proportion(v.Item10Low),
        ["resolved"] = proportion(v.Resolved),
    };

    public static JsonObject Comparison(SuicidalityComparison c, Func<double, JsonNode?> number, Func<ConfidenceInterval, JsonArray> interval) => new()
    {
        ["item10_difference"] = Difference(c.Item10Difference, number, interval),
        ["item10_cohens_d"] = number(c.Item10CohensD),
        ["cgi_ss_r_difference"] = Difference(c.CgiDifference, number, interval),
        ["cgi_ss_r_cohens_d"] = number(c.CgiCohensD),
        ["item10_low_difference"] = number(c.Item10LowDifference),
        ["resolved_difference"] = number(c.ResolvedDifference),
    };

    private static JsonObject? Difference(MeanDifference? d, Func<double, JsonNode?> number, Func<ConfidenceInterval, JsonArray> interval) => d is { } x
        ? new JsonObject { ["difference"] = number(x.Difference), ["se"] = number(x.StandardError), ["ci95"] = interval(x.Interval) }
        : null;
}
