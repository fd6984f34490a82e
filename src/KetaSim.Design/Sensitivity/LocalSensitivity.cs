namespace KetaSim.Design.Sensitivity;

/// <summary>
/// Normalised local sensitivities at the nominal point: S = (∂Y/Y)/(∂θ/θ), by central differences θ(1 ± h),
/// S = [Y(θ(1+h)) − Y(θ(1−h))] / (2h · Y(θ)), one parameter moved at a time, the others at their nominal values.
/// Exact for Y linear or quadratic in θ; 2k + 1 evaluations for k parameters. S is undefined (NaN) where Y or θ is 0;
/// the derivative ∂Y/∂θ is reported beside it and stays defined where Y is 0.
/// </summary>
public static class LocalSensitivity
{
    /// <summary>Default relative step h: 1% each way.</summary>
    public const double DefaultRelativeStep = 0.01;

    /// <param name="Baseline">Y at the nominal point, per metric.</param>
    /// <param name="S">Normalised sensitivity [metric][parameter].</param>
    /// <param name="Derivative">∂Y/∂θ [metric][parameter], in the metric's unit per the parameter's unit.</param>
    public sealed record Result(double[] Baseline, double[][] S, double[][] Derivative, double RelativeStep, int Evaluations);

    /// <summary>The points evaluated: the nominal one, then θ_i(1+h) and θ_i(1−h) for each parameter i.</summary>
    public static double[][] Points(double[] nominal, double relativeStep)
    {
        if (!(relativeStep > 0 && relativeStep < 1)) throw new ArgumentOutOfRangeException(nameof(relativeStep), "The relative step must be in (0, 1).");
        var points = new double[2 * nominal.Length + 1][];
        points[0] = (double[])nominal.Clone();
        for (int i = 0; i < nominal.Length; i++)
        {
            points[1 + 2 * i] = (double[])nominal.Clone();
            points[1 + 2 * i][i] = nominal[i] * (1 + relativeStep);
            points[2 + 2 * i] = (double[])nominal.Clone();
            points[2 + 2 * i][i] = nominal[i] * (1 - relativeStep);
        }
        return points;
    }

    public static Result Compute(Func<double[], double[]> model, double[] nominal, double relativeStep = DefaultRelativeStep, int threads = 1,
        IProgress<int>? progress = null)
    {
        var points = Points(nominal, relativeStep);
        var y = ModelBatch.Evaluate(model, points, threads, progress);
        int metrics = y[0].Length, k = nominal.Length;
        var s = new double[metrics][];
        var d = new double[metrics][];
        for (int m = 0; m < metrics; m++)
        {
            s[m] = new double[k];
            d[m] = new double[k];
            for (int i = 0; i < k; i++)
            {
                double diff = y[1 + 2 * i][m] - y[2 + 2 * i][m];
                d[m][i] = nominal[i] == 0 ? double.NaN : diff / (2 * relativeStep * nominal[i]);
                s[m][i] = nominal[i] == 0 || y[0][m] == 0 ? double.NaN : diff / (2 * relativeStep * y[0][m]);
            }
        }
        return new Result(y[0], s, d, relativeStep, points.Length);
    }
}
