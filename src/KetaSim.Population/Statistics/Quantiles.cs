using MathNet.Numerics.Distributions;

namespace KetaSim.Population.Statistics;

/// <summary>Quantiles shared by the interval methods, so every method uses the same z for "95%".</summary>
public static class Quantiles
{
    /// <summary>Two-sided 95% normal quantile, 1.959963984540054 (not the rounded 1.96: R uses qnorm(0.975)).</summary>
    public static readonly double Z95 = Normal.InvCDF(0.0, 1.0, 0.975);

    /// <summary>Upper quantile of the two-sided interval at this confidence level, e.g. 0.95 -> 1.96.</summary>
    public static double NormalTwoSided(double confidenceLevel)
    {
        CheckLevel(confidenceLevel);
        return Normal.InvCDF(0.0, 1.0, 0.5 + confidenceLevel / 2.0);
    }

    /// <summary>Two-sided Student-t quantile; degrees of freedom may be fractional (Welch).</summary>
    public static double StudentTTwoSided(double confidenceLevel, double degreesOfFreedom)
    {
        CheckLevel(confidenceLevel);
        if (!(degreesOfFreedom > 0.0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be > 0");
        return StudentT.InvCDF(0.0, 1.0, degreesOfFreedom, 0.5 + confidenceLevel / 2.0);
    }

    /// <summary>Two-sided p-value of a standard-normal statistic, computed with erfc so tiny p keep precision.</summary>
    public static double TwoSidedNormalP(double z) =>
        double.IsNaN(z) ? double.NaN : MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    private static void CheckLevel(double confidenceLevel)
    {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "confidence level must be in (0, 1), e.g. 0.95");
    }
}
