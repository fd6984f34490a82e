namespace KetaSim.Population.Statistics;

/// <summary>Score-based intervals for one proportion and for a difference of two.</summary>
public static class ProportionIntervals
{
    /// <summary>
    /// Wilson score interval: (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
    /// Chosen over Wald because it stays inside [0, 1] and keeps coverage near 95% at 0 or n responders.
    /// </summary>
    public static ConfidenceInterval Wilson(long successes, long trials, double z)
    {
        if (trials <= 0) return new ConfidenceInterval(double.NaN, double.NaN);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double denominator = 1 + z2 / n;
        // Clamp rounding: at p = 0 or 1 one bound is exactly 0 or 1 in exact arithmetic.
        double lower = successes == 0 ? 0.0 : (centre - half) / denominator;
        double upper = successes == trials ? 1.0 : (centre + half) / denominator;
        return new ConfidenceInterval(lower, upper);
    }

    /// <summary>
    /// Newcombe (1998b) hybrid score interval for p1 - p2 (his method 10), from the two Wilson intervals
    /// (l1,u1), (l2,u2): [d - sqrt((p1-l1)^2 + (u2-p2)^2), d + sqrt((u1-p1)^2 + (p2-l2)^2)].
    /// </summary>
    public static (double Difference, ConfidenceInterval Interval) NewcombeDifference(
        in ProportionCounter first, in ProportionCounter second, double confidenceLevel = 0.95)
    {
        double z = Quantiles.NormalTwoSided(confidenceLevel);
        double p1 = first.Proportion, p2 = second.Proportion;
        var w1 = Wilson(first.Successes, first.Trials, z);
        var w2 = Wilson(second.Successes, second.Trials, z);
        double d = p1 - p2;
        double lower = d - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2));
        double upper = d + Math.Sqrt(Square(w1.Upper - p1) + Square(p2 - w2.Lower));
        return (d, new ConfidenceInterval(lower, upper));
    }

    private static double Square(double x) => x * x;
}
