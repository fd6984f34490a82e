namespace KetaSim.Design.Fitting;

/// <summary>
/// What the fitter fits: predictions of every observation, in a fixed order, at given parameter values.
/// <see cref="Predict"/> may evaluate the points in parallel but must return the same numbers for any thread count.
/// </summary>
public interface IFitModel
{
    IReadOnlyList<FitParameter> Parameters { get; }

    /// <summary>The predictions at each point (one value per <see cref="Parameters"/> entry, natural scale); a point
    /// whose simulation fails gives NaN predictions.</summary>
    double[][] Predict(IReadOnlyList<double[]> points, int threads);
}

/// <summary>How residuals are weighted: <c>sd</c> (the data's SDs, known), <c>uniform</c> (one unknown SD), <c>proportional</c>
/// (an unknown SD proportional to the observed value: a constant coefficient of variation).</summary>
public enum Weighting { Sd, Uniform, Proportional }

/// <summary>The observed values and the scale of each residual: weighted residual = (observed − predicted) / scale.</summary>
/// <param name="SigmaKnown">True when the scales are the observations' SDs (weights sd); false when they are relative and one
/// residual SD is estimated with the parameters.</param>
public sealed record FitData(double[] Observed, double[] Scale, bool SigmaKnown)
{
    public int Count => Observed.Length;
}
