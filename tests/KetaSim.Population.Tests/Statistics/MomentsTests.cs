using FsCheck.Xunit;
using KetaSim.Population.Statistics;
using Xunit;

namespace KetaSim.Population.Tests.Statistics;

public class MomentsTests
{
    private static RunningMoments Of(IEnumerable<double> xs)
    {
        var m = new RunningMoments();
        foreach (var x in xs) m.Add(x);
        return m;
    }

    private static double TwoPassVariance(double[] xs)
    {
        double mean = xs.Sum() / xs.Length;
        return xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1);
    }

    private static double Close(double a, double b) => Math.Abs(a - b) / Math.Max(1e-300, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Means agree to rounding on the data's own scale (a relative test fails when the true mean is 0).</summary>
    private static bool MeanAgrees(double mean, double[] xs) =>
        Math.Abs(mean - xs.Sum() / xs.Length) <= 4 * xs.Length * 1.1e-16 * xs.Max(Math.Abs) + 1e-300;

    // Offset 1e6 makes the naive sum-of-squares formula lose ~12 digits; Welford must not.
    [Property(MaxTest = 20000)]
    public bool Welford_matches_two_pass_on_offset_data(int[] raw, short offsetThousands)
    {
        if (raw.Length < 2) return true;
        double offset = offsetThousands * 1000.0;
        var xs = raw.Select(v => offset + v * 1e-3).ToArray();
        var m = Of(xs);
        double twoPass = TwoPassVariance(xs);
        if (twoPass == 0) return m.Variance < 1e-18 && MeanAgrees(m.Mean, xs);
        // Chan, Golub & LeVeque 1983: Welford's relative error is bounded by about n·κ·u, with condition number
        // κ = sqrt(1 + mean²/variance) and unit roundoff u. The naive sum-of-squares formula's bound is n·κ²·u,
        // which this tolerance (10× the Welford bound) rejects wherever κ is large.
        double mean = xs.Average();
        double kappa = Math.Sqrt(1 + mean * mean / twoPass);
        double bound = 10 * xs.Length * kappa * 1.1e-16;
        return MeanAgrees(m.Mean, xs) && Close(m.Variance, twoPass) < Math.Max(1e-12, bound);
    }

    [Property(MaxTest = 300)]
    public bool Merge_of_two_parts_equals_one_pass(int[] raw, byte splitByte)
    {
        if (raw.Length < 2) return true;
        var xs = raw.Select(v => v * 0.37).ToArray();
        int split = splitByte % (xs.Length + 1);
        var left = Of(xs.Take(split));
        var right = Of(xs.Skip(split));
        left.Merge(right);
        var whole = Of(xs);
        return left.Count == whole.Count
               && Math.Abs(left.Mean - whole.Mean) <= 1e-12 * (1 + Math.Abs(whole.Mean))
               && Math.Abs(left.Variance - whole.Variance) <= 1e-9 * (1 + whole.Variance);
    }

    [Fact]
    public void Merging_into_empty_and_with_empty_is_identity()
    {
        var a = Of([1.0, 2.0, 4.0]);
        var empty = new RunningMoments();
        empty.Merge(a);
        a.Merge(new RunningMoments());
        Assert.Equal(a.Mean, empty.Mean);
        Assert.Equal(a.Variance, empty.Variance);
        Assert.True(double.IsNaN(new RunningMoments().Mean));
    }

    // t(0.975, 4) = 2.776445 (any t table); mean 3, var 2.5, se sqrt(0.5).
    [Fact]
    public void Small_sample_t_interval_matches_hand_calculation()
    {
        var m = Of([1.0, 2.0, 3.0, 4.0, 5.0]);
        Assert.Equal(3.0, m.Mean, 15);
        Assert.Equal(2.5, m.Variance, 15);
        var ci = m.MeanInterval();
        Assert.Equal(3 - 2.776445 * Math.Sqrt(0.5), ci.Lower, 5);
        Assert.Equal(3 + 2.776445 * Math.Sqrt(0.5), ci.Upper, 5);
        var z = m.MeanInterval(distribution: IntervalDistribution.Normal);
        Assert.Equal(3 + 1.959964 * Math.Sqrt(0.5), z.Upper, 5);
    }

    [Fact]
    public void Non_finite_sample_is_rejected()
    {
        var m = new RunningMoments();
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(double.NaN));
    }

    // R: t.test(extra ~ group, data = sleep) (the ?t.test example, Welch):
    // t = -1.8608, df = 17.776, p = 0.07939, 95% CI -3.3654832 0.2054832, means 0.75 and 2.33.
    [Fact]
    public void Welch_difference_matches_R_t_test_on_sleep_data()
    {
        var group1 = Of([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]);
        var group2 = Of([1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]);
        var d = MeanDifference.Welch(group1, group2);
        Assert.Equal(-1.58, d.Difference, 12);
        Assert.Equal(17.776, d.DegreesOfFreedom, 3);
        Assert.Equal(-1.8608, d.Difference / d.StandardError, 4);
        Assert.Equal(-3.3654832, d.Interval.Lower, 6);
        Assert.Equal(0.2054832, d.Interval.Upper, 6);
    }
}
