using KetaSim.Biology.Validity;

namespace KetaSim.Design.Schedule;

/// <summary>
/// What the search found: every candidate, the reference, the chosen schedule (or, when none meets the target within the
/// limits, the best reachable), the Pareto set of sessions against worst-window remission, and the regimen with the
/// fewest sessions whose worst-window remission is not below the reference's.
/// </summary>
public sealed record ScheduleSearchResult(ScheduleProblem Problem, IReadOnlyList<CandidateResult> Candidates, CandidateResult? Reference)
{
    /// <summary>The feasible candidate with the fewest sessions (ties: higher worst-window remission, then higher mean, then grid order); null if none is feasible.</summary>
    public CandidateResult? Chosen { get; init; }

    /// <summary>When no candidate is feasible: the highest worst-window remission within the limits (or over all, when none is within them); else <see cref="Chosen"/>.</summary>
    public required CandidateResult Best { get; init; }

    /// <summary>Candidates within the limits that no other within-limits candidate beats on both sessions (fewer) and worst-window remission (higher); by sessions.</summary>
    public required IReadOnlyList<CandidateResult> Pareto { get; init; }

    /// <summary>The fewest-session candidate within the limits whose worst-window remission is at least the reference's (null without a reference, or if none).</summary>
    public CandidateResult? MatchesReference { get; init; }

    public bool TargetMet => Chosen is not null;

    /// <summary>Sessions the reference needs minus those of <see cref="MatchesReference"/> (null when either is missing; ≤ 0 saves none).</summary>
    public int? SessionsSavedAtReferenceRemission => Reference is { } r && MatchesReference is { } m ? r.Sessions - m.Sessions : null;
}

