using MathNet.Numerics.LinearAlgebra;

namespace KetaSim.Design.Fitting;

/// <summary>Stopping rules and step sizes of <see cref="LevenbergMarquardt"/>.</summary>
public sealed record LmOptions
{
    public int MaxIterations { get; init; } = 100;
    /// <summary>Converged when an accepted step lowers the sum of squares by less than this fraction.</summary>
    public double RelativeTolerance { get; init; } = 1e-9;
    /// <summary>Converged when every free coordinate moves by less than this (u is dimensionless: ~ a relative change).</summary>
    public double StepTolerance { get; init; } = 1e-7;
    /// <summary>Converged when the gradient's largest component is below this.</summary>
    public double GradientTolerance { get; init; } = 1e-10;
    /// <summary>Forward-difference step in u for the Jacobian.</summary>
    public double DifferenceStep { get; init; } = 1e-4;
}

/// <summary>Where <see cref="LevenbergMarquardt.Minimize"/> stopped.</summary>
public sealed record LmResult(double[] Free, double[] Residuals, double SumOfSquares, int Iterations, bool Converged, string Reason);

/// <summary>
/// Levenberg–Marquardt minimisation of a sum of squared residuals (Marquardt 1963, with the scaled damping
/// diag(JᵀJ) of Moré 1978), on the unbounded scale u. The Jacobian is by forward differences, its columns
/// evaluated as one parallel batch; every number depends only on the inputs, never on the thread count.
/// Coordinates not in <c>free</c> stay fixed (how profile likelihood re-optimises the others).
/// </summary>
public static class LevenbergMarquardt
{
    public static LmResult Minimize(WeightedResiduals f, double[] start, IReadOnlyList<int> free, LmOptions? options = null,
        Action<int, double>? progress = null)
    {
        var o = options ?? new LmOptions();
        var u = (double[])start.Clone();
        var r = f.At(u);
        double cost = WeightedResiduals.SumOfSquares(r);
        if (free.Count == 0) return new LmResult(u, r, cost, 0, true, "no free parameter");
        if (!double.IsFinite(cost)) return new LmResult(u, r, cost, 0, false, "the model fails at the starting values");
        int p = free.Count;
        progress?.Invoke(0, cost);
        double lambda = 1e-3;
        for (int iteration = 1; iteration <= o.MaxIterations; iteration++)
        {
            var j = Jacobian(f, u, r, free, o.DifferenceStep, forward: true);
            var jt = j.Transpose();
            var a = jt * j;
            var g = jt * Vector<double>.Build.DenseOfArray(r);
            if (!double.IsFinite(g.Sum())) return new LmResult(u, r, cost, iteration - 1, false, "the model fails next to the current values (no Jacobian)");
            if (g.AbsoluteMaximum() < o.GradientTolerance) return new LmResult(u, r, cost, iteration - 1, true, "gradient below tolerance");
            double maxDiag = Enumerable.Range(0, p).Max(k => a[k, k]);
            if (!(maxDiag > 0)) return new LmResult(u, r, cost, iteration - 1, true, "the residuals do not depend on the free parameters");

            bool accepted = false;
            while (!accepted)
            {
                var m = a.Clone();
                for (int k = 0; k < p; k++) m[k, k] += lambda * Math.Max(a[k, k], 1e-12 * maxDiag);
                Vector<double> delta;
                try { delta = m.Cholesky().Solve(-g); }
                catch (ArgumentException) { delta = m.Svd().Solve(-g); }
                var trial = (double[])u.Clone();
                for (int k = 0; k < p; k++) trial[free[k]] = Math.Clamp(u[free[k]] + delta[k], -BoundedTransform.MaxFree, BoundedTransform.MaxFree);
                var rTrial = f.At(trial);
                double costTrial = WeightedResiduals.SumOfSquares(rTrial);
                if (costTrial < cost)
                {
                    double moved = Enumerable.Range(0, p).Max(k => Math.Abs(trial[free[k]] - u[free[k]]));
                    double gain = (cost - costTrial) / Math.Max(cost, double.Epsilon);
                    u = trial; r = rTrial; cost = costTrial;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    accepted = true;
                    progress?.Invoke(iteration, cost);
                    if (gain < o.RelativeTolerance) return new LmResult(u, r, cost, iteration, true, "relative change of the objective below tolerance");
                    if (moved < o.StepTolerance) return new LmResult(u, r, cost, iteration, true, "step below tolerance");
                }
                else
                {
                    lambda *= 10;
                    if (lambda > 1e10) return new LmResult(u, r, cost, iteration, true, "no step lowers the objective (a minimum to the precision of the model)");
                }
            }
        }
        return new LmResult(u, r, cost, o.MaxIterations, false, $"stopped after {o.MaxIterations} iterations");
    }

    /// <summary>∂r/∂u over the <paramref name="free"/> coordinates at <paramref name="u"/> (residuals <paramref name="r"/> there):
    /// forward or central differences, the perturbed points evaluated as one batch.</summary>
    public static Matrix<double> Jacobian(WeightedResiduals f, double[] u, double[] r, IReadOnlyList<int> free, double h, bool forward)
    {
        var points = new List<double[]>();
        foreach (var k in free)
        {
            var up = (double[])u.Clone();
            up[k] += h;
            points.Add(up);
            if (!forward)
            {
                var down = (double[])u.Clone();
                down[k] -= h;
                points.Add(down);
            }
        }
        var rs = f.At(points);
        var j = Matrix<double>.Build.Dense(r.Length, free.Count);
        for (int c = 0; c < free.Count; c++)
            for (int i = 0; i < r.Length; i++)
                j[i, c] = forward ? (rs[c][i] - r[i]) / h : (rs[2 * c][i] - rs[2 * c + 1][i]) / (2 * h);
        return j;
    }
}
