using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Rater noise on the suicidality ratings (MADRS item 10 and the CGI-SS-r style severity), applied at observation
/// time as <see cref="MeasurementNoise"/> does for the total: one stream per (run seed, subject) and scale, salted so it
/// never coincides with the total's rating noise or the population's streams; ratings are whole points in 0-6.
/// </summary>
public static class SuicidalityRatings
{
    /// <summary>The noisy, rounded ratings of <paramref name="scores"/> on a 0-6 item (<paramref name="cgi"/>: the severity scale's stream).</summary>
    public static double[] Apply(IReadOnlyList<double> scores, ulong seed, int subjectIndex, double sdPoints, bool cgi)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new double[scores.Count];
        var rng = SplitMix64.ForStream(SplitMix64.Mix(seed ^ (cgi ? CgiSalt : Item10Salt)), (ulong)subjectIndex);
        for (int v = 0; v < scores.Count; v++)
            result[v] = Math.Clamp(Math.Round(scores[v] + sdPoints * rng.NextStandardNormal()), 0, SuicidalIdeationModule.ItemMax);
        return result;
    }

    private const ulong Item10Salt = 0x4D41_4452_5331_3001UL;   // "MADRS10"
    private const ulong CgiSalt = 0x4347_4953_5352_0001UL;      // "CGISSR"
}
