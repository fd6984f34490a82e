using KetaSim.Design.Fitting;

namespace KetaSim.Design.Tests.Fitting;

/// <summary>A closed-form model f(θ, x) at fixed x, for known-answer tests of the fitter.</summary>
internal sealed class AnalyticModel(IReadOnlyList<FitParameter> parameters, double[] x, Func<double[], double, double> f) : IFitModel
{
    public IReadOnlyList<FitParameter> Parameters { get; } = parameters;

    public double[][] Predict(IReadOnlyList<double[]> points, int threads)
    {
        var result = new double[points.Count][];
        Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
            result[k] = x.Select(xi => f(points[k], xi)).ToArray());
        return result;
    }

    public static FitParameter P(string name, double low, double high, double initial) => new(name, name, "1", low, high, initial);

    /// <summary>Normal deviates from a seeded generator (Box–Muller), the same on every machine.</summary>
    public static double[] Noise(int n, int seed)
    {
        var random = new Random(seed);
        var z = new double[n];
        for (int i = 0; i < n; i++)
            z[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return z;
    }
}
