using KetaSim.Biology.Symptoms;

namespace KetaSim.Population.Trials;

/// <summary>What counts as a relapse at a visit.</summary>
public enum RelapseKind
{
    /// <summary>Rating at or above <see cref="RelapseRule.Threshold"/> (MADRS ≥ 22).</summary>
    Threshold,
    /// <summary>No longer a response: the rating has fallen by less than the response fraction from the reference rating.</summary>
    LossOfResponse,
    /// <summary>No longer in remission: rating above the remission threshold of the visit's phase.</summary>
    LossOfRemission,
}

/// <summary>The rating a loss of response is judged against.</summary>
public enum RelapseReference
{
    /// <summary>The trial baseline (t = 0).</summary>
    Baseline,
    /// <summary>The rating at the last visit at or before the start of the relapse phase (the randomised phase, or <see cref="RelapseRule.Phase"/>).</summary>
    PhaseEntry,
}

/// <summary>Where relapse times are measured from.</summary>
public enum RelapseClock
{
    /// <summary>The first dose (t = 0).</summary>
    Start,
    /// <summary>Randomisation (the start of the randomised phase).</summary>
    Randomisation,
    /// <summary>The start of the relapse phase (<see cref="RelapseRule.Phase"/>, else the randomised phase).</summary>
    PhaseEntry,
    /// <summary>The last session given at or before the relapse visit (or, when censored, the last observed visit).</summary>
    LastDose,
}

/// <summary>One subject's relapse endpoint: whether it enters the relapse table, event time or censoring time, and their origin (h).</summary>
public readonly record struct RelapseOutcome(bool Evaluable, double? RelapseHours, double CensoredHours, double OriginHours);

/// <summary>
/// The relapse endpoint of one subject from its rated scores, as a pure function (docs/trial-format.md, "endpoints"):
/// which visits count (from the relapse phase's first visit, or after the first remission, or all), what counts at a
/// visit (<see cref="RelapseKind"/>, against <see cref="RelapseReference"/>), and the clock (<see cref="RelapseClock"/>).
/// The rule's defaults reproduce the original threshold rule exactly.
/// </summary>
public static class RelapseEvaluation
{
    /// <summary>
    /// <paramref name="rated"/>: baseline then one rating per visit; <paramref name="observed"/>: visits observed (a prefix);
    /// <paramref name="phaseIndex"/>: the relapse phase (−1: none, judged from t = 0 or from the first remission);
    /// <paramref name="phasesEntered"/>: phases the subject entered; <paramref name="sessionTimesHours"/>: sessions given, time order.
    /// </summary>
    public static RelapseOutcome Evaluate(TrialDefinition trial, IReadOnlyList<double> rated, int observed, int phaseIndex, int phasesEntered,
        IReadOnlyList<double> sessionTimesHours)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(rated);
        ArgumentNullException.ThrowIfNull(sessionTimesHours);
        var rule = trial.Relapse;
        var visits = trial.VisitTimesHours;
        int firstRemission = -1;
        for (int v = 0; v < observed && firstRemission < 0; v++)
            if (Endpoints.IsRemission(rated[v + 1], trial.RemissionThresholdAtVisit(v))) firstRemission = v;

        bool inPhase = phaseIndex >= 0;
        double phaseStart = inPhase ? trial.Phases[phaseIndex].StartHours : 0;
        int phaseFirst = inPhase ? trial.VisitsOfPhase(phaseIndex).First : 0;
        double origin = rule.Clock switch
        {
            RelapseClock.Randomisation => trial.RandomisedPhaseIndex is var r and > 0 ? trial.Phases[r].StartHours : trial.Withdrawal?.RandomisationHours ?? 0,
            RelapseClock.PhaseEntry => phaseStart,
            RelapseClock.Start => 0,
            _ => phaseStart,   // the last dose: set below, once the visit that ends the clock is known
        };
        bool evaluable = inPhase ? phasesEntered > phaseIndex : !rule.OnlyAfterRemission || firstRemission >= 0;
        double lastObserved = observed > 0 ? visits[observed - 1] : 0;
        if (!evaluable) return new RelapseOutcome(false, null, Math.Max(0, lastObserved - origin), origin);

        int from = inPhase ? phaseFirst : rule.OnlyAfterRemission ? firstRemission + 1 : 0;
        // The reference of a loss of response: the baseline, or the rating at the last visit before the relapse phase.
        double reference = rule.Reference == RelapseReference.PhaseEntry && inPhase ? rated[phaseFirst] : rated[0];
        int run = 0, relapse = -1;
        for (int v = Math.Max(0, from); v < observed; v++)
        {
            double s = rated[v + 1];
            bool hit = rule.Kind switch
            {
                RelapseKind.Threshold => s >= rule.Threshold,
                RelapseKind.LossOfResponse => !(reference > 0 && Endpoints.IsResponse(reference, s, trial.ResponseFraction)),
                _ => !Endpoints.IsRemission(s, trial.RemissionThresholdAtVisit(v)),
            };
            run = hit ? run + 1 : 0;
            if (run >= rule.ConsecutiveVisits) { relapse = v; break; }
        }
        double end = relapse >= 0 ? visits[relapse] : lastObserved;
        if (rule.Clock == RelapseClock.LastDose)
        {
            origin = 0;
            foreach (var t in sessionTimesHours) if (t <= end + 1e-9) origin = t;
        }
        return relapse >= 0
            ? new RelapseOutcome(true, visits[relapse] - origin, Math.Max(0, lastObserved - origin), origin)
            : new RelapseOutcome(true, null, Math.Max(0, lastObserved - origin), origin);
    }
}
