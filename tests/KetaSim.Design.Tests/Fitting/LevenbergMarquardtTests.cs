using KetaSim.Design.Fitting;

namespace KetaSim.Design.Tests.Fitting;

/// <summary>Known answers for the optimiser and the Wald statistics on closed-form models.</summary>
public class LevenbergMarquardtTests
{
    private static readonly double[] Times = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];

    [Fact]
    public void Exponential_decay_is_recovered_from_exact_data_far_from_the_start()
    {
        // y = A exp(-k t): A = 120, k = 0.3 /h; start at A = 20, k = 0.02.
        var model = new AnalyticModel([AnalyticModel.P("A", 1, 1000, 20), AnalyticModel.P("k", 0.001, 10, 0.02)], Times,
            (p, t) => p[0] * Math.Exp(-p[1] * t));
        var y = Times.Select(t => 120 * Math.Exp(-0.3 * t)).ToArray();
        var fit = Fitter.Fit(model, new FitData(y, Times.Select(_ => 1.0).ToArray(), SigmaKnown: true), new FitOptions { Profiles = false });
        Assert.True(fit.Converged, fit.Reason);
        Assert.Equal(120, fit.Estimates[0].Value, 4);
        Assert.Equal(0.3, fit.Estimates[1].Value, 6);
        Assert.True(fit.WeightedRss < 1e-10, $"WRSS {fit.WeightedRss}");
    }

    [Fact]
    public void Wald_intervals_of_an_exponential_decay_cover_the_truth_about_95_percent_of_the_time()
    {
        // 10% noise with its SDs known (weights sd), 200 seeded data sets: the 95% CIs of A and k contain the truth in
        // about 95% of them (binomial SD 1.5%), and √(WRSS/(n−p)) averages about 1.
        var sd = Times.Select(t => 0.1 * 120 * Math.Exp(-0.3 * t)).ToArray();
        int covered = 0, total = 0;
        double scale = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var noise = AnalyticModel.Noise(Times.Length, seed);
            var y = Times.Select((t, i) => 120 * Math.Exp(-0.3 * t) + sd[i] * noise[i]).ToArray();
            var model = new AnalyticModel([AnalyticModel.P("A", 1, 1000, 50), AnalyticModel.P("k", 0.001, 10, 0.1)], Times,
                (p, t) => p[0] * Math.Exp(-p[1] * t));
            var fit = Fitter.Fit(model, new FitData(y, sd, SigmaKnown: true), new FitOptions { Profiles = false });
            Assert.True(fit.Converged, fit.Reason);
            foreach (var (e, truth) in fit.Estimates.Zip([120.0, 0.3]))
            {
                total++;
                if (e.CiLow <= truth && truth <= e.CiHigh) covered++;
            }
            scale += fit.ResidualScale / 200;
        }
        Assert.InRange(covered / (double)total, 0.91, 0.985);
        Assert.InRange(scale, 0.85, 1.1);
    }

    [Fact]
    public void Profile_interval_of_a_well_determined_rate_brackets_it_and_matches_the_wald_interval()
    {
        var sd = Times.Select(t => 0.1 * 120 * Math.Exp(-0.3 * t)).ToArray();
        var noise = AnalyticModel.Noise(Times.Length, 1);
        var y = Times.Select((t, i) => 120 * Math.Exp(-0.3 * t) + sd[i] * noise[i]).ToArray();
        var model = new AnalyticModel([AnalyticModel.P("A", 1, 1000, 50), AnalyticModel.P("k", 0.001, 10, 0.1)], Times,
            (p, t) => p[0] * Math.Exp(-p[1] * t));
        var fit = Fitter.Fit(model, new FitData(y, sd, SigmaKnown: true));
        Assert.All(fit.Profiles, pr => Assert.True(pr.Identifiable, pr.Flag));
        var k = fit.Profiles[1];
        Assert.InRange(fit.Estimates[1].Value, k.Lower!.Value, k.Upper!.Value);
        // Nearly linear in ln k here: the two interval widths agree within 10%.
        double wald = Math.Log(fit.Estimates[1].CiHigh!.Value / fit.Estimates[1].CiLow!.Value), profile = Math.Log(k.Upper!.Value / k.Lower!.Value);
        Assert.InRange(profile / wald, 0.9, 1.1);
    }

    [Fact]
    public void Standard_errors_of_a_straight_line_equal_the_ordinary_least_squares_formula()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        var noise = AnalyticModel.Noise(x.Length, 3);
        var y = x.Select((xi, i) => 5 + 2 * xi + 0.7 * noise[i]).ToArray();
        var model = new AnalyticModel([AnalyticModel.P("a", 0.01, 100, 1), AnalyticModel.P("b", 0.01, 100, 1)], x, (p, xi) => p[0] + p[1] * xi);
        var fit = Fitter.Fit(model, new FitData(y, x.Select(_ => 1.0).ToArray(), SigmaKnown: false), new FitOptions { Profiles = false });

        // OLS: b = Sxy/Sxx, a = ȳ − b x̄, s² = RSS/(n−2), SE(b) = s/√Sxx, SE(a) = s √(1/n + x̄²/Sxx), cov(a,b) = −x̄ s²/Sxx.
        int n = x.Length;
        double xm = x.Average(), ym = y.Average();
        double sxx = x.Sum(v => (v - xm) * (v - xm)), sxy = x.Zip(y).Sum(v => (v.First - xm) * (v.Second - ym));
        double b = sxy / sxx, a = ym - b * xm;
        double rss = x.Zip(y).Sum(v => Math.Pow(v.Second - a - b * v.First, 2)), s2 = rss / (n - 2);
        double seB = Math.Sqrt(s2 / sxx), seA = Math.Sqrt(s2 * (1.0 / n + xm * xm / sxx));
        double corr = -xm * s2 / sxx / (seA * seB);

        Assert.Equal(a, fit.Estimates[0].Value, 6);
        Assert.Equal(b, fit.Estimates[1].Value, 6);
        Assert.Equal(rss, fit.WeightedRss, 8);
        Assert.Equal(seA, fit.Estimates[0].StandardError!.Value, 1e-6 * seA);
        Assert.Equal(seB, fit.Estimates[1].StandardError!.Value, 1e-6 * seB);
        Assert.Equal(corr, fit.Correlation![0, 1], 6);
        // Wald CI with Student's t (6 df) on the log scale.
        double t = 2.446911851144969;
        Assert.Equal(b * Math.Exp(-t * seB / b), fit.Estimates[1].CiLow!.Value, 5);
        // −2 log L and AIC of a Gaussian model with σ estimated (3 estimated quantities).
        double m2ll = n * Math.Log(2 * Math.PI * rss / n) + n;
        Assert.Equal(m2ll, fit.Minus2LogLikelihood, 8);
        Assert.Equal(m2ll + 6, fit.Aic, 8);
        Assert.Equal(m2ll + 3 * Math.Log(n), fit.Bic, 8);
    }

    [Fact]
    public void Two_parameters_entering_only_as_a_product_are_flagged_unidentifiable()
    {
        // y = a·b·exp(-k t): a and b cannot be told apart; k can.
        var noise = AnalyticModel.Noise(Times.Length, 5);
        var y = Times.Select((t, i) => 6 * Math.Exp(-0.3 * t) + 0.05 * noise[i]).ToArray();
        var model = new AnalyticModel([AnalyticModel.P("a", 0.1, 100, 1), AnalyticModel.P("b", 0.1, 100, 1), AnalyticModel.P("k", 0.001, 10, 0.1)], Times,
            (p, t) => p[0] * p[1] * Math.Exp(-p[2] * t));
        var fit = Fitter.Fit(model, new FitData(y, Times.Select(_ => 0.05).ToArray(), SigmaKnown: true));
        Assert.Null(fit.Estimates[0].StandardError);
        Assert.Contains(fit.Warnings, w => w.Code == "FIT-SINGULAR");
        Assert.False(fit.Profiles[0].Identifiable, fit.Profiles[0].Flag);
        Assert.False(fit.Profiles[1].Identifiable, fit.Profiles[1].Flag);
        Assert.True(fit.Profiles[2].Identifiable, fit.Profiles[2].Flag);
        Assert.Equal(6, fit.Estimates[0].Value * fit.Estimates[1].Value, 0.1);
        Assert.Contains(fit.Warnings, w => w.Code == "FIT-UNIDENTIFIABLE" && w.Message.StartsWith("a "));
    }

    [Fact]
    public void The_result_is_the_same_for_one_thread_and_many()
    {
        var noise = AnalyticModel.Noise(Times.Length, 9);
        var y = Times.Select((t, i) => 50 * Math.Exp(-0.2 * t) + noise[i]).ToArray();
        FitResult Run(int threads) => Fitter.Fit(new AnalyticModel([AnalyticModel.P("A", 1, 1000, 10), AnalyticModel.P("k", 0.001, 10, 1)], Times,
            (p, t) => p[0] * Math.Exp(-p[1] * t)), new FitData(y, Times.Select(_ => 1.0).ToArray(), true), new FitOptions { Threads = threads });
        var one = Run(1);
        var four = Run(4);
        Assert.Equal(one.Estimates.Select(e => e.Value), four.Estimates.Select(e => e.Value));
        Assert.Equal(one.Estimates.Select(e => e.StandardError), four.Estimates.Select(e => e.StandardError));
        Assert.Equal(one.Profiles.SelectMany(p => p.Points).Select(p => p.WeightedRss), four.Profiles.SelectMany(p => p.Points).Select(p => p.WeightedRss));
    }

    [Theory]
    [InlineData(0.001, 10, true)]
    [InlineData(-5, 5, false)]
    public void The_bounded_transform_round_trips_and_has_the_right_derivative(double low, double high, bool log)
    {
        var t = new BoundedTransform(low, high, log);
        foreach (var v in new[] { low + (high - low) * 0.01, (low + high) / 3, high * 0.9 })
        {
            double u = t.ToFree(v);
            Assert.Equal(v, t.ToNatural(u), 10);
            double numeric = (t.ToNatural(u + 1e-6) - t.ToNatural(u - 1e-6)) / 2e-6;
            Assert.Equal(numeric, t.Derivative(u), 1e-5 * Math.Max(1, Math.Abs(numeric)));
        }
        Assert.InRange(t.ToNatural(1e6), low, high);
        Assert.InRange(t.ToNatural(-1e6), low, high);
    }
}
