using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Design.Sensitivity;

/// <summary>
/// Variance-based (Sobol') first-order and total-order indices of a model on the unit cube, with the estimators of
/// Saltelli et al. (2010, Comput. Phys. Commun. 181:259-270, table 2): with f_A, f_B, f_ABi the model on the rows of
/// A, B and A_B^i (<see cref="SaltelliDesign"/>) and V the variance of f over A and B together,
/// <list type="bullet">
/// <item>first order S_i = (1/N) Σ_j (f_B(j) − f̄) (f_ABi(j) − f_A(j)) / V (Saltelli 2010, table 2 (b); f̄, the mean over A and B,
/// is subtracted from f_B, which leaves the estimator's expectation unchanged, since E[f_ABi − f_A] = 0, and keeps its
/// variance from growing with the output's mean: a MADRS of 25 ± 2 would otherwise give noisy indices);</item>
/// <item>total order S_Ti = (1/2N) Σ_j (f_A(j) − f_ABi(j))² / V (Jansen 1999, Comput. Phys. Commun. 117:35-43).</item>
/// </list>
/// 95% intervals by bootstrap: rows j resampled with replacement (resample b drawn from (seed, b) alone), the
/// estimators recomputed, the 2.5th and 97.5th percentiles taken (Archer, Saltelli and Sobol' 1997).
/// </summary>
public static class SobolIndices
{
    public const int DefaultResamples = 500;

    /// <summary>Indices per metric [metric][input], with bootstrap percentile bounds, and the output variance per metric.</summary>
    public sealed record Result(double[][] S1, double[][] S1Low, double[][] S1High, double[][] ST, double[][] STLow, double[][] STHigh,
        double[] Variance, int N, int Evaluations, int Resamples)
    {
        /// <summary>Rows whose evaluations all succeeded (N when none failed).</summary>
        public int RowsUsed { get; init; } = N;
    }

    public static Result Compute(Func<double[], double[]> model, int k, int n, ulong seed, int resamples = DefaultResamples, int threads = 1,
        IProgress<int>? progress = null)
    {
        var points = SaltelliDesign.Points(n, k);
        var y = ModelBatch.Evaluate(model, points, threads, progress);
        return FromOutputs(y, k, n, seed, resamples);
    }

    /// <summary>The indices from the outputs of <see cref="SaltelliDesign.Points"/>, in its order.</summary>
    public static Result FromOutputs(double[][] y, int k, int n, ulong seed, int resamples)
    {
        int metrics = y[0].Length;
        var s1 = Jagged(metrics, k); var st = Jagged(metrics, k);
        var s1Lo = Jagged(metrics, k); var s1Hi = Jagged(metrics, k);
        var stLo = Jagged(metrics, k); var stHi = Jagged(metrics, k);
        var variance = new double[metrics];
        // Rows whose k + 2 outputs are all finite (a failed evaluation removes its whole row).
        var all = Enumerable.Range(0, n).Where(j => Enumerable.Range(-2, k + 2).All(i => y[SaltelliDesign.Index(n, i, j)].All(double.IsFinite))).ToArray();
        if (all.Length < 2) throw new InvalidOperationException($"Only {all.Length} of {n} Saltelli rows could be evaluated.");
        var rows = new int[all.Length];
        var bootS1 = new double[resamples][];
        var bootST = new double[resamples][];
        for (int m = 0; m < metrics; m++)
        {
            variance[m] = Estimate(y, k, n, m, all, s1[m], st[m]);
            for (int b = 0; b < resamples; b++)
            {
                var rng = SplitMix64.ForStream(seed, (ulong)b);
                for (int j = 0; j < rows.Length; j++) rows[j] = all[(int)(rng.Next() % (ulong)all.Length)];
                bootS1[b] = new double[k];
                bootST[b] = new double[k];
                Estimate(y, k, n, m, rows, bootS1[b], bootST[b]);
            }
            for (int i = 0; i < k; i++)
            {
                (s1Lo[m][i], s1Hi[m][i]) = Percentiles(bootS1.Select(r => r[i]));
                (stLo[m][i], stHi[m][i]) = Percentiles(bootST.Select(r => r[i]));
            }
        }
        return new Result(s1, s1Lo, s1Hi, st, stLo, stHi, variance, n, y.Length, resamples) { RowsUsed = all.Length };
    }

    /// <summary>S1 and ST of metric <paramref name="m"/> on the rows <paramref name="rows"/> (a bootstrap sample or all); returns V.</summary>
    private static double Estimate(double[][] y, int k, int n, int m, int[] rows, double[] s1, double[] st)
    {
        // Variance of f over A and B together (two-pass for accuracy).
        double mean = 0;
        foreach (int j in rows) mean += y[SaltelliDesign.Index(n, -2, j)][m] + y[SaltelliDesign.Index(n, -1, j)][m];
        mean /= 2 * rows.Length;
        double v = 0;
        foreach (int j in rows)
        {
            double da = y[SaltelliDesign.Index(n, -2, j)][m] - mean, db = y[SaltelliDesign.Index(n, -1, j)][m] - mean;
            v += da * da + db * db;
        }
        v /= 2 * rows.Length - 1;
        for (int i = 0; i < k; i++)
        {
            double first = 0, total = 0;
            foreach (int j in rows)
            {
                double fa = y[SaltelliDesign.Index(n, -2, j)][m], fb = y[SaltelliDesign.Index(n, -1, j)][m], fab = y[SaltelliDesign.Index(n, i, j)][m];
                first += (fb - mean) * (fab - fa);
                total += (fa - fab) * (fa - fab);
            }
            s1[i] = v > 0 ? first / rows.Length / v : double.NaN;
            st[i] = v > 0 ? total / (2.0 * rows.Length) / v : double.NaN;
        }
        return v;
    }

    /// <summary>2.5th and 97.5th percentiles (linear interpolation between order statistics); NaN when there are none.</summary>
    internal static (double Low, double High) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN);
        return (Quantile(sorted, 0.025), Quantile(sorted, 0.975));
    }

    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[][] Jagged(int rows, int columns) => [.. Enumerable.Range(0, rows).Select(_ => new double[columns])];
}
