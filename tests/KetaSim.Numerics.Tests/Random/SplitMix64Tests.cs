using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Numerics.Tests.RandomStreams;

public class SplitMix64Tests
{
    [Fact]
    public void Same_seed_gives_the_same_stream_and_different_streams_differ()
    {
        var a = SplitMix64.ForStream(42, 7);
        var b = SplitMix64.ForStream(42, 7);
        var c = SplitMix64.ForStream(42, 8);
        var d = SplitMix64.ForStream(43, 7);
        for (int i = 0; i < 100; i++)
        {
            ulong x = a.Next();
            Assert.Equal(x, b.Next());
            Assert.NotEqual(x, c.Next());
            Assert.NotEqual(x, d.Next());
        }
    }

    [Fact]
    public void Matches_the_published_splitmix64_reference_output()
    {
        // Reference: Vigna's splitmix64.c with state 0 → first outputs.
        var g = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, g.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, g.Next());
        Assert.Equal(0x06C45D188009454FUL, g.Next());
    }

    [Fact]
    public void Open_unit_uniforms_stay_inside_zero_one_with_mean_one_half()
    {
        var g = new SplitMix64(123);
        const int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double u = g.NextOpenUnit();
            Assert.InRange(u, double.Epsilon, 1 - 1e-17);
            Assert.True(u > 0 && u < 1);
            sum += u;
        }
        // SE of the mean of U(0,1): sqrt(1/12 / n); allow 4 SE.
        Assert.InRange(sum / n, 0.5 - 4 * Math.Sqrt(1.0 / 12 / n), 0.5 + 4 * Math.Sqrt(1.0 / 12 / n));
    }

    [Fact]
    public void Standard_normal_deviates_have_the_first_four_moments_of_N01()
    {
        var g = SplitMix64.ForStream(20_260_101, 0);
        const int n = 1_000_000;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = g.NextStandardNormal();
            s1 += z; s2 += z * z; s3 += z * z * z; s4 += z * z * z * z;
        }
        double mean = s1 / n, m2 = s2 / n, m3 = s3 / n, m4 = s4 / n;
        // Standard errors of the raw moments under N(0,1): mean 1/√n, E z² √(2/n), E z³ √(15/n), E z⁴ √(96/n); 4 SE each.
        double k = 4 / Math.Sqrt(n);
        Assert.InRange(mean, -k, k);
        Assert.InRange(m2, 1 - k * Math.Sqrt(2), 1 + k * Math.Sqrt(2));
        Assert.InRange(m3, -k * Math.Sqrt(15), k * Math.Sqrt(15));
        Assert.InRange(m4, 3 - k * Math.Sqrt(96), 3 + k * Math.Sqrt(96));
    }

    [Fact]
    public void Cholesky_reproduces_the_matrix_and_rejects_an_indefinite_one()
    {
        double[,] a = { { 4, 2, 0.4 }, { 2, 5, 1 }, { 0.4, 1, 3 } };
        var l = CorrelatedNormal.Cholesky(a);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                for (int k = 0; k < 3; k++) s += l[i, k] * l[j, k];
                Assert.Equal(a[i, j], s, 12);
                if (j > i) Assert.Equal(0, l[i, j]);
            }
        double[,] bad = { { 1, 0.9, 0.9 }, { 0.9, 1, -0.9 }, { 0.9, -0.9, 1 } };
        Assert.Throws<ArgumentException>(() => CorrelatedNormal.Cholesky(bad));
    }

    [Fact]
    public void Correlated_draws_have_the_requested_correlation()
    {
        const double r = 0.6;
        var normal = new CorrelatedNormal(new double[,] { { 1, r }, { r, 1 } });
        var g = SplitMix64.ForStream(9, 9);
        const int n = 100_000;
        double sxy = 0, sxx = 0, syy = 0;
        Span<double> x = stackalloc double[2];
        for (int i = 0; i < n; i++)
        {
            normal.Draw(ref g, x);
            sxy += x[0] * x[1]; sxx += x[0] * x[0]; syy += x[1] * x[1];
        }
        double rHat = sxy / Math.Sqrt(sxx * syy);
        // SE of a sample correlation ≈ (1 − r²)/√n; 4 SE.
        Assert.InRange(rHat, r - 4 * (1 - r * r) / Math.Sqrt(n), r + 4 * (1 - r * r) / Math.Sqrt(n));
    }
}
