using KetaSim.Design.Outputs;
using KetaSim.IO.Input;

namespace KetaSim.Design.Tests.Outputs;

public class OutputMetricTests
{
    private static readonly string[] Observables = ["madrs", "sbp_mmhg", "spine_density_rel"];

    private static OutputMetric P(string text) => OutputMetric.Parse(text, Observables, "s.yaml", "--metric");

    [Theory]
    [InlineData("madrs@24h", "madrs", MetricStatistic.ValueAt, 24)]
    [InlineData("madrs_change@28d", "madrs", MetricStatistic.ChangeAt, 672)]
    [InlineData("response@1d", "madrs", MetricStatistic.ResponseAt, 24)]
    [InlineData("remission@4w", "madrs", MetricStatistic.RemissionAt, 672)]
    public void Timed_metrics_parse_with_units(string text, string observable, MetricStatistic statistic, double hours)
    {
        var m = P(text);
        Assert.Equal(observable, m.Observable);
        Assert.Equal(statistic, m.Statistic);
        Assert.Equal(hours, m.TimeHours, 9);
    }

    [Theory]
    [InlineData("sbp_mmhg_peak_rise", "sbp_mmhg", MetricStatistic.PeakRise)]
    [InlineData("spine_density_rel_peak", "spine_density_rel", MetricStatistic.Peak)]
    [InlineData("madrs_trough", "madrs", MetricStatistic.Trough)]
    [InlineData("madrs_auc", "madrs", MetricStatistic.Auc)]
    public void Whole_run_metrics_parse(string text, string observable, MetricStatistic statistic)
    {
        var m = P(text);
        Assert.Equal((observable, statistic), (m.Observable, m.Statistic));
        Assert.True(m.NeedsWholeCurve);
    }

    [Theory]
    [InlineData("madrss@24h", "did you mean 'madrs'")]
    [InlineData("madrs", "needs a time")]
    [InlineData("madrs@soon", "time 'soon'")]
    [InlineData("sbp_peak_rise", "no observable 'sbp'")]
    public void Bad_metrics_are_located_input_errors(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => P(text));
        Assert.Equal("s.yaml", e.File);
        Assert.Equal("--metric", e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Statistics_on_a_known_curve()
    {
        double[] t = [0, 1, 2, 3, 4];
        double[] y = [30, 20, 10, 14, 40];
        Assert.Equal(12.0, P("madrs@2.5h").Evaluate(t, y), 12);
        Assert.Equal(-18.0, P("madrs_change@2.5h").Evaluate(t, y), 12);
        Assert.Equal(1.0, P("response@2h").Evaluate(t, y));
        Assert.Equal(0.0, P("response@1h").Evaluate(t, y));
        Assert.Equal(1.0, P("remission@2h").Evaluate(t, y));
        Assert.Equal(10.0, P("madrs_trough").Evaluate(t, y));
        Assert.Equal(10.0, P("madrs_peak_rise").Evaluate(t, y));
        Assert.Equal(25 + 15 + 12 + 27, P("madrs_auc").Evaluate(t, y), 12);
    }
}
