using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Visit-level rating noise, applied at observation time (never in the ODE), for population runs. Each
/// draw comes from the shared generator's stream for (run seed, subject index, visit index), salted so it
/// never coincides with the subject's population stream; any thread count gives identical numbers.
/// Scores stay integers in [0, 60] as a rater's would.
/// </summary>
public static class MeasurementNoise
{
    /// <summary>SD of one MADRS rating around the true state, points.</summary>
    public const double MadrsSdPoints = 2.5;

    /// <summary>The noisy, rounded and clamped ratings of <paramref name="scores"/>.</summary>
    public static double[] Apply(IReadOnlyList<double> scores, ulong seed, int subjectIndex, double sdPoints = MadrsSdPoints, double max = 60)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new double[scores.Count];
        // One stream per subject for its ratings (seed mixed with a salt and the subject), one draw per visit in order.
        var rng = SplitMix64.ForStream(SplitMix64.Mix(seed ^ RatingSalt), (ulong)subjectIndex);
        for (int v = 0; v < scores.Count; v++)
            result[v] = Math.Clamp(Math.Round(scores[v] + sdPoints * rng.NextStandardNormal()), 0, max);
        return result;
    }

    /// <summary>Separates rating noise from every other stream derived from the same run seed ("MADRS").</summary>
    private const ulong RatingSalt = 0x4D41_4452_5300_0001UL;
}
