namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Trial endpoints over a MADRS (or HAM-D) trajectory (calibration-targets.md, definitions): response is a
/// fall of at least 50% from baseline; remission a score at or below a threshold (MADRS ≤ 10 in the
/// ketamine trials, ≤ 12 in the esketamine programme; HAM-D17 ≤ 7); relapse a score at or above a
/// threshold at a number of consecutive visits.
/// </summary>
public static class Endpoints
{
    public const double KetamineRemissionMadrs = 10;
    public const double EsketamineRemissionMadrs = 12;
    public const double Hamd17Remission = 7;
    public const double RelapseMadrs = 22;

    /// <summary>Response: score fell by at least <paramref name="fraction"/> (default 50%) of the baseline.</summary>
    public static bool IsResponse(double baseline, double score, double fraction = 0.5)
    {
        if (!(baseline > 0)) throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "Baseline must be > 0 for a response.");
        return score <= baseline * (1 - fraction);
    }

    /// <summary>Remission: score at or below <paramref name="threshold"/>.</summary>
    public static bool IsRemission(double score, double threshold = KetamineRemissionMadrs) => score <= threshold;

    /// <summary>
    /// The visit index at which relapse is established (the last of <paramref name="consecutive"/> consecutive
    /// visits with score ≥ <paramref name="threshold"/>), or null if none. Only visits from
    /// <paramref name="fromVisit"/> on count (e.g. after remission or randomisation).
    /// </summary>
    public static int? RelapseVisit(IReadOnlyList<double> visitScores, double threshold = RelapseMadrs, int consecutive = 2, int fromVisit = 0)
    {
        ArgumentNullException.ThrowIfNull(visitScores);
        if (consecutive < 1) throw new ArgumentOutOfRangeException(nameof(consecutive), consecutive, "At least one visit.");
        int run = 0;
        for (int i = Math.Max(0, fromVisit); i < visitScores.Count; i++)
        {
            run = visitScores[i] >= threshold ? run + 1 : 0;
            if (run >= consecutive) return i;
        }
        return null;
    }

    /// <summary>The scores of a trajectory at visit times (linear interpolation; times inside the trajectory).</summary>
    public static double[] AtVisits(double[] timesHours, double[] scores, IReadOnlyList<double> visitHours) =>
        visitHours.Select(h => Calibration.TrajectoryMetrics.At(timesHours, scores, h)).ToArray();
}
