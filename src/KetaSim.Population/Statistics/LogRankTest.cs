namespace KetaSim.Population.Statistics;

/// <summary>Mantel-Haenszel log-rank test of two arms, as R's survdiff(rho = 0).</summary>
public readonly record struct LogRankTest(double Observed1, double Expected1, double Variance, double ChiSquare, double PValue)
{
    /// <summary>
    /// At each event time: E1 += d n1/n, V += d (n1/n)(1 - n1/n)(n - d)/(n - 1) (hypergeometric variance,
    /// exact for ties). Chi-square = (O1 - E1)^2 / V on 1 df; p from the normal tail of its square root.
    /// </summary>
    public static LogRankTest Compute(IReadOnlyList<RiskSetRow> rows)
    {
        RiskSets.Validate(rows);
        double observed = 0, expected = 0, variance = 0;
        foreach (var r in rows)
        {
            double n = r.AtRisk, d = r.Events;
            if (n <= 0 || d <= 0) continue;
            double share1 = r.AtRisk1 / n;
            observed += r.Events1;
            expected += d * share1;
            if (n > 1) variance += d * share1 * (1 - share1) * (n - d) / (n - 1);
        }
        double chi = variance > 0 ? (observed - expected) * (observed - expected) / variance : double.NaN;
        return new LogRankTest(observed, expected, variance, chi, Quantiles.TwoSidedNormalP(Math.Sqrt(chi)));
    }
}
