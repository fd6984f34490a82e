using KetaSim.Population.Statistics;
using Xunit;

namespace KetaSim.Population.Tests.Statistics;

public class KaplanMeierTests
{
    // R: summary(survfit(Surv(time, status) ~ x, data = aml)), x = Maintained (conf.type = "log"):
    // time n.risk n.event survival std.err lower95 upper95
    [Theory]
    [InlineData(9, 11, 0.909, 0.0867, 0.7541, 1.000)]
    [InlineData(13, 10, 0.818, 0.1163, 0.6192, 1.000)]
    [InlineData(18, 8, 0.716, 0.1397, 0.4884, 1.000)]
    [InlineData(23, 7, 0.614, 0.1526, 0.3769, double.NaN)] // upper 0.99916 by hand; not checked against R print
    [InlineData(31, 5, 0.491, 0.1642, 0.2549, 0.946)]
    [InlineData(34, 4, 0.368, 0.1627, 0.1549, 0.875)]
    [InlineData(48, 2, 0.184, 0.1535, 0.0359, 0.944)]
    public void Aml_maintained_matches_R_survfit(double time, long atRisk, double s, double se, double lower, double upper)
    {
        var curve = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects(AmlData.Maintained));
        var p = curve.Points.Single(q => q.Time == time);
        Assert.Equal(atRisk, p.AtRisk);
        Assert.Equal(s, p.Survival, 3);
        Assert.Equal(se, p.StandardError, 4);
        Assert.Equal(lower, p.Lower, 4);
        if (!double.IsNaN(upper)) Assert.Equal(upper, p.Upper, 3);
    }

    // Product-limit by hand: 10/11 * 9/10 * 7/8 * 6/7 * 4/5 * 3/4 * 1/2 (at-risk drops past the 13+ and 28+, 45+).
    [Fact]
    public void Aml_maintained_survival_is_the_exact_product()
    {
        var curve = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects(AmlData.Maintained));
        Assert.Equal(10.0 / 11 * 9 / 10 * 7 / 8 * 6 / 7 * 4 / 5 * 3 / 4 * 1 / 2, curve.SurvivalAt(100), 14);
        Assert.Equal(1.0, curve.SurvivalAt(8.9));
        Assert.Equal(10.0 / 11 * 9 / 10, curve.SurvivalAt(17), 14);
    }

    // R: survfit(Surv(time, status) ~ x, data = aml) prints
    //   x=Maintained    11 7 31 18 NA
    //   x=Nonmaintained 12 11 23 8 NA   (n, events, median, 0.95LCL, 0.95UCL)
    [Fact]
    public void Aml_medians_match_R_survfit()
    {
        var m = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects(AmlData.Maintained)).Median();
        Assert.Equal(31, m.Time);
        Assert.Equal(18, m.Interval.Lower);
        Assert.True(double.IsNaN(m.Interval.Upper));
        var n = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects(AmlData.Nonmaintained)).Median();
        Assert.Equal(23, n.Time);
        Assert.Equal(8, n.Interval.Lower);
        Assert.True(double.IsNaN(n.Interval.Upper));
    }

    // Times 1..4, all events: S = 0.75, 0.5, 0.25, 0. The curve sits at exactly 0.5 over [2, 3),
    // so R's rule gives the midpoint 2.5.
    [Fact]
    public void Median_on_a_flat_half_is_the_midpoint()
    {
        var curve = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects([(1, true), (2, true), (3, true), (4, true)]));
        Assert.Equal(2.5, curve.Median().Time);
        var last = curve.Points[^1];
        Assert.Equal(0.0, last.Survival);
        Assert.True(double.IsNaN(last.Lower)); // R: NA once S = 0
    }

    // log-log interval by its definition: S^exp(+/- z se/log S), with se from Greenwood on log S.
    [Fact]
    public void Log_log_interval_follows_its_formula()
    {
        var curve = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects(AmlData.Maintained), SurvivalIntervalTransform.LogLog);
        var p = curve.Points.Single(q => q.Time == 31);
        double seLog = Math.Sqrt(1.0 / (11 * 10) + 1.0 / (10 * 9) + 1.0 / (8 * 7) + 1.0 / (7 * 6) + 1.0 / (5 * 4));
        double w = Quantiles.Z95 * seLog / Math.Log(p.Survival);
        Assert.Equal(Math.Pow(p.Survival, Math.Exp(-w)), p.Lower, 12);
        Assert.Equal(Math.Pow(p.Survival, Math.Exp(w)), p.Upper, 12);
        Assert.True(p.Lower < p.Survival && p.Survival < p.Upper);
    }

    [Fact]
    public void Aggregated_counts_give_the_same_curve_as_subjects()
    {
        var bySubject = EventCountTable.FromSubjects(AmlData.Nonmaintained);
        var aggregated = new EventCountTable();
        aggregated.AddCounts(45, 1, 0);
        aggregated.AddCounts(5, 2, 0);
        aggregated.AddCounts(8, 2, 0);
        foreach (var t in new double[] { 12, 23, 27, 30, 33, 43 }) aggregated.AddCounts(t, 1, 0);
        var part = new EventCountTable();
        part.AddCounts(16, 0, 1);
        aggregated.Merge(part);
        var a = KaplanMeierCurve.Estimate(bySubject).Points;
        var b = KaplanMeierCurve.Estimate(aggregated).Points;
        Assert.Equal(a, b);
    }

    [Fact]
    public void Negative_time_is_rejected()
    {
        var t = new EventCountTable();
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Add(-1, true));
    }
}
