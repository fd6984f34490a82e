using System.Text.Json.Nodes;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;
// JSON numbers written exactly as the trial summary writes them.
using static KetaSim.IO.Runs.TrialSummary;

namespace KetaSim.IO.Runs;

/// <summary>
/// The time-based endpoints of one arm in summary.json (<c>arms[].efficacy</c>): Kaplan-Meier median time to the first
/// response, sessions to response among responders, time in remission, re-treatment, and every visit under intention to
/// treat with the last observation carried forward (<c>itt_locf</c>, beside the observed-case <c>visits</c>).
/// </summary>
public static class TrialEfficacySummary
{
    public static JsonObject Arm(EfficacyTally t, IReadOnlyList<double> visitTimesHours)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(visitTimesHours);
        var median = t.DaysToResponse.SubjectCount > 0 ? KaplanMeierCurve.Estimate(t.DaysToResponse).Median() : new SurvivalQuantile(double.NaN, new ConfidenceInterval(double.NaN, double.NaN));
        var locf = new JsonArray();
        for (int v = 0; v < visitTimesHours.Count; v++)
        {
            var c = t.LocfChange[v];
            locf.Add(new JsonObject
            {
                ["time_h"] = Number(visitTimesHours[v]),
                ["n"] = c.Count,
                ["mean_change"] = Number(c.Mean),
                ["ci95"] = Interval(c.Count > 1 ? c.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
                ["response"] = Proportion(t.LocfResponse[v]),
                ["remission"] = Proportion(t.LocfRemission[v]),
            });
        }
        return new JsonObject
        {
            ["responders"] = t.DaysToResponse.Rows().Sum(r => r.Events),
            ["km_median_days_to_response"] = Number(median.Time),
            ["km_median_days_to_response_ci95"] = Interval(median.Interval),
            ["mean_sessions_to_response"] = Number(t.SessionsToResponse.Mean),
            ["mean_sessions_to_response_ci95"] = Interval(t.SessionsToResponse.Count > 1 ? t.SessionsToResponse.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN)),
            ["mean_weeks_in_remission"] = Number(t.RemissionWeeks.Mean),
            ["mean_share_of_follow_up_in_remission"] = Number(t.RemissionShare.Mean),
            ["subjects_retreated"] = t.Retreated,
            ["retreatment_courses"] = t.Retreatments,
            ["itt_locf"] = locf,
        };
    }
}
