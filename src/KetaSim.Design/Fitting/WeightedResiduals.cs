namespace KetaSim.Design.Fitting;

/// <summary>
/// The weighted residuals r_i = (y_i − f_i(θ)) / scale_i of a model and its data, on the optimiser's unbounded
/// scale u (θ = transform(u) per parameter). Evaluates lists of points through the model in one parallel batch.
/// </summary>
public sealed class WeightedResiduals(IFitModel model, FitData data, int threads)
{
    public IFitModel Model { get; } = model;
    public FitData Data { get; } = data;
    public int Threads { get; } = Math.Max(1, threads);

    /// <summary>Model evaluations so far (points, not batches).</summary>
    public int Evaluations => _evaluations;
    private int _evaluations;

    public double[] Natural(double[] u)
    {
        var theta = new double[u.Length];
        for (int j = 0; j < u.Length; j++) theta[j] = Model.Parameters[j].Transform.ToNatural(u[j]);
        return theta;
    }

    /// <summary>u of θ; values within <paramref name="margin"/> of the bounds' span of a bound are moved inside by it.</summary>
    public double[] FreeOf(double[] theta, double margin = 1e-9)
    {
        var u = new double[theta.Length];
        for (int j = 0; j < theta.Length; j++) u[j] = Model.Parameters[j].Transform.ToFree(theta[j], margin);
        return u;
    }

    /// <summary>The residuals at each point u (NaN where the model failed).</summary>
    public double[][] At(IReadOnlyList<double[]> us) => AtNatural(us.Select(Natural).ToArray());

    /// <summary>The residuals at each point θ in the parameters' own units.</summary>
    public double[][] AtNatural(IReadOnlyList<double[]> thetas)
    {
        Interlocked.Add(ref _evaluations, thetas.Count);
        var predictions = Model.Predict(thetas, Threads);
        var result = new double[thetas.Count][];
        for (int k = 0; k < thetas.Count; k++)
        {
            var r = new double[Data.Count];
            for (int i = 0; i < r.Length; i++) r[i] = (Data.Observed[i] - predictions[k][i]) / Data.Scale[i];
            result[k] = r;
        }
        return result;
    }

    public double[] At(double[] u) => At([u])[0];

    public static double SumOfSquares(double[] r)
    {
        double s = 0;
        foreach (var x in r) s += x * x;
        return double.IsFinite(s) ? s : double.PositiveInfinity;
    }
}
