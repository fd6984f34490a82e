using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Design.Combination;

/// <summary>Seeded designs: a Latin hypercube on the unit cube and mixture directions on the simplex. Every draw comes from a
/// stream fixed by (seed, purpose), so a design is the same whatever the thread count and whatever else the search did.</summary>
internal static class ComboSampling
{
    public const ulong SampleStream = 1, DirectionStream = 2, RefineStream = 1_000, LowDoseRefineStream = 1_000_000;

    /// <summary>n points in [0, 1]^dims, one in each of n equal strata per dimension (McKay, Beckman &amp; Conover 1979).</summary>
    public static double[][] LatinHypercube(int n, int dims, ulong seed, ulong stream)
    {
        var rng = SplitMix64.ForStream(seed, stream);
        var points = new double[n][];
        for (int i = 0; i < n; i++) points[i] = new double[dims];
        for (int d = 0; d < dims; d++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i--)   // Fisher-Yates
            {
                int j = (int)(rng.Next() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            for (int i = 0; i < n; i++) points[i][d] = (order[i] + rng.NextOpenUnit()) / n;
        }
        return points;
    }

    /// <summary>
    /// n mixture weights (positive, summing to 1) over k compounds: the equal mixture first, then uniform draws on the simplex
    /// (normalised exponentials, i.e. a flat Dirichlet, from a stratified hypercube so the simplex is covered evenly).
    /// </summary>
    public static double[][] Directions(int n, int k, ulong seed)
    {
        var result = new List<double[]> { Enumerable.Repeat(1.0 / k, k).ToArray() };
        if (n > 1)
            foreach (var u in LatinHypercube(n - 1, k, seed, DirectionStream))
                result.Add(Normalise(u.Select(x => -Math.Log(x)).ToArray()));
        return [.. result.Take(n)];
    }

    /// <summary>A direction near <paramref name="w"/>: log weights moved by N(0, σ²) each, renormalised.</summary>
    public static double[] Perturb(double[] w, double sigma, ulong seed, ulong stream)
    {
        var rng = SplitMix64.ForStream(seed, stream);
        return Normalise(w.Select(x => Math.Exp(Math.Log(x) + sigma * rng.NextStandardNormal())).ToArray());
    }

    private static double[] Normalise(double[] w)
    {
        double s = w.Sum();
        return w.Select(x => Math.Max(x / s, 1e-9)).ToArray();
    }
}
