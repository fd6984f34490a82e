using KetaSim.Modeling.Models;
using Xunit;

namespace KetaSim.Modeling.Tests.Models;

public class PlausibleRangeTests
{
    [Fact]
    public void LogNormal_range_is_the_5th_to_95th_percentile()
    {
        // CV 38%: ω = sqrt(ln(1 + 0.38²)) = 0.36726; exp(±1.6449 ω) = 0.54657 and 1.82959.
        var r = PlausibleRange.LogNormalCv(100, 0.38, "test");
        Assert.Equal(54.657, r.Low, 3);
        Assert.Equal(182.959, r.High, 3);
        Assert.False(r.IsDefaultRule);
        Assert.Contains("CV 38%", r.Basis);
    }

    [Fact]
    public void Logit_range_stays_inside_0_and_1()
    {
        var r = PlausibleRange.LogitSd(0.54, 0.708, "test");
        // logit(0.54) = 0.16034; ± 1.6449·0.708 = ±1.16456 → 0.26811 and 0.79000.
        Assert.Equal(0.26811, r.Low, 5);
        Assert.Equal(0.79000, r.High, 5);
    }

    [Theory]
    [InlineData(ProvenanceKind.Citation, 10 / 1.5, 15)]
    [InlineData(ProvenanceKind.Calibrated, 5, 20)]
    [InlineData(ProvenanceKind.Assumption, 2.5, 40)]
    public void Default_rule_depends_on_the_provenance_kind(ProvenanceKind kind, double low, double high)
    {
        var r = PlausibleRange.ForProvenance(10, kind);
        Assert.Equal(low, r.Low, 12);
        Assert.Equal(high, r.High, 12);
        Assert.True(r.IsDefaultRule);
        // Negative values keep low <= high.
        var n = PlausibleRange.ForProvenance(-10, kind);
        Assert.Equal(-high, n.Low, 12);
        Assert.Equal(-low, n.High, 12);
    }

    [Fact]
    public void Every_base_parameter_gets_a_range_and_a_stated_one_must_hold_the_value()
    {
        var b = new ModelBuilder("m");
        var ruled = b.Parameter("k", 2, "1/h", Provenance.Calibrated("T-1"), "rate");
        Assert.Equal(1, ruled.Range!.Low);
        Assert.Equal(4, ruled.Range.High);
        var stated = b.Parameter("f", 0.3, "1", Provenance.Cite("src"), "fraction", PlausibleRange.Fraction());
        Assert.Equal((0.0, 1.0), (stated.Range!.Low, stated.Range.High));
        var ex = Assert.Throws<ArgumentException>(() => b.Parameter("g", 1.3, "1", Provenance.Cite("src"), "fraction", PlausibleRange.Fraction()));
        Assert.Contains("outside its own plausible range", ex.Message);
        Assert.All(b.Build().Parameters, p => Assert.NotNull(p.Range));
    }

    [Fact]
    public void Contains_allows_round_off_only()
    {
        var r = PlausibleRange.Of(1, 2, "test");
        Assert.True(r.Contains(2 + 1e-12));
        Assert.False(r.Contains(2.001));
        Assert.False(r.Contains(0.999));
    }
}
