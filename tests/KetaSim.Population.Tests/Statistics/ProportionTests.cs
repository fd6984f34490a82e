using KetaSim.Population.Statistics;
using Xunit;

namespace KetaSim.Population.Tests.Statistics;

public class ProportionTests
{
    // Newcombe RG (1998a) Stat Med 17:857-872, Table I, method 3 (Wilson score, no continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_matches_Newcombe_1998a(long successes, long trials, double lower, double upper)
    {
        var ci = ProportionCounter.FromCounts(successes, trials).WilsonInterval();
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
    }

    // Closed form at zero responders: upper = z^2 / (n + z^2).
    [Fact]
    public void Wilson_upper_at_zero_is_closed_form()
    {
        double z2 = Quantiles.Z95 * Quantiles.Z95;
        var ci = ProportionCounter.FromCounts(0, 10).WilsonInterval();
        Assert.Equal(z2 / (10 + z2), ci.Upper, 14);
        Assert.Equal(0.0, ci.Lower);
    }

    // Newcombe RG (1998b) Stat Med 17:873-890, Table II, method 10 (hybrid score).
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void Newcombe_difference_matches_1998b(long s1, long n1, long s2, long n2, double lower, double upper)
    {
        var (d, ci) = ProportionIntervals.NewcombeDifference(
            ProportionCounter.FromCounts(s1, n1), ProportionCounter.FromCounts(s2, n2));
        Assert.Equal((double)s1 / n1 - (double)s2 / n2, d, 14);
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
    }

    [Fact]
    public void Counters_merge_exactly()
    {
        var a = new ProportionCounter();
        var b = new ProportionCounter();
        for (int i = 0; i < 10; i++) a.Add(i % 3 == 0);
        for (int i = 0; i < 7; i++) b.Add(true);
        a.Merge(b);
        Assert.Equal(11, a.Successes);
        Assert.Equal(17, a.Trials);
    }

    [Fact]
    public void Impossible_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionCounter.FromCounts(5, 4));
    }
}
