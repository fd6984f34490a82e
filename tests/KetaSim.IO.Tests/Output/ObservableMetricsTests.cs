using KetaSim.IO.Output;
using Xunit;

namespace KetaSim.IO.Tests.Output;

public class ObservableMetricsTests
{
    private static readonly double[] Times = Enumerable.Range(0, 49).Select(i => i * 0.5).ToArray();

    [Fact]
    public void A_declining_concentration_has_its_terminal_half_life()
    {
        var series = new ObservableSeries("c", "ng/mL", "plasma", Times.Select(t => 100 * Math.Exp(-Math.Log(2) / 4 * t)).ToArray());
        Assert.Equal(4, ObservableMetrics.For(Times, series).TerminalHalfLifeHours, 6);
    }

    [Fact]
    public void A_level_returning_to_a_baseline_has_none()
    {
        // Blood pressure relaxing to 125 mmHg: a log-linear fit would report an absurd "half-life".
        var series = new ObservableSeries("sbp", "mmHg", "systolic", Times.Select(t => 125 + 16 * Math.Exp(-t)).ToArray());
        var m = ObservableMetrics.For(Times, series);
        Assert.True(double.IsNaN(m.TerminalHalfLifeHours));
        Assert.Equal(141, m.Cmax, 9);
    }
}
