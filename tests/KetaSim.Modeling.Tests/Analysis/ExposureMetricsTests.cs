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

    /// <summary>A mono-exponential decline (t½ 5 h) that reaches solver noise (±1e-13, sign alternating) after a few days.</summary>
    private static (double[] T, double[] C) DeclineIntoNoise(double hours, double step)
    {
        int n = (int)Math.Round(hours / step) + 1;
        var t = new double[n];
        var c = new double[n];
        double k = Math.Log(2) / 5.0;
        for (int i = 0; i < n; i++)
        {
            t[i] = i * step;
            double exact = 185 * Math.Exp(-k * t[i]);
            c[i] = exact > 1e-11 ? exact : (i % 3 == 0 ? -1e-13 : 1e-13 * (1 + i % 7));
        }
        return (t, c);
    }

    [Theory]
    [InlineData(24, 5.0 / 60)]
    [InlineData(24 * 7, 0.5)]
    [InlineData(2 * 365.25 * 24, 1)]
    [InlineData(2 * 365.25 * 24, 5.0 / 60)]
    public void Half_life_does_not_depend_on_duration_or_step_once_the_curve_reaches_noise(double hours, double step)
    {
        var (t, c) = DeclineIntoNoise(hours, step);
        var s = ExposureMetrics.Compute(t, c);
        Assert.InRange(s.TerminalHalfLifeHours, 4.99, 5.01);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_terminal_fit_is_linear_in_the_number_of_points()
    {
        // At the documented limit of 1,000,000 output points; quadratic, this took hours.
        var t = Enumerable.Range(0, 1_000_000).Select(i => i * 0.01).ToArray();
        var c = t.Select(x => 80 * Math.Exp(-2.0 * x) + 20 * Math.Exp(-0.0001 * x)).ToArray();
        var s = await Task.Run(() => ExposureMetrics.Compute(t, c), TestContext.Current.CancellationToken);
        Assert.InRange(s.TerminalHalfLifeHours, Math.Log(2) / 0.0001 * 0.99, Math.Log(2) / 0.0001 * 1.01);
    }
}