/// <summary>
/// The schedule designer's search, independent of the model: every candidate (and the reference) on the same cohort (common
/// random numbers: subject i is the same person under every regimen), in parallel over candidate × subject, each outcome in its
/// own slot and combined in index order, so the result is the same for any thread count. Feasible = the remission share at
/// least the target at every visit of the window and every limit respected; objective = fewest sessions.
/// </summary>
public static class ScheduleSearch
{
    /// <summary>Evaluates <paramref name="candidates"/> and <paramref name="reference"/>; <paramref name="progress"/> gets (done, total) subject runs.</summary>
    public static ScheduleSearchResult Run(ScheduleProblem problem, IReadOnlyList<ScheduleRegimen> candidates, ScheduleRegimen? reference,
        SubjectEvaluator evaluate, int maxThreads = 1, Action<long, long>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(evaluate);
        if (candidates.Count == 0) throw new ArgumentException("At least one candidate schedule is needed.", nameof(candidates));
        if (problem.CohortSize < 1) throw new ArgumentException("The cohort needs at least one subject.", nameof(problem));
        var regimens = reference is null ? candidates.ToArray() : [.. candidates, reference];
        int n = problem.CohortSize;
        long total = (long)regimens.Length * n;
        var outcomes = new SubjectOutcome[regimens.Length][];
        for (int c = 0; c < regimens.Length; c++) outcomes[c] = new SubjectOutcome[n];
        long done = 0;
        try
        {
            Parallel.For(0L, total, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxThreads), CancellationToken = cancel }, k =>
            {
                int c = (int)(k / n), i = (int)(k % n);
                var o = evaluate(regimens[c], i);
                if (o.MadrsAtVisits.Length != problem.VisitHours.Count)
                    throw new InvalidOperationException($"The evaluator returned {o.MadrsAtVisits.Length} visit values for {problem.VisitHours.Count} visits.");
                outcomes[c][i] = o;
                long now = Interlocked.Increment(ref done);
                progress?.Invoke(now, total);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first failure as itself (a located input error stays one, with its own message).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        var results = new CandidateResult[candidates.Count];
        for (int c = 0; c < candidates.Count; c++) results[c] = Summarise(problem, regimens[c], c, outcomes[c]);
        var referenceResult = reference is null ? null : Summarise(problem, reference, -1, outcomes[^1]);
        return Decide(problem, results, referenceResult);
    }

    /// <summary>The cohort summary of one regimen's subject outcomes (in subject order).</summary>
    public static CandidateResult Summarise(ScheduleProblem problem, ScheduleRegimen regimen, int index, IReadOnlyList<SubjectOutcome> outcomes)
    {
        int visits = problem.VisitHours.Count, n = outcomes.Count;
        var share = new double[visits];
        var madrs = new double[visits];
        long given = 0, held = 0, rise = 0, dissociation = 0, riseSubjects = 0, dissociationSubjects = 0;
        double largestRise = 0;
        int risesMeasured = 0;
        var flags = new Dictionary<SubjectValidityFlags, int>();
        foreach (var o in outcomes)
        {
            for (int k = 0; k < visits; k++)
            {
                madrs[k] += o.MadrsAtVisits[k];
                if (o.MadrsAtVisits[k] <= problem.Target.MadrsMax) share[k] += 1;
            }
            given += o.SessionsGiven;
            held += o.SessionsHeld;
            rise += o.SystolicRiseSessions;
            dissociation += o.DissociationSessions;
            if (o.SystolicRiseSessions > 0) riseSubjects++;
            if (o.DissociationSessions > 0) dissociationSubjects++;
            if (double.IsFinite(o.LargestSystolicRiseMmHg)) { largestRise += o.LargestSystolicRiseMmHg; risesMeasured++; }
            foreach (var (flag, _, _) in ValidityDomain.SubjectFlagCodes)
                if ((o.Flags & flag) != 0) flags[flag] = flags.GetValueOrDefault(flag) + 1;
        }
        for (int k = 0; k < visits; k++) { share[k] /= n; madrs[k] /= n; }
        var window = problem.WindowVisits();
        double min = window.Length == 0 ? double.NaN : window.Min(k => share[k]);
        double mean = window.Length == 0 ? double.NaN : window.Average(k => share[k]);
        var limits = problem.Limits;
        bool perSubject = limits.Per == LimitBasis.Subject;
        double riseShare = perSubject ? (double)riseSubjects / n : given == 0 ? 0 : (double)rise / given;
        double dissociationShare = perSubject ? (double)dissociationSubjects / n : given == 0 ? 0 : (double)dissociation / given;
        double heldShare = given + held == 0 ? 0 : (double)held / (given + held);
        string per = perSubject ? "subjects" : "sessions given";
        var broken = new List<string>();
        if (limits.SystolicRiseShareMax is { } rmax && riseShare > rmax + 1e-12)
            broken.Add($"systolic rise >= {limits.SystolicRiseMmHg:G4} mmHg in {riseShare:P1} of {per} (limit {rmax:P1})");
        if (limits.DissociationShareMax is { } dmax && dissociationShare > dmax + 1e-12)
            broken.Add($"dissociation in {dissociationShare:P1} of {per} (limit {dmax:P1})");
        if (limits.HeldShareMax is { } hmax && heldShare > hmax + 1e-12)
            broken.Add($"{heldShare:P1} of planned sessions held by the dose-hold rule (limit {hmax:P1})");
        return new CandidateResult
        {
            Regimen = regimen, Index = index, RemissionShare = share, MeanMadrs = madrs,
            MinWindowRemission = min, MeanWindowRemission = mean,
            MeanSessionsGiven = (double)given / n, SessionsGiven = given, SessionsHeld = held,
            SystolicRiseShare = riseShare, DissociationShare = dissociationShare, HeldShare = heldShare,
            MeanLargestSystolicRiseMmHg = risesMeasured == 0 ? double.NaN : largestRise / risesMeasured,
            MeetsTarget = window.Length > 0 && window.All(k => share[k] >= problem.Target.Share - 1e-12),
            LimitsBroken = broken, FlagCounts = flags,
        };
    }

    /// <summary>The choice, the best reachable, the Pareto set and the reference match from candidate summaries.</summary>
    public static ScheduleSearchResult Decide(ScheduleProblem problem, IReadOnlyList<CandidateResult> candidates, CandidateResult? reference)
    {
        // Fewest sessions; ties: higher worst-window remission, higher mean-window remission, grid order.
        var byObjective = candidates.OrderBy(c => c.Sessions).ThenByDescending(c => c.MinWindowRemission)
            .ThenByDescending(c => c.MeanWindowRemission).ThenBy(c => c.Index).ToArray();
        var chosen = byObjective.FirstOrDefault(c => c.Feasible);
        var pool = candidates.Any(c => c.WithinLimits) ? candidates.Where(c => c.WithinLimits) : candidates;
        var best = chosen ?? pool.OrderByDescending(c => c.MinWindowRemission).ThenByDescending(c => c.MeanWindowRemission)
            .ThenBy(c => c.Sessions).ThenBy(c => c.Index).First();
        var pareto = new List<CandidateResult>();
        double bestSoFar = double.NegativeInfinity;
        // Sweep by sessions: a candidate is on the front when it beats every within-limits candidate with fewer or equal sessions.
        foreach (var group in byObjective.Where(c => c.WithinLimits).GroupBy(c => c.Sessions))
        {
            var top = group.First();
            if (top.MinWindowRemission > bestSoFar + 1e-12)
            {
                pareto.Add(top);
                bestSoFar = top.MinWindowRemission;
            }
        }
        var match = reference is null ? null
            : byObjective.FirstOrDefault(c => c.WithinLimits && c.MinWindowRemission >= reference.MinWindowRemission - 1e-12);
        return new ScheduleSearchResult(problem, candidates, reference) { Chosen = chosen, Best = best, Pareto = pareto, MatchesReference = match };
    }
}
