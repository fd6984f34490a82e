namespace KetaSim.Population.Statistics;

/// <summary>
/// Streaming mean and variance (Welford 1962) that can merge with another accumulator
/// (Chan, Golub and LeVeque 1979), so per-chunk partial results combine without keeping the samples.
/// A mutable struct of three numbers: no allocation per sample.
/// </summary>
/// <remarks>
/// Floating-point merging is not associative: the same samples merged in another order can differ in
/// the last bits. For results independent of the thread count, accumulate fixed chunks (by subject
/// index, not by thread) and merge them in chunk-index order; <see cref="DeterministicReduction"/> does that.
/// </remarks>
public struct RunningMoments
{
    private long _count;
    private double _mean;
    private double _sumSquaredDeviations; // M2 = sum (x - mean)^2; dividing late avoids catastrophic cancellation.

    public readonly long Count => _count;
    public readonly double Mean => _count > 0 ? _mean : double.NaN;

    /// <summary>Unbiased sample variance (divisor n-1), as R's var(); NaN below two samples.</summary>
    public readonly double Variance => _count > 1 ? _sumSquaredDeviations / (_count - 1) : double.NaN;
    public readonly double StandardDeviation => Math.Sqrt(Variance);
    public readonly double StandardError => Math.Sqrt(Variance / _count);

    public void Add(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "sample must be finite; drop or impute missing values before aggregating");
        _count++;
        double delta = value - _mean;
        _mean += delta / _count;
        _sumSquaredDeviations += delta * (value - _mean);
    }

    /// <summary>The moments of the negated samples (−x): mean negated, variance unchanged.</summary>
    public static RunningMoments Negated(in RunningMoments m) => m with { _mean = -m._mean };

    /// <summary>Folds <paramref name="other"/> into this accumulator (Chan et al. pairwise update).</summary>
    public void Merge(in RunningMoments other)
    {
        if (other._count == 0) return;
        if (_count == 0) { this = other; return; }
        long n = _count + other._count;
        double delta = other._mean - _mean;
        // Weighted mean update rather than mean + delta*nB/n alone keeps equal halves symmetric.
        _mean += delta * ((double)other._count / n);
        _sumSquaredDeviations += other._sumSquaredDeviations + delta * delta * ((double)_count * other._count / n);
        _count = n;
    }

    /// <summary>Interval for the mean: t with n-1 df (R's t.test) or normal.</summary>
    public readonly ConfidenceInterval MeanInterval(double confidenceLevel = 0.95, IntervalDistribution distribution = IntervalDistribution.StudentT)
    {
        if (_count < 2) return new ConfidenceInterval(double.NaN, double.NaN);
        double q = distribution == IntervalDistribution.StudentT
            ? Quantiles.StudentTTwoSided(confidenceLevel, _count - 1)
            : Quantiles.NormalTwoSided(confidenceLevel);
        double half = q * StandardError;
        return new ConfidenceInterval(_mean - half, _mean + half);
    }
}
