namespace KetaSim.Design.Sensitivity;

/// <summary>
/// Runs a model on a list of points in parallel, each result into its own slot, so the outputs (and everything
/// computed from them in index order) are the same for any thread count. Reports evaluations done for progress.
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
            var y = model(points[i]);
            foreach (var v in y)
                if (double.IsNaN(v)) throw new InvalidOperationException($"The model returned NaN at point {i} ({string.Join(", ", points[i])}).");
            results[i] = y;
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}
