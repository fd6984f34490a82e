using KetaSim.Population.Statistics;

namespace KetaSim.Population.Trials;

/// <summary>
/// What one subject of a trial gave: arm, baseline rating, the rating at each visit (null once dropped out),
/// relapse and dropout. Passed to <see cref="TrialRunner.Run"/>'s per-subject callback.
/// </summary>
public sealed record SubjectOutcome(
    long Index,
    int Arm,
    string ArmName,
    double Baseline,
    IReadOnlyList<double?> Scores,
    IReadOnlyList<bool> Responded,
    IReadOnlyList<bool> Remitted,
    double? DropoutHours,
    bool RelapseEvaluable,
    double? RelapseHours,
    double RelapseCensoredHours,
    int HeldDoses)
{
    /// <summary>Change from baseline at visit <paramref name="visit"/> (negative = better); null when not observed.</summary>
    public double? Change(int visit) => Scores[visit] is { } s ? s - Baseline : null;

    /// <summary>
    /// Origin of <see cref="RelapseHours"/> and <see cref="RelapseCensoredHours"/>, h after t = 0: 0, or the randomisation
    /// time in a withdrawal design (relapse times there are times since randomisation).
    /// </summary>
    public double RelapseOriginHours { get; init; }

    /// <summary>Phased design: how many phases the subject entered (1 = only the first); 0 in a trial without phases.</summary>
    public int PhasesEntered { get; init; }

    /// <summary>
    /// Where the subject's own simulated trajectory left the validity domain (MADRS stuck at the floor or ceiling, spine
    /// density near its bound; docs/validity.md), checked on the simulated grid (visits and dose times). Never changes endpoints.
    /// </summary>
    public Biology.Validity.SubjectValidityFlags Flags { get; init; }

    /// <summary>Suicidality ratings (trials with suicidality endpoints); null otherwise.</summary>
    public SuicidalityScores? Suicidality { get; init; }
    /// <summary>Trial with a safety block: every dosing session before dropout, given or held, in time order; empty otherwise.</summary>
    public IReadOnlyList<SessionSafety> Sessions { get; init; } = [];

    /// <summary>Treatment sessions (doses by a session route, or inert sessions) up to the first response visit; null when the subject never responded.</summary>
    public int? SessionsToResponse { get; init; }

    /// <summary>Starts of re-treatment courses of a dosing rule (<c>retreat_when</c>) before dropout, h, time order; empty without one.</summary>
    public IReadOnlyList<double> RetreatmentHours { get; init; } = [];

    /// <summary>False for a withdrawal-design subject who was not randomised (<see cref="Arm"/> = −1): it enters no arm statistics.</summary>
    public bool IsRandomised => Arm >= 0;
}

/// <summary>One arm at one visit: change from baseline among the subjects observed there, response and remission.</summary>
public sealed record VisitSummary(
    double TimeHours,
    RunningMoments Change,
    ProportionCounter Response,
    ProportionCounter Remission)
{
    public long N => Change.Count;
    public double MeanChange => Change.Mean;
    public double StandardError => Change.StandardError;
    public ConfidenceInterval MeanChangeInterval => Change.MeanInterval();
    public ConfidenceInterval ResponseInterval => Response.WilsonInterval();
    public ConfidenceInterval RemissionInterval => Remission.WilsonInterval();

    /// <summary>Suicidality ratings at this visit (trials with suicidality endpoints); null otherwise.</summary>
    public SuicidalityVisit? Suicidality { get; init; }
}

/// <summary>One arm: subjects randomised, dropouts, held doses, per-visit summaries and the relapse event table (days).</summary>
public sealed record ArmSummary(
    string Name,
    long Randomised,
    long DroppedOut,
    long HeldDoses,
    IReadOnlyList<VisitSummary> Visits,
    EventCountTable RelapseDays)
{
    /// <summary>Safety endpoints of the arm's subjects; null when the trial has no safety block.</summary>
    public SafetyTally? Safety { get; init; }

    /// <summary>Time and sessions to response, time in remission, re-treatment and the intention-to-treat (LOCF) view.</summary>
    public EfficacyTally? Efficacy { get; init; }

    /// <summary>A pooled arm: the arms it pools; empty for an arm.</summary>
    public IReadOnlyList<string> PooledFrom { get; init; } = [];
}

