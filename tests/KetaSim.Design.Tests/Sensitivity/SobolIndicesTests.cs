using KetaSim.Design.Sensitivity;

namespace KetaSim.Design.Tests.Sensitivity;

/// <summary>Sobol' indices against the Ishigami function's analytic values (Ishigami and Homma 1990; Sobol' and Levitan 1999).</summary>
public class SobolIndicesTests(ITestOutputHelper output)
{
    private const double A = 7, B = 0.1;

    /// <summary>Ishigami on [−π, π]³, from the unit cube.</summary>
    internal static double[] Ishigami(double[] u)
    {
        double x1 = -Math.PI + 2 * Math.PI * u[0], x2 = -Math.PI + 2 * Math.PI * u[1], x3 = -Math.PI + 2 * Math.PI * u[2];
        return [Math.Sin(x1) + A * Math.Sin(x2) * Math.Sin(x2) + B * Math.Pow(x3, 4) * Math.Sin(x1)];
    }

    /// <summary>Analytic first- and total-order indices of Ishigami(a, b).</summary>
    private static (double[] S1, double[] ST) Analytic()
    {
        double pi4 = Math.Pow(Math.PI, 4), pi8 = pi4 * pi4;
        double v1 = 0.5 * Math.Pow(1 + B * pi4 / 5, 2), v2 = A * A / 8, v13 = 8 * B * B * pi8 / 225;
        double v = A * A / 8 + B * pi4 / 5 + B * B * pi8 / 18 + 0.5;
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v]);
    }

    [Fact]
    public void Analytic_values_are_the_published_ones()
    {
        var (s1, st) = Analytic();
        Assert.Equal(0.3139, s1[0], 3);
        Assert.Equal(0.4424, s1[1], 3);
        Assert.Equal(0.5576, st[0], 3);
        Assert.Equal(0.2437, st[2], 3);
    }

    [Fact]
    public void Ishigami_indices_are_within_0_02_of_the_analytic_values_and_their_intervals_cover_them()
    {
        var (s1, st) = Analytic();
        var r = SobolIndices.Compute(Ishigami, 3, 4096, seed: 11, resamples: 300, threads: 2);
        Assert.Equal(4096 * 5, r.Evaluations);
        for (int i = 0; i < 3; i++)
            output.WriteLine($"x{i + 1}: S1 {r.S1[0][i]:F4} [{r.S1Low[0][i]:F4}, {r.S1High[0][i]:F4}] (analytic {s1[i]:F4}); ST {r.ST[0][i]:F4} [{r.STLow[0][i]:F4}, {r.STHigh[0][i]:F4}] (analytic {st[i]:F4})");
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(r.S1[0][i] - s1[i]) < 0.02, $"S1[{i}] = {r.S1[0][i]:F4}, analytic {s1[i]:F4}");
            Assert.True(Math.Abs(r.ST[0][i] - st[i]) < 0.02, $"ST[{i}] = {r.ST[0][i]:F4}, analytic {st[i]:F4}");
            Assert.InRange(s1[i], r.S1Low[0][i], r.S1High[0][i]);
            Assert.InRange(st[i], r.STLow[0][i], r.STHigh[0][i]);
            Assert.True(r.S1High[0][i] - r.S1Low[0][i] < 0.15, $"S1[{i}] interval {r.S1Low[0][i]:F3}..{r.S1High[0][i]:F3} is uninformative");
        }
    }

    [Fact]
    public void Too_few_samples_miss_the_analytic_values()
    {
        // The check above can fail: with N = 8 the estimates are far off.
        var (s1, _) = Analytic();
        var r = SobolIndices.Compute(Ishigami, 3, 8, seed: 11, resamples: 50);
        Assert.Contains(Enumerable.Range(0, 3), i => Math.Abs(r.S1[0][i] - s1[i]) > 0.02);
    }

    [Fact]
    public void Same_seed_gives_the_same_indices_for_any_thread_count()
    {
        var one = SobolIndices.Compute(Ishigami, 3, 256, seed: 5, resamples: 100, threads: 1);
        var four = SobolIndices.Compute(Ishigami, 3, 256, seed: 5, resamples: 100, threads: 4);
        Assert.Equal(one.S1[0], four.S1[0]);
        Assert.Equal(one.STLow[0], four.STLow[0]);
        Assert.Equal(one.S1High[0], four.S1High[0]);
        var other = SobolIndices.Compute(Ishigami, 3, 256, seed: 6, resamples: 100, threads: 1);
        Assert.Equal(one.S1[0], other.S1[0]);          // the sample is the Sobol' sequence: no seed
        Assert.NotEqual(one.S1Low[0], other.S1Low[0]);  // the bootstrap is seeded
    }

    [Fact]
    public void Sobol_sequence_starts_with_the_known_points_and_stratifies_each_axis()
    {
        var s = new SobolSequence(3);
        var p = new double[3];
        s.Next(p);
        Assert.Equal([0.5, 0.5, 0.5], p);
        s.Next(p);
        Assert.Equal([0.75, 0.25, 0.25], p);
        s.Next(p);
        Assert.Equal([0.25, 0.75, 0.75], p);
        // Points 0..2^m − 1 (the skipped 0 included) put exactly one point in each interval [j/2^m, (j+1)/2^m), in every dimension.
        const int m = 7;
        var seq = new SobolSequence(SobolSequence.MaxDimension);
        var counts = new int[SobolSequence.MaxDimension, 1 << m];
        for (int d = 0; d < SobolSequence.MaxDimension; d++) counts[d, 0]++;
        var q = new double[SobolSequence.MaxDimension];
        for (int j = 1; j < 1 << m; j++)
        {
            seq.Next(q);
            for (int d = 0; d < q.Length; d++) counts[d, (int)(q[d] * (1 << m))]++;
        }
        foreach (var c in counts) Assert.Equal(1, c);
    }

    [Fact]
    public void Two_dimensional_projections_are_nets()
    {
        // Joe and Kuo's direction numbers make the first 2^m points of any two of the first dimensions fill the
        // 2^(m/2) × 2^(m/2) grid evenly (each cell 1 point) for small m: a check the direction numbers were read right.
        const int side = 4;   // 16 points, 4×4 cells
        var seq = new SobolSequence(8);
        var pts = new List<double[]> { new double[8] };
        for (int j = 1; j < side * side; j++)
        {
            var q = new double[8];
            seq.Next(q);
            pts.Add(q);
        }
        for (int a = 0; a < 2; a++)
            for (int b = a + 1; b < 3; b++)
            {
                var cells = pts.Select(q => ((int)(q[a] * side), (int)(q[b] * side))).Distinct().Count();
                Assert.Equal(side * side, cells);
            }
    }
}

