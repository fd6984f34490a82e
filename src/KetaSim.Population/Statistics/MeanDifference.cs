namespace KetaSim.Population.Statistics;

/// <summary>Difference of two arm means (treated - control) with Welch's unequal-variance SE and interval.</summary>
public readonly record struct MeanDifference(double Difference, double StandardError, double DegreesOfFreedom, ConfidenceInterval Interval)
{
    /// <summary>
    /// Welch (1947): SE = sqrt(s1^2/n1 + s0^2/n0); df by Welch-Satterthwaite. Matches R's
    /// t.test(treated, control) (var.equal = FALSE). Normal gives the large-sample z interval.
    /// </summary>
    public static MeanDifference Welch(in RunningMoments treated, in RunningMoments control,
        double confidenceLevel = 0.95, IntervalDistribution distribution = IntervalDistribution.StudentT)
    {
        if (treated.Count < 2 || control.Count < 2)
            throw new ArgumentException("each arm needs at least two subjects for a variance");
        double v1 = treated.Variance / treated.Count;
        double v0 = control.Variance / control.Count;
        double se = Math.Sqrt(v1 + v0);
        double df = (v1 + v0) * (v1 + v0) / (v1 * v1 / (treated.Count - 1) + v0 * v0 / (control.Count - 1));
        double diff = treated.Mean - control.Mean;
        double q = distribution == IntervalDistribution.StudentT && df > 0
            ? Quantiles.StudentTTwoSided(confidenceLevel, df)
            : Quantiles.NormalTwoSided(confidenceLevel);
        return new MeanDifference(diff, se, df, new ConfidenceInterval(diff - q * se, diff + q * se));
    }
}
