using KetaSim.Numerics.Linear;

namespace KetaSim.Numerics.Tests.Linear;

public sealed class DenseLuTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(8, 3)]
    [InlineData(25, 4)]
    public void Solves_random_systems_to_rounding(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() * 2 - 1;
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var b = Multiply(a, x, n);
        var lu = (double[])a.Clone();
        var pivots = new int[n];

        Assert.True(DenseLu.Factor(lu, n, pivots));
        DenseLu.Solve(lu, n, pivots, b);

        for (int i = 0; i < n; i++) Assert.Equal(x[i], b[i], 1e-9);
    }

    [Fact]
    public void Pivots_past_a_zero_leading_entry()
    {
        double[] a = [0, 1, 1, 0];
        double[] b = [2, 3];
        var pivots = new int[2];

        Assert.True(DenseLu.Factor(a, 2, pivots));
        DenseLu.Solve(a, 2, pivots, b);

        Assert.Equal([3.0, 2.0], b);
    }

    [Fact]
    public void Reports_a_singular_matrix()
    {
        double[] a = [1, 2, 2, 4];
        Assert.False(DenseLu.Factor(a, 2, new int[2]));
    }

    [Fact]
    public void Refuses_storage_too_small()
    {
        Assert.Throws<ArgumentException>(() => DenseLu.Factor(new double[3], 2, new int[2]));
        Assert.Throws<ArgumentException>(() => DenseLu.Factor(new double[4], 2, new int[1]));
    }

    private static double[] Multiply(double[] a, double[] x, int n)
    {
        var b = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                b[i] += a[i * n + j] * x[j];
        return b;
    }
}
