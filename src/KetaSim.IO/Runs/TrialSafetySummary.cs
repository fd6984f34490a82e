using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;
// JSON numbers and CSV cells written exactly as the trial summary writes them.
using static KetaSim.IO.Runs.TrialSummary;

namespace KetaSim.IO.Runs;

/// <summary>
/// The safety endpoints of a trial with a safety block, per arm: in summary.json (<c>arms[].safety</c>, with the
/// thresholds at the top level) and as <c>safety.csv</c>, one row per arm × measure × level (subject or session), with
/// Wilson 95% intervals for shares and t intervals for means.
/// </summary>
public static class TrialSafetySummary
{
    public const string CsvFileName = "safety.csv";

    /// <summary>The thresholds the shares count against (summary.json <c>safety</c>).</summary>
    public static JsonObject Thresholds(TrialSafety s) => new()
    {
        ["sbp_rise_mmhg"] = s.SystolicRiseMmHg,
        ["dbp_rise_mmhg"] = s.DiastolicRiseMmHg,
        ["sbp_max_mmhg"] = s.SystolicAbsoluteMmHg,
        ["dbp_max_mmhg"] = s.DiastolicAbsoluteMmHg,
        ["dissociation"] = $"CADSS > {F(s.DissociationCadss)} and above pre-dose",
        ["sedation"] = $"MOAA/S <= {F(s.SedationMoaas)}",
        ["window_h"] = s.WindowHours,
        ["variability"] = s.BetweenPatientVariability,
        ["resting_sbp_max_mmhg"] = s.RestingSystolicMaxMmHg,
        ["resting_dbp_max_mmhg"] = s.RestingDiastolicMaxMmHg,
    };

    /// <summary>One arm's block: sessions given and held, shares by subject and by session, per-subject means.</summary>
    public static JsonObject Arm(SafetyTally t)
    {
        var bySubject = new JsonObject();
        var bySession = new JsonObject();
        foreach (var (measure, level, count) in t.Shares())
            (level == "subject" ? bySubject : bySession)[measure] = Share(count);
        var means = new JsonObject();
        foreach (var (measure, m) in t.Means())
            means[measure] = new JsonObject
            {
                ["n"] = m.Count,
                ["mean"] = Number(m.Mean),
                ["sd"] = Number(m.StandardDeviation),
                ["ci95"] = Interval(m.Count > 1 ? m.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
            };
        return new JsonObject
        {
            ["sessions_given"] = t.Given,
            ["sessions_held"] = t.Held,
            ["subjects"] = bySubject,
            ["sessions"] = bySession,
            ["per_subject"] = means,
        };
    }

    /// <summary>safety.csv: arm, measure, level, count, n, proportion or mean, its 95% interval.</summary>
    public static string ToCsv(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("arm,measure,level,count,n,value,ci95_lower,ci95_upper\n");
        var groups = result.Arms.Select(a => (a.Name, a.Safety)).ToList();
        if (result.NotRandomisedSafety is { } open) groups.Add((TrialRunner.NotRandomisedArmName, open));
        foreach (var (name, safety) in groups)
        {
            if (safety is not { } t) continue;
            foreach (var (measure, level, c) in t.Shares())
            {
                var ci = c.Trials > 0 ? c.WilsonInterval() : new ConfidenceInterval(double.NaN, double.NaN);
                sb.AppendJoin(',', Csv(name), measure, level, I(c.Successes), I(c.Trials), F(c.Proportion), F(ci.Lower), F(ci.Upper)).Append('\n');
            }
            foreach (var (measure, m) in t.Means())
            {
                var ci = m.Count > 1 ? m.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN);
                sb.AppendJoin(',', Csv(name), measure, "subject_mean", "", I(m.Count), F(m.Mean), F(ci.Lower), F(ci.Upper)).Append('\n');
            }
            sb.AppendJoin(',', Csv(name), "sessions_held", "total", I(t.Held), I(t.Given + t.Held), "", "", "").Append('\n');
        }
        return sb.ToString();
    }

    private static JsonObject Share(ProportionCounter p) => new()
    {
        ["count"] = p.Successes,
        ["n"] = p.Trials,
        ["proportion"] = Number(p.Proportion),
        ["ci95"] = Interval(p.Trials > 0 ? p.WilsonInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
    };

}
