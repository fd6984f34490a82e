namespace KetaSim.Population.Statistics;

/// <summary>A two-sided interval; bounds may be NaN when undefined (R prints NA there).</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;
}

/// <summary>Which reference distribution a mean's interval uses.</summary>
public enum IntervalDistribution
{
    /// <summary>Student t with n-1 (or Welch) degrees of freedom: exact for normal data, right for small arms.</summary>
    StudentT,
    /// <summary>Standard normal: the large-N limit; what most trial summaries of 10^5 subjects use.</summary>
    Normal,
}
