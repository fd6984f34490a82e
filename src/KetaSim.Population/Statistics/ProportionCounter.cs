namespace KetaSim.Population.Statistics;

/// <summary>
/// Responders out of subjects. Integer counts, so merging is exact and order-free (unlike moments).
/// </summary>
public struct ProportionCounter
{
    public long Successes { get; private set; }
    public long Trials { get; private set; }

    public readonly double Proportion => Trials > 0 ? (double)Successes / Trials : double.NaN;

    public void Add(bool success)
    {
        Trials++;
        if (success) Successes++;
    }

    public void Merge(in ProportionCounter other)
    {
        Successes += other.Successes;
        Trials += other.Trials;
    }

    public static ProportionCounter FromCounts(long successes, long trials)
    {
        if (trials < 0 || successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"need 0 <= successes <= trials (trials = {trials})");
        return new ProportionCounter { Successes = successes, Trials = trials };
    }

    /// <summary>Wilson (1927) score interval, without continuity correction (Newcombe 1998a method 3; R prop.test(correct=FALSE)).</summary>
    public readonly ConfidenceInterval WilsonInterval(double confidenceLevel = 0.95) =>
        ProportionIntervals.Wilson(Successes, Trials, Quantiles.NormalTwoSided(confidenceLevel));
}
