using KetaSim.Biology.Validity;

namespace KetaSim.Design.Schedule;

/// <summary>
/// A regimen over the cohort: per visit the remission share and mean MADRS, the worst and mean remission share over the
/// target window, sessions and safety shares, and whether it meets the target and the limits.
/// </summary>
public sealed record CandidateResult
{
    public required ScheduleRegimen Regimen { get; init; }

    /// <summary>Position in the grid (candidates.csv row order); −1 for the reference regimen.</summary>
    public required int Index { get; init; }

    public required double[] RemissionShare { get; init; }
    public required double[] MeanMadrs { get; init; }

    /// <summary>Lowest remission share over the visits of the target window.</summary>
    public required double MinWindowRemission { get; init; }

    /// <summary>Mean remission share over the visits of the target window.</summary>
    public required double MeanWindowRemission { get; init; }

    public required double MeanSessionsGiven { get; init; }
    public required long SessionsGiven { get; init; }
    public required long SessionsHeld { get; init; }

    /// <summary>Share (of sessions given, or of subjects, by <see cref="SessionLimits.Per"/>) with a systolic rise at or above the threshold.</summary>
    public required double SystolicRiseShare { get; init; }

    /// <summary>Share (of sessions given, or of subjects) with dissociation.</summary>
    public required double DissociationShare { get; init; }

    /// <summary>Share of planned sessions the dose-hold rule held.</summary>
    public required double HeldShare { get; init; }

    /// <summary>Mean over subjects of each one's largest systolic rise, mmHg.</summary>
    public required double MeanLargestSystolicRiseMmHg { get; init; }

    public required bool MeetsTarget { get; init; }

    /// <summary>Each limit the regimen breaks, as a sentence (empty when within every limit).</summary>
    public required IReadOnlyList<string> LimitsBroken { get; init; }

    /// <summary>Subjects with each per-subject validity flag.</summary>
    public required IReadOnlyDictionary<SubjectValidityFlags, int> FlagCounts { get; init; }

    public bool WithinLimits => LimitsBroken.Count == 0;
    public bool Feasible => MeetsTarget && WithinLimits;
    public int Sessions => Regimen.SessionCount;
}
