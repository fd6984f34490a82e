namespace KetaSim.Design.Schedule;

/// <summary>
/// What a schedule must achieve: the cohort's remission share (MADRS at or below <see cref="MadrsMax"/>) at least
/// <see cref="Share"/> at every visit from <see cref="FromHours"/> to the horizon.
/// </summary>
public sealed record RemissionTarget(double Share, double FromHours, double MadrsMax);

/// <summary>How a limit's share is counted: among the sessions given, or among the subjects (any session).</summary>
public enum LimitBasis { Session, Subject }

/// <summary>
/// Safety limits on a schedule: the share of sessions (or subjects) with a systolic rise of at least
/// <see cref="SystolicRiseMmHg"/> above pre-dose, with dissociation (CADSS &gt; 4 and above pre-dose), and the share of
/// planned sessions the dose-hold rule held. A null share is not limited (still reported).
/// </summary>
public sealed record SessionLimits
{
    public double SystolicRiseMmHg { get; init; } = 40;
    public double? SystolicRiseShareMax { get; init; }
    public double? DissociationShareMax { get; init; }
    public double? HeldShareMax { get; init; }
    public LimitBasis Per { get; init; } = LimitBasis.Session;

    /// <summary>Peaks are looked for from each dose to this long after it (the BP rise lasts about 4 h).</summary>
    public double WindowHours { get; init; } = 4;
}

/// <summary>
/// A schedule problem, independent of how a subject's course is computed: the visits (h from the first session), the
/// target, the limits and the cohort size. The evaluator (<see cref="SubjectEvaluator"/>) supplies the courses.
/// </summary>
public sealed record ScheduleProblem(IReadOnlyList<double> VisitHours, RemissionTarget Target, SessionLimits Limits, int CohortSize)
{
    /// <summary>Indices of the visits inside the target window (from <see cref="RemissionTarget.FromHours"/> on).</summary>
    public int[] WindowVisits() => [.. Enumerable.Range(0, VisitHours.Count).Where(k => VisitHours[k] >= Target.FromHours - 1e-9)];
}

/// <summary>
/// One subject under one regimen: MADRS at each visit of the problem (in order), sessions given and held, and how
/// many of the given sessions had a systolic rise at or above the limit's threshold and dissociation.
/// </summary>
public sealed record SubjectOutcome(double[] MadrsAtVisits, int SessionsGiven, int SessionsHeld, int SystolicRiseSessions, int DissociationSessions)
{
    /// <summary>Largest systolic rise above pre-dose over the sessions given, mmHg (NaN when none was measured).</summary>
    public double LargestSystolicRiseMmHg { get; init; } = double.NaN;

    /// <summary>Largest CADSS over the sessions given (NaN when none was measured).</summary>
    public double LargestCadss { get; init; } = double.NaN;

    /// <summary>Per-subject validity flags of the run (MADRS at the floor, spine density near its bound).</summary>
    public Biology.Validity.SubjectValidityFlags Flags { get; init; }
}

/// <summary>Subject <paramref name="subjectIndex"/>'s course under <paramref name="regimen"/>. Must be thread-safe and depend only on its arguments.</summary>
public delegate SubjectOutcome SubjectEvaluator(ScheduleRegimen regimen, int subjectIndex);
