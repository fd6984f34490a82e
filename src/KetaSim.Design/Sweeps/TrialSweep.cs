using KetaSim.IO.Runs;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;

namespace KetaSim.Design.Sweeps;

/// <summary>One variant's trial and its aggregated result.</summary>
public sealed record TrialSweepResult(TrialVariant Variant, TrialResult Result)
{
    /// <summary>Where the variant's regimens leave the validity domain (docs/validity.md).</summary>
    public IReadOnlyList<Biology.Validity.ValidityWarning> RegimenWarnings { get; init; } = [];

    /// <summary>Subjects whose trajectories leave it, by kind.</summary>
    public IReadOnlyList<SubjectWarningCount> SubjectWarnings { get; init; } = [];
}

/// <summary>One estimate of one endpoint: an arm (or arm vs control) at a time, with its 95% interval and the subjects it rests on.</summary>
public sealed record EndpointEstimate(string Arm, string Endpoint, double TimeHours, double Estimate, double Lower, double Upper, long N);

/// <summary>
/// A trial run once per variant, every variant with the same N, seed and chunk size: subject i has the same
/// covariates and random effects in every variant (common random numbers), so differences between variants are the
/// settings' effect, not a new sample. Each variant's result depends only on (variant, N, seed, chunk size), never on
/// the thread count.
/// </summary>
public static class TrialSweep
{
    public static IReadOnlyList<TrialSweepResult> Run(IReadOnlyList<TrialVariant> variants, int n, ulong seed, int chunkSize, int? threads,
        Func<TrialVariant, int, Func<IProgress<int>, TrialResult>, TrialResult>? showProgress = null)
    {
        var runner = new TrialRunner(chunkSize: chunkSize);
        var results = new List<TrialSweepResult>();
        for (int i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            var validity = new TrialValidity();
            TrialResult Work(IProgress<int> progress) => v.Trial.EnrolUntil is null
                ? runner.Run(v.Trial, n, seed, threads, progress, onSubject: validity.Add)
                : throw new InvalidOperationException("Enrol-until trials are refused before a sweep runs.");
            var result = showProgress is null ? Work(new Progress<int>()) : showProgress(v, i, Work);
            results.Add(new TrialSweepResult(v, result) { RegimenWarnings = TrialValidity.Regimen(v.Trial), SubjectWarnings = validity.Counts() });
        }
        return results;
    }

    /// <summary>
    /// Every endpoint of a result with its interval: per arm and visit the mean change (t), response and remission
    /// (Wilson); per compared arm and visit the difference from the control (Welch; Newcombe); per arm the median
    /// days to response (Kaplan-Meier, Brookmeyer-Crowley), sessions to response and weeks in remission (t), and the
    /// subject-level safety shares (Wilson); relapse hazard ratios against the control (Cox).
    /// </summary>
    public static IReadOnlyList<EndpointEstimate> Endpoints(TrialDefinition trial, TrialResult r)
    {
        var rows = new List<EndpointEstimate>();
        foreach (var arm in r.Arms.Concat(r.Pooled))
        {
            foreach (var v in arm.Visits)
            {
                if (v.N == 0) continue;
                var ci = v.N > 1 ? v.MeanChangeInterval : new ConfidenceInterval(double.NaN, double.NaN);
                rows.Add(new(arm.Name, "change", v.TimeHours, v.MeanChange, ci.Lower, ci.Upper, v.N));
                rows.Add(Share(arm.Name, "response", v.TimeHours, v.Response));
                rows.Add(Share(arm.Name, "remission", v.TimeHours, v.Remission));
            }
            if (arm.Efficacy is { } e && e.DaysToResponse.SubjectCount > 0)
            {
                var median = KaplanMeierCurve.Estimate(e.DaysToResponse).Median();
                rows.Add(new(arm.Name, "median_days_to_response", double.NaN, median.Time, median.Interval.Lower, median.Interval.Upper, e.DaysToResponse.SubjectCount));
                rows.Add(Mean(arm.Name, "sessions_to_response", e.SessionsToResponse));
                rows.Add(Mean(arm.Name, "weeks_in_remission", e.RemissionWeeks));
            }
            if (arm.Safety is { } s)
                foreach (var (measure, level, count) in s.Shares())
                    if (level == "subject" && count.Trials > 0) rows.Add(Share(arm.Name, "safety_" + measure, double.NaN, count));
        }
        foreach (var c in r.Comparisons.Concat(r.PooledComparisons))
        {
            var who = $"{c.Arm} vs {c.Control}";
            if (c.ChangeDifference is { } d) rows.Add(new(who, "change_difference", c.TimeHours, d.Difference, d.Interval.Lower, d.Interval.Upper, 0));
            rows.Add(new(who, "response_difference", c.TimeHours, c.ResponseDifference, c.ResponseDifferenceInterval.Lower, c.ResponseDifferenceInterval.Upper, 0));
            rows.Add(new(who, "remission_difference", c.TimeHours, c.RemissionDifference, c.RemissionDifferenceInterval.Lower, c.RemissionDifferenceInterval.Upper, 0));
        }
        foreach (var c in TrialSummary.RelapseComparisons(r, TrialSummary.ControlIndex(trial, r)))
            if (c.Cox is { } f)
                rows.Add(new($"{c.Arm} vs {c.Control}", "relapse_hazard_ratio", double.NaN, f.HazardRatio, f.HazardRatioInterval.Lower, f.HazardRatioInterval.Upper, c.Events));
        return rows;
    }

    private static EndpointEstimate Share(string arm, string endpoint, double t, ProportionCounter p)
    {
        var ci = p.WilsonInterval();
        return new(arm, endpoint, t, p.Proportion, ci.Lower, ci.Upper, p.Trials);
    }

    private static EndpointEstimate Mean(string arm, string endpoint, RunningMoments m)
    {
        var ci = m.Count > 1 ? m.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN);
        return new(arm, endpoint, double.NaN, m.Count > 0 ? m.Mean : double.NaN, ci.Lower, ci.Upper, m.Count);
    }
}
