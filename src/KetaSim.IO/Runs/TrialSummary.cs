using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Runs;

/// <summary>Relapse of one arm: Kaplan-Meier median (days) with its 95% interval (log transform, as R survfit).</summary>
public sealed record ArmRelapse(string Arm, long Evaluable, long Events, double MedianDays, ConfidenceInterval MedianInterval);

/// <summary>Relapse of an arm against the control: log-rank test and Cox hazard ratio (arm / control, Efron ties).</summary>
public sealed record RelapseComparison(string Arm, string Control, long Events, LogRankTest LogRank, CoxTwoArmFit? Cox);

/// <summary>
/// The trial's summary files, computed only from a <see cref="TrialResult"/> (so they are identical for any thread
/// count and for resumed runs): <c>summary.json</c> and <c>visits.csv</c>. No run id or time stamps: two runs of the
/// same (trial, N, seed, chunk size) give byte-identical files. Format: docs/cli.md, "trial".
/// </summary>
public static class TrialSummary
{
    public const string JsonFileName = "summary.json";
    public const string CsvFileName = "visits.csv";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Per arm: Kaplan-Meier median time to relapse (NaN when the curve does not reach 0.5).</summary>
    public static IReadOnlyList<ArmRelapse> Relapse(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Arms.Select(RelapseOf)];
    }

    private static ArmRelapse RelapseOf(ArmSummary a)
    {
        long events = a.RelapseDays.Rows().Sum(r => r.Events);
        var median = a.RelapseDays.SubjectCount > 0 ? KaplanMeierCurve.Estimate(a.RelapseDays).Median()
            : new SurvivalQuantile(double.NaN, new ConfidenceInterval(double.NaN, double.NaN));
        return new ArmRelapse(a.Name, a.RelapseDays.SubjectCount, events, median.Time, median.Interval);
    }

    /// <summary>Each non-control arm against the control arm, when both have relapse-evaluable subjects and
    /// there is at least one relapse between them. The Cox fit is given only when both arms have events
    /// (otherwise the hazard ratio's estimate is at 0 or infinity).</summary>
    public static IReadOnlyList<RelapseComparison> RelapseComparisons(TrialResult result, int controlArm)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<RelapseComparison>();
        if (controlArm < 0 || controlArm >= result.Arms.Count) return list;
        var control = result.Arms[controlArm];
        for (int a = 0; a < result.Arms.Count; a++)
        {
            if (a == controlArm) continue;
            var arm = result.Arms[a];
            if (arm.RelapseDays.SubjectCount == 0 || control.RelapseDays.SubjectCount == 0) continue;
            var rows = RiskSets.FromArms(control.RelapseDays, arm.RelapseDays);
            long e0 = rows.Sum(r => r.Events0), e1 = rows.Sum(r => r.Events1);
            if (e0 + e1 == 0) continue;
            CoxTwoArmFit? cox = e0 > 0 && e1 > 0 ? CoxTwoArm.Fit(rows) : null;
            if (cox is { Converged: false }) cox = null;
            list.Add(new RelapseComparison(arm.Name, control.Name, e0 + e1, LogRankTest.Compute(rows), cox));
        }
        return list;
    }

    /// <summary>Index of the control arm in <paramref name="result"/> (by <paramref name="trial"/>'s control arm name).</summary>
    public static int ControlIndex(TrialDefinition trial, TrialResult result)
    {
        var name = trial.Arms[Math.Max(0, trial.ControlArmIndex)].Name;
        for (int a = 0; a < result.Arms.Count; a++)
            if (string.Equals(result.Arms[a].Name, name, StringComparison.Ordinal)) return a;
        return 0;
    }

    /// <summary>
    /// summary.json. <paramref name="warnings"/>: the validity-domain warnings (<see cref="TrialValidity.Json"/>); null
    /// checks the definition only (no subject counts).
    /// </summary>
    public static JsonObject Build(TrialDefinition trial, TrialResult result, JsonArray? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(result);
        int control = ControlIndex(trial, result);
        var relapse = Relapse(result);
        var arms = new JsonArray();
        for (int a = 0; a < result.Arms.Count; a++) arms.Add(ArmJson(result.Arms[a], relapse[a], result.VisitTimesHours));
        var comparisons = new JsonArray([.. result.Comparisons.Select(c => (JsonNode)ComparisonJson(c))]);
        var relapseComparisons = new JsonArray();
        foreach (var c in RelapseComparisons(result, control))
        {
            relapseComparisons.Add(new JsonObject
            {
                ["arm"] = c.Arm,
                ["control"] = c.Control,
                ["events"] = c.Events,
                ["log_rank_chi_square"] = Number(c.LogRank.ChiSquare),
                ["log_rank_p"] = Number(c.LogRank.PValue),
                ["hazard_ratio"] = c.Cox is { } f ? Number(f.HazardRatio) : null,
                ["hazard_ratio_ci95"] = c.Cox is { } g ? Interval(g.HazardRatioInterval) : null,
            });
        }
        var phases = new JsonArray();
        foreach (var ph in result.Phases)
        {
            var perArm = new JsonArray();
            for (int a = 0; a < result.Arms.Count; a++)
            {
                var pv = new JsonArray();
                foreach (var v in result.Arms[a].Visits)
                {
                    if (!(v.TimeHours > ph.StartHours && v.TimeHours <= ph.EndHours) && !(ph.StartHours == 0 && v.TimeHours == 0)) continue;
                    pv.Add(new JsonObject { ["time_h"] = Number(v.TimeHours), ["n"] = v.N, ["response"] = Proportion(v.Response), ["remission"] = Proportion(v.Remission) });
                }
                perArm.Add(new JsonObject { ["name"] = result.Arms[a].Name, ["entered"] = ph.EnteredPerArm[a], ["visits"] = pv });
            }
            phases.Add(new JsonObject
            {
                ["name"] = ph.Name,
                ["start_h"] = Number(ph.StartHours),
                ["end_h"] = Number(ph.EndHours),
                ["entry"] = ph.Entry,
                ["entered"] = ph.Entered,
                ["response_at_end"] = Proportion(ph.ResponseAtEnd),
                ["remission_at_end"] = Proportion(ph.RemissionAtEnd),
                ["arms"] = perArm,
            });
        }
        var json = new JsonObject
        {
            ["trial"] = result.Trial,
            ["subjects"] = result.SubjectCount,
            ["seed"] = result.Seed,
            ["chunk_size"] = result.ChunkSize,
            ["visits_h"] = new JsonArray([.. result.VisitTimesHours.Select(Number)]),
            ["scale"] = result.Scale == RatingScale.Hamd17 ? "hamd17" : "madrs",
            ["randomisation_h"] = result.RandomisationHours is { } rh ? Number(rh) : null,
            ["not_randomised"] = result.NotRandomised,
            ["control_arm"] = result.Arms[control].Name,
            ["remission_threshold"] = Number(trial.RemissionThreshold),
            ["response_fraction"] = Number(trial.ResponseFraction),
            ["arms"] = arms,
            ["comparisons"] = comparisons,
            ["relapse_comparisons"] = relapseComparisons,
            ["warnings"] = warnings ?? TrialValidity.Json(TrialValidity.Regimen(trial), []),
        };
        if (result.Phases.Count > 0) json["phases"] = phases;
        if (result.Crossover is { } crossover) json["crossover"] = TrialCrossoverSummary.Build(crossover);
        if (result.Enrolment is { } e)
            json["enrolment"] = new JsonObject
            {
                ["phase"] = e.Phase, ["target"] = e.Target, ["entered"] = e.Entered, ["enrolled"] = e.Enrolled, ["cap"] = e.Cap, ["reached"] = e.Reached,
            };
        if (result.Pooled.Count > 0)
        {
            json["pooled_arms"] = new JsonArray([.. result.Pooled.Select(p =>
            {
                var o = ArmJson(p, RelapseOf(p), result.VisitTimesHours);
                o["pools"] = new JsonArray([.. p.PooledFrom.Select(n => (JsonNode)JsonValue.Create(n)!)]);
                return (JsonNode)o;
            })]);
            json["pooled_comparisons"] = new JsonArray([.. result.PooledComparisons.Select(c => (JsonNode)ComparisonJson(c))]);
        }
        if (trial.Suicidality is { } endpoints)
            json["suicidality_thresholds"] = new JsonObject { ["item10_max"] = Number(endpoints.Item10Max), ["cgi_ss_r_max"] = Number(endpoints.CgiMax) };
        if (trial.Safety is { } thresholds) json["safety"] = TrialSafetySummary.Thresholds(thresholds);
        if (result.NotRandomisedSafety is { } open) json["not_randomised_safety"] = TrialSafetySummary.Arm(open);
        return json;
    }

    /// <summary>One arm (or pooled arm) of summary.json: visits, relapse, safety and efficacy blocks.</summary>
    private static JsonObject ArmJson(ArmSummary arm, ArmRelapse r, IReadOnlyList<double> visitTimesHours)
    {
        var visits = new JsonArray();
        foreach (var v in arm.Visits)
        {
            var visit = new JsonObject
            {
                ["time_h"] = Number(v.TimeHours),
                ["n"] = v.N,
                ["mean_change"] = Number(v.MeanChange),
                ["se"] = Number(v.StandardError),
                ["ci95"] = Interval(v.N > 1 ? v.MeanChangeInterval : new ConfidenceInterval(double.NaN, double.NaN)),
                ["response"] = Proportion(v.Response),
                ["remission"] = Proportion(v.Remission),
            };
            if (v.Suicidality is { } si) visit["suicidality"] = TrialSuicidalityJson.Visit(si, Number, Interval, Proportion);
            visits.Add(visit);
        }
        var armJson = new JsonObject
        {
            ["name"] = arm.Name,
            ["randomised"] = arm.Randomised,
            ["dropped_out"] = arm.DroppedOut,
            ["held_doses"] = arm.HeldDoses,
            ["visits"] = visits,
            ["relapse"] = new JsonObject
            {
                ["evaluable"] = r.Evaluable,
                ["events"] = r.Events,
                ["km_median_days"] = Number(r.MedianDays),
                ["km_median_ci95"] = Interval(r.MedianInterval),
            },
        };
        if (arm.Safety is { } safety) armJson["safety"] = TrialSafetySummary.Arm(safety);
        if (arm.Efficacy is { } efficacy) armJson["efficacy"] = TrialEfficacySummary.Arm(efficacy, visitTimesHours);
        return armJson;
    }

    /// <summary>One arm (or pooled arm) against the control at one visit.</summary>
    private static JsonObject ComparisonJson(ArmComparison c)
    {
        var comparison = new JsonObject
        {
            ["arm"] = c.Arm,
            ["control"] = c.Control,
            ["time_h"] = Number(c.TimeHours),
            ["change_difference"] = c.ChangeDifference is { } d ? new JsonObject
            {
                ["difference"] = Number(d.Difference),
                ["se"] = Number(d.StandardError),
                ["df"] = Number(d.DegreesOfFreedom),
                ["ci95"] = Interval(d.Interval),
            } : null,
            ["response_difference"] = new JsonObject { ["difference"] = Number(c.ResponseDifference), ["ci95"] = Interval(c.ResponseDifferenceInterval) },
            ["remission_difference"] = new JsonObject { ["difference"] = Number(c.RemissionDifference), ["ci95"] = Interval(c.RemissionDifferenceInterval) },
        };
        if (c.Suicidality is { } si) comparison["suicidality"] = TrialSuicidalityJson.Comparison(si, Number, Interval);
        return comparison;
    }

    public static string ToJson(TrialDefinition trial, TrialResult result, JsonArray? warnings = null) => Build(trial, result, warnings).ToJsonString(Indented) + "\n";

    /// <summary>visits.csv: one row per arm × visit (the table of summary.json's arms[].visits), then per pooled arm × visit, invariant culture,
    /// round-trip precision, empty cells where a value is undefined.</summary>
    public static string ToCsv(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("arm,time_h,n,mean_change,se,ci95_lower,ci95_upper,")
          .Append("responders,response,response_ci95_lower,response_ci95_upper,")
          .Append("remitters,remission,remission_ci95_lower,remission_ci95_upper");
        bool suicidality = result.Arms.Any(a => a.Visits.Any(v => v.Suicidality is not null));
        if (suicidality) sb.Append(",item10_mean_change,item10_se,cgi_ss_r_mean_change,cgi_ss_r_se,item10_low,item10_low_proportion,resolved,resolved_proportion");
        sb.Append('\n');
        foreach (var arm in result.Arms.Concat(result.Pooled))
            foreach (var v in arm.Visits)
            {
                var ci = v.N > 1 ? v.MeanChangeInterval : new ConfidenceInterval(double.NaN, double.NaN);
                var resp = v.Response.Trials > 0 ? v.ResponseInterval : new ConfidenceInterval(double.NaN, double.NaN);
                var rem = v.Remission.Trials > 0 ? v.RemissionInterval : new ConfidenceInterval(double.NaN, double.NaN);
                sb.AppendJoin(',', Csv(arm.Name), F(v.TimeHours), I(v.N), F(v.MeanChange), F(v.StandardError), F(ci.Lower), F(ci.Upper),
                    I(v.Response.Successes), F(v.Response.Proportion), F(resp.Lower), F(resp.Upper),
                    I(v.Remission.Successes), F(v.Remission.Proportion), F(rem.Lower), F(rem.Upper));
                if (suicidality && v.Suicidality is { } si)
                    sb.Append(',').AppendJoin(',', F(si.Item10Change.Mean), F(si.Item10Change.StandardError), F(si.CgiChange.Mean), F(si.CgiChange.StandardError),
                        I(si.Item10Low.Successes), F(si.Item10Low.Proportion), I(si.Resolved.Successes), F(si.Resolved.Proportion));
                sb.Append('\n');
            }
        return sb.ToString();
    }

    /// <summary>Writes summary.json and visits.csv into <paramref name="directory"/> (each through a temporary file
    /// and a rename, so a reader never sees half a file). Returns the file names.</summary>
    public static IReadOnlyList<string> Write(string directory, TrialDefinition trial, TrialResult result, JsonArray? warnings = null)
    {
        WriteAtomically(Path.Combine(directory, JsonFileName), ToJson(trial, result, warnings));
        WriteAtomically(Path.Combine(directory, CsvFileName), ToCsv(result));
        if (trial.Safety is null) return [JsonFileName, CsvFileName];
        WriteAtomically(Path.Combine(directory, TrialSafetySummary.CsvFileName), TrialSafetySummary.ToCsv(result));
        return [JsonFileName, CsvFileName, TrialSafetySummary.CsvFileName];
    }

    private static void WriteAtomically(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }

    internal static JsonObject Proportion(ProportionCounter p) => new()
    {
        ["count"] = p.Successes,
        ["proportion"] = Number(p.Proportion),
        ["ci95"] = Interval(p.Trials > 0 ? p.WilsonInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
    };

    internal static JsonArray Interval(ConfidenceInterval ci) => new(Number(ci.Lower), Number(ci.Upper));

    /// <summary>Full precision (shortest round-trip); JSON has no NaN, so undefined values are null.</summary>
    internal static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    internal static string F(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    internal static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