/// <summary>
/// An arm against the control arm at one visit: Welch difference of mean change (null when either arm has
/// fewer than two observed subjects) and Newcombe differences of response and remission proportions.
/// </summary>
public sealed record ArmComparison(
    string Arm,
    string Control,
    double TimeHours,
    MeanDifference? ChangeDifference,
    double ResponseDifference,
    ConfidenceInterval ResponseDifferenceInterval,
    double RemissionDifference,
    ConfidenceInterval RemissionDifferenceInterval)
{
    /// <summary>The suicidality ratings against the control (trials with suicidality endpoints); null otherwise.</summary>
    public SuicidalityComparison? Suicidality { get; init; }
}

/// <summary>The aggregated trial: depends only on (definition, N, seed, chunk size), never on the thread count.</summary>
public sealed record TrialResult(
    string Trial,
    int SubjectCount,
    ulong Seed,
    int ChunkSize,
    IReadOnlyList<double> VisitTimesHours,
    IReadOnlyList<ArmSummary> Arms,
    IReadOnlyList<ArmComparison> Comparisons)
{
    public ArmSummary Arm(string name) => Arms.First(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>The scale of the visit ratings and of the change, response and remission summaries.</summary>
    public RatingScale Scale { get; init; } = RatingScale.Madrs;

    /// <summary>Randomisation time of a withdrawal design, h; null for parallel arms randomised at t = 0.</summary>
    public double? RandomisationHours { get; init; }

    /// <summary>An enrol-until trial: the phase, the target, how many entered and were enrolled; null for a fixed count.</summary>
    public EnrolmentSummary? Enrolment { get; init; }

    /// <summary>A crossover's within-subject analysis; null otherwise.</summary>
    public CrossoverTally? Crossover { get; init; }

    /// <summary>Pooled arms (<see cref="TrialDefinition.Pooled"/>), and each against the control arm per visit.</summary>
    public IReadOnlyList<ArmSummary> Pooled { get; init; } = [];
    public IReadOnlyList<ArmComparison> PooledComparisons { get; init; } = [];

    /// <summary>Phased design: one entry per phase (empty otherwise).</summary>
    public IReadOnlyList<PhaseSummary> Phases { get; init; } = [];

    /// <summary>Withdrawal design: subjects not in stable remission at randomisation, so not randomised (in no arm's statistics); 0 otherwise.</summary>
    public long NotRandomised { get; init; }

    /// <summary>Safety endpoints of the subjects not randomised (their sessions before the randomised phase); null when none or no safety block.</summary>
    public SafetyTally? NotRandomisedSafety { get; init; }
}

/// <summary>
/// One phase of a phased trial: subjects who entered it (all subjects, and per arm among the randomised), and rating at
/// its last visit among those who entered and were observed there (response from the trial baseline; remission on the
/// phase's threshold). Per-visit response and remission among entrants are the arms' visit summaries at the phase's visits.
/// </summary>
public sealed record PhaseSummary(
    string Name,
    double StartHours,
    double EndHours,
    string Entry,
    long Entered,
    IReadOnlyList<long> EnteredPerArm,
    ProportionCounter ResponseAtEnd,
    ProportionCounter RemissionAtEnd);

/// <summary>Enrolment of an enrol-until trial: subjects were enrolled in index order until <see cref="Target"/> had entered
/// <see cref="Phase"/> (<see cref="Reached"/>), or until the cap.</summary>
public sealed record EnrolmentSummary(string Phase, int Target, long Entered, int Enrolled, int Cap, bool Reached);
