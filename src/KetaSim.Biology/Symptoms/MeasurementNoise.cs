namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Visit-level rating noise, applied at observation time (never in the ODE), for population runs. Each
/// draw is seeded from (run seed, subject index, visit index), so any thread count gives identical
/// numbers. Scores stay integers in [0, 60] as a rater's would.
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
        for (int v = 0; v < scores.Count; v++)
        {
            var rng = new Random(Hash(seed, (ulong)subjectIndex, (ulong)v));
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            result[v] = Math.Clamp(Math.Round(scores[v] + sdPoints * z), 0, max);
        }
        return result;
    }

    /// <summary>SplitMix64 of the three indices, folded to an int seed.</summary>
    private static int Hash(ulong a, ulong b, ulong c)
    {
        ulong x = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL ^ (c + 1) * 0x94D049BB133111EBUL;
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL; x ^= x >> 27; x *= 0x94D049BB133111EBUL; x ^= x >> 31;
        return (int)(x ^ (x >> 32));
    }
}
