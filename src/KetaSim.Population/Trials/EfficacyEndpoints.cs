using KetaSim.Population.Statistics;

namespace KetaSim.Population.Trials;

/// <summary>
/// The time-based efficacy endpoints of one subject, from its rated visits (docs/trial-format.md, "Time-based endpoints
/// and intention to treat"), as pure functions of the outcome: time and sessions to the first response, time in
/// remission, and the last observation carried forward for the intention-to-treat view.
/// </summary>
public static class EfficacyEndpoints
{
    /// <summary>The first visit at which the subject responded; −1 when it never did.</summary>
    public static int FirstResponseVisit(SubjectOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (int v = 0; v < o.Scores.Count; v++)
            if (o.Scores[v] is not null && o.Responded[v]) return v;
        return -1;
    }

    /// <summary>The last visit the subject was rated at; −1 when none.</summary>
    public static int LastObservedVisit(SubjectOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (int v = o.Scores.Count - 1; v >= 0; v--)
            if (o.Scores[v] is not null) return v;
        return -1;
    }

    /// <summary>
    /// Hours in remission over the observed follow-up: a visit's status holds from it to the next observed visit (the
    /// status at t = 0 is the baseline's, which is never a remission in these populations); the last observed visit
    /// ends the follow-up.
    /// </summary>
    public static double RemissionHours(SubjectOutcome o, IReadOnlyList<double> visitTimesHours)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(visitTimesHours);
        double total = 0;
        int previous = -1;
        for (int v = 0; v < o.Scores.Count; v++)
        {
            if (o.Scores[v] is null) continue;
            if (previous >= 0 && o.Remitted[previous]) total += visitTimesHours[v] - visitTimesHours[previous];
            previous = v;
        }
        return total;
    }

    /// <summary>Observed follow-up, h: from t = 0 to the last observed visit.</summary>
    public static double FollowUpHours(SubjectOutcome o, IReadOnlyList<double> visitTimesHours)
    {
        int last = LastObservedVisit(o);
        return last >= 0 ? visitTimesHours[last] : 0;
    }

    /// <summary>
    /// The score at visit <paramref name="visit"/> with the last observation carried forward (intention to treat): the
    /// observed score, else the last one observed before it, else the baseline (a subject never rated after it).
    /// </summary>
    public static double LocfScore(SubjectOutcome o, int visit)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (int v = visit; v >= 0; v--)
            if (o.Scores[v] is { } s) return s;
        return o.Baseline;
    }

    /// <summary>Sessions given at or before <paramref name="timeHours"/> (sessions in time order).</summary>
    public static int SessionsUpTo(IReadOnlyList<double> sessionTimesHours, double timeHours)
    {
        ArgumentNullException.ThrowIfNull(sessionTimesHours);
        int n = 0;
        foreach (var t in sessionTimesHours)
            if (t <= timeHours + 1e-9) n++;
        return n;
    }
}

/// <summary>
/// Per-arm sums of the time-based endpoints and the intention-to-treat (LOCF) view; merged chunk by chunk in a fixed
/// order, so the result depends only on (definition, N, seed, chunk size).
/// </summary>
public sealed class EfficacyTally
{
    /// <summary>Days to the first response visit (an event), or to the last observed visit (censored).</summary>
    public EventCountTable DaysToResponse { get; } = new();

    /// <summary>Sessions given up to the first response, among subjects who responded.</summary>
    public RunningMoments SessionsToResponse;

    /// <summary>Weeks in remission over each subject's observed follow-up.</summary>
    public RunningMoments RemissionWeeks;

    /// <summary>Share of each subject's observed follow-up spent in remission (subjects followed past t = 0).</summary>
    public RunningMoments RemissionShare;

    /// <summary>Subjects with at least one re-treatment course, and courses in all.</summary>
    public long Retreated, Retreatments;

    /// <summary>Per visit, every randomised subject with the last observation carried forward.</summary>
    public RunningMoments[] LocfChange { get; }
    public ProportionCounter[] LocfResponse { get; }
    public ProportionCounter[] LocfRemission { get; }

    public EfficacyTally(int visits)
    {
        LocfChange = new RunningMoments[visits];
        LocfResponse = new ProportionCounter[visits];
        LocfRemission = new ProportionCounter[visits];
    }

    public void Add(SubjectOutcome o, TrialDefinition trial)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(trial);
        var times = trial.VisitTimesHours;
        int first = EfficacyEndpoints.FirstResponseVisit(o);
        int last = EfficacyEndpoints.LastObservedVisit(o);
        if (first >= 0)
        {
            DaysToResponse.Add(times[first] / 24.0, isEvent: true);
            if (o.SessionsToResponse is { } k) SessionsToResponse.Add(k);
        }
        else if (last >= 0) DaysToResponse.Add(times[last] / 24.0, isEvent: false);
        double followUp = EfficacyEndpoints.FollowUpHours(o, times);
        double remission = EfficacyEndpoints.RemissionHours(o, times);
        RemissionWeeks.Add(remission / 168.0);
        if (followUp > 0) RemissionShare.Add(remission / followUp);
        if (o.RetreatmentHours.Count > 0) Retreated++;
        Retreatments += o.RetreatmentHours.Count;
        if (o.Baseline <= 0) return;
        for (int v = 0; v < times.Count; v++)
        {
            double s = EfficacyEndpoints.LocfScore(o, v);
            LocfChange[v].Add(s - o.Baseline);
            LocfResponse[v].Add(Biology.Symptoms.Endpoints.IsResponse(o.Baseline, s, trial.ResponseFraction));
            LocfRemission[v].Add(Biology.Symptoms.Endpoints.IsRemission(s, trial.RemissionThresholdAtVisit(v)));
        }
    }

    public void Merge(EfficacyTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        DaysToResponse.Merge(other.DaysToResponse);
        SessionsToResponse.Merge(other.SessionsToResponse);
        RemissionWeeks.Merge(other.RemissionWeeks);
        RemissionShare.Merge(other.RemissionShare);
        Retreated += other.Retreated;
        Retreatments += other.Retreatments;
        for (int v = 0; v < LocfChange.Length; v++)
        {
            LocfChange[v].Merge(other.LocfChange[v]);
            LocfResponse[v].Merge(other.LocfResponse[v]);
            LocfRemission[v].Merge(other.LocfRemission[v]);
        }
    }
}
