using Xunit;
using KetaSim.Modeling.Analysis;

namespace KetaSim.Modeling.Tests.Analysis;

public class ExposureMetricsTests
{
    [Fact]
    public void OneCompartmentBolusGivesExactHalfLifeAndAuc()
    {
        double k = Math.Log(2) / 3.0, c0 = 100;
        var t = Enumerable.Range(0, 241).Select(i => i * 0.1).ToArray();
        var c = t.Select(x => c0 * Math.Exp(-k * x)).ToArray();
        var s = ExposureMetrics.Compute(t, c);
        Assert.Equal(100, s.Cmax);
        Assert.Equal(0, s.TmaxHours);
        Assert.Equal(3.0, s.TerminalHalfLifeHours, 9);
        // Log-trapezoid is exact for a mono-exponential decline.
        Assert.Equal(c0 / k * (1 - Math.Exp(-k * 24)), s.AucLast, 9);
    }

    [Fact]
    public void TerminalPhaseOfABiexponentialIsTheSlowOne()
    {
        var t = Enumerable.Range(0, 481).Select(i => i * 0.1).ToArray();
        var c = t.Select(x => 80 * Math.Exp(-2.0 * x) + 20 * Math.Exp(-0.1 * x)).ToArray();
        var s = ExposureMetrics.Compute(t, c);
        Assert.InRange(s.TerminalHalfLifeHours, Math.Log(2) / 0.1 * 0.99, Math.Log(2) / 0.1 * 1.01);
    }

    [Fact]
    public void RisingProfileHasNoTerminalPhase()
    {
        var t = new[] { 0.0, 1, 2, 3, 4 };
        var s = ExposureMetrics.Compute(t, [0.0, 1, 2, 3, 4]);
        Assert.True(double.IsNaN(s.TerminalHalfLifeHours));
        Assert.Equal(4, s.TmaxHours);
        Assert.Equal(8, s.AucLast, 12);
    }
}
