using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Design.Sensitivity;

/// <summary>
/// Morris (1991, Technometrics 33:161-174) elementary-effects screening on the unit cube: r trajectories on a
/// p-level grid, each a random start and k one-at-a-time steps of ±Δ, Δ = p / (2(p − 1)), in a random order, so
/// r(k + 1) evaluations. The elementary effect of input i on a trajectory is EE_i = [Y(x + Δ·e_i) − Y(x)] / (±Δ),
/// in the metric's unit per unit of the input's normalised range. Reported per input: μ (mean EE), μ* (mean |EE|,
/// Campolongo, Cariboni and Saltelli 2007, Environ. Model. Softw. 22:1509-1518, which is the ranking measure) and σ
/// (standard deviation of EE: interaction or non-linearity), with a bootstrap 95% interval on μ* (trajectories
/// resampled). Trajectory t is drawn from (seed, t) alone.
/// </summary>
public static class MorrisScreening
{
    public const int DefaultLevels = 4;
    public const int DefaultResamples = 500;

    /// <param name="Mu">μ [metric][input].</param>
    /// <param name="MuStar">μ* [metric][input].</param>
    /// <param name="Sigma">σ [metric][input] (sample standard deviation, r − 1).</param>
    public sealed record Result(double[][] Mu, double[][] MuStar, double[][] MuStarLow, double[][] MuStarHigh, double[][] Sigma,
        int Trajectories, int Levels, double Delta, int Evaluations);

    public static double DeltaFor(int levels) => levels / (2.0 * (levels - 1));

    /// <summary>The trajectories' points, trajectory after trajectory, k + 1 each; and which input each step moved.</summary>
    public static (double[][] Points, int[][] Order) Trajectories(int k, int trajectories, int levels, ulong seed)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "Morris screening needs at least one input.");
        if (trajectories < 2) throw new ArgumentOutOfRangeException(nameof(trajectories), "Morris screening needs at least 2 trajectories.");
        if (levels < 2 || levels % 2 != 0) throw new ArgumentOutOfRangeException(nameof(levels), "The number of levels must be even and at least 2.");
        double delta = DeltaFor(levels);
        var points = new double[trajectories * (k + 1)][];
        var orders = new int[trajectories][];
        for (int t = 0; t < trajectories; t++)
        {
            var rng = SplitMix64.ForStream(seed, (ulong)t);
            var x = new double[k];
            for (int i = 0; i < k; i++) x[i] = (double)(rng.Next() % (ulong)levels) / (levels - 1);
            var order = Enumerable.Range(0, k).ToArray();
            for (int i = k - 1; i > 0; i--)
            {
                int j = (int)(rng.Next() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            orders[t] = order;
            points[t * (k + 1)] = (double[])x.Clone();
            for (int s = 0; s < k; s++)
            {
                int i = order[s];
                // Up when the grid allows it, otherwise down: every level is reached and x stays in [0, 1].
                x[i] = x[i] + delta <= 1 + 1e-12 ? Math.Min(1, x[i] + delta) : Math.Max(0, x[i] - delta);
                points[t * (k + 1) + s + 1] = (double[])x.Clone();
            }
        }
        return (points, orders);
    }

    public static Result Compute(Func<double[], double[]> model, int k, int trajectories, ulong seed, int levels = DefaultLevels,
        int resamples = DefaultResamples, int threads = 1, IProgress<int>? progress = null)
    {
        var (points, orders) = Trajectories(k, trajectories, levels, seed);
        var y = ModelBatch.Evaluate(model, points, threads, progress);
        int metrics = y[0].Length;
        // Elementary effects [metric][input][trajectory].
        var ee = new double[metrics][][];
        for (int m = 0; m < metrics; m++)
        {
            ee[m] = new double[k][];
            for (int i = 0; i < k; i++) ee[m][i] = new double[trajectories];
            for (int t = 0; t < trajectories; t++)
                for (int s = 0; s < k; s++)
                {
                    int i = orders[t][s], before = t * (k + 1) + s;
                    double step = points[before + 1][i] - points[before][i];
                    ee[m][i][t] = (y[before + 1][m] - y[before][m]) / step;
                }
        }
        var mu = new double[metrics][]; var muStar = new double[metrics][]; var sigma = new double[metrics][];
        var low = new double[metrics][]; var high = new double[metrics][];
        var picks = new int[resamples][];
        for (int b = 0; b < resamples; b++)
        {
            // Resample streams after the trajectories' own.
            var rng = SplitMix64.ForStream(seed, (ulong)(trajectories + b));
            picks[b] = [.. Enumerable.Range(0, trajectories).Select(_ => (int)(rng.Next() % (ulong)trajectories))];
        }
        for (int m = 0; m < metrics; m++)
        {
            mu[m] = new double[k]; muStar[m] = new double[k]; sigma[m] = new double[k]; low[m] = new double[k]; high[m] = new double[k];
            for (int i = 0; i < k; i++)
            {
                var e = ee[m][i].Where(double.IsFinite).ToArray();   // effects through a failed evaluation are left out
                if (e.Length < 2)
                {
                    mu[m][i] = muStar[m][i] = sigma[m][i] = low[m][i] = high[m][i] = double.NaN;
                    continue;
                }
                mu[m][i] = e.Average();
                muStar[m][i] = e.Average(Math.Abs);
                double mean = mu[m][i];
                sigma[m][i] = Math.Sqrt(e.Sum(v => (v - mean) * (v - mean)) / (e.Length - 1));
                var all = ee[m][i];
                (low[m][i], high[m][i]) = SobolIndices.Percentiles(picks.Select(p => p.Select(t => Math.Abs(all[t])).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()));
            }
        }
        return new Result(mu, muStar, low, high, sigma, trajectories, levels, DeltaFor(levels), points.Length);
    }
}