/// <summary>Points where the model fails (NaN) are left out, not propagated.</summary>
public class FailedPointTests
{
    [Fact]
    public void Sobol_drops_the_rows_with_a_failed_point()
    {
        // Ishigami failing on a thin slab of x2: the rows that touch it are dropped and the indices stay near the truth.
        double[] Model(double[] u) => u[1] > 0.98 ? [double.NaN] : SobolIndicesTests.Ishigami(u);
        var r = SobolIndices.Compute(Model, 3, 2048, seed: 1, resamples: 50);
        Assert.InRange(r.RowsUsed, 1800, 2047);
        Assert.All(r.S1[0], s => Assert.True(double.IsFinite(s)));
        Assert.True(Math.Abs(r.ST[0][1] - 0.4424) < 0.06, $"ST2 {r.ST[0][1]}");
    }

    [Fact]
    public void Morris_drops_the_effects_through_a_failed_point()
    {
        double[] Model(double[] u) => u[0] > 0.9 && u[1] > 0.9 ? [double.NaN] : [3 * u[0] + u[1]];
        var r = MorrisScreening.Compute(Model, 3, 20, seed: 2, resamples: 20);
        Assert.Equal(3, r.MuStar[0][0], 9);   // the surviving effects of a linear model are exact
        Assert.Equal(1, r.MuStar[0][1], 9);
        Assert.Equal(0, r.MuStar[0][2], 9);
    }
}
