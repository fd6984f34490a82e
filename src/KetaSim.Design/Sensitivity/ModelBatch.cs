namespace KetaSim.Design.Sensitivity;

/// <summary>
/// Runs a model on a list of points in parallel, each result into its own slot, so the outputs (and everything
/// computed from them in index order) are the same for any thread count. Reports evaluations done for progress.
/// A point the model cannot evaluate (e.g. the solver fails there) may return NaN for its outputs: the methods leave
/// such points out (<see cref="SobolIndices"/> drops the row, <see cref="MorrisScreening"/> the elementary effects that
/// use it) and the caller says how many there were.
/// </summary>
public static class ModelBatch
{
    public static double[][] Evaluate(Func<double[], double[]> model, IReadOnlyList<double[]> points, int threads,
        IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var results = new double[points.Count][];
        int done = 0;
        Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            results[i] = model(points[i]);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}
