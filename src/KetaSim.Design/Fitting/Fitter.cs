using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace KetaSim.Design.Fitting;

/// <summary>Settings of <see cref="Fitter.Fit"/>.</summary>
public sealed record FitOptions
{
    public int Threads { get; init; } = 1;
    public bool Profiles { get; init; } = true;
    public LmOptions Optimiser { get; init; } = new();
    /// <summary>Step in ln θ (or relative step for parameters with a non-positive bound) of the central-difference Jacobian at the optimum.</summary>
    public double JacobianStep { get; init; } = 1e-4;
    /// <summary>Progress lines (iterations, profiles), for stderr.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>
/// Weighted least squares with bounds: Levenberg–Marquardt on the bounded-logit scale of ln θ, then Wald standard
/// errors and correlations from the Jacobian at the optimum, −2 log L, AIC and BIC, and a profile likelihood per
/// parameter. Deterministic: the numbers do not depend on <see cref="FitOptions.Threads"/>.
/// </summary>
public static class Fitter
{
    /// <summary>Multiples of the Wald half-width (1.96 SE on the profiled scale) where profile points are placed before the bound.</summary>
    private static readonly double[] WaldSteps = [0.5, 1, 1.5, 2, 3];

    /// <summary>Fractions of the distance to the bound used when there is no Wald SE.</summary>
    private static readonly double[] RangeSteps = [0.1, 0.25, 0.5, 0.75];

    public static FitResult Fit(IFitModel model, FitData data, FitOptions? options = null)
    {
        var o = options ?? new FitOptions();
        var parameters = model.Parameters;
        int p = parameters.Count, n = data.Count;
        var f = new WeightedResiduals(model, data, o.Threads);
        // A start on a bound is moved 1% of the span inside, where the transform's slope lets it move.
        var start = f.FreeOf(parameters.Select(x => x.Initial).ToArray(), margin: 0.01);
        var all = Enumerable.Range(0, p).ToArray();
        var lm = LevenbergMarquardt.Minimize(f, start, all, o.Optimiser,
            (i, cost) => o.Progress?.Invoke(i == 0 ? $"start: weighted residual sum of squares {F(cost)}" : $"iteration {i}: weighted residual sum of squares {F(cost)}"));
        var theta = f.Natural(lm.Free);
        var warnings = new List<(string, string)>();
        if (!double.IsFinite(lm.SumOfSquares))
            throw new InvalidOperationException("The model fails at the starting values.");
        if (!lm.Converged) warnings.Add(("FIT-CONVERGENCE", $"the optimiser did not converge: {lm.Reason}"));

        // Wald statistics from the central-difference Jacobian in natural units at the optimum.
        var jacobian = ScaleJacobian(f, theta, o.JacobianStep, out var dThetaDz);
        var cov = FitStatistics.Covariance(jacobian, dThetaDz, lm.SumOfSquares, data, out var nullDirection);
        if (cov is null)
        {
            var involved = all.Where(j => nullDirection.Length == p && Math.Abs(nullDirection[j]) > 0.1).Select(j => parameters[j].Label).ToArray();
            warnings.Add(("FIT-SINGULAR", "the information matrix is singular: the data do not determine " +
                (involved.Length > 0 ? string.Join(", ", involved) : "every parameter") + " separately; standard errors are not given (see the profiles)"));
        }
        double q = FitStatistics.Quantile975(n, p, data);
        var estimates = new ParameterEstimate[p];
        for (int j = 0; j < p; j++)
        {
            var par = parameters[j];
            double v = theta[j];
            double? se = cov is null ? null : Math.Sqrt(Math.Max(0, cov[j, j]));
            double? lo = null, hi = null;
            if (se is { } s)
            {
                if (par.Log) { lo = v * Math.Exp(-q * s / v); hi = v * Math.Exp(q * s / v); }
                else { lo = v - q * s; hi = v + q * s; }
            }
            var t = par.Transform;
            double span = t.Z(par.High) - t.Z(par.Low);
            bool atBound = (t.Z(v) - t.Z(par.Low)) < 1e-3 * span || (t.Z(par.High) - t.Z(v)) < 1e-3 * span;
            estimates[j] = new ParameterEstimate(par, v, se, se is { } s2 && v != 0 ? 100 * s2 / Math.Abs(v) : null, lo, hi) { AtBound = atBound };
            if (atBound) warnings.Add(("FIT-BOUND", $"{par.Label} = {F(v)} {par.Unit} is at a bound of [{F(par.Low)}, {F(par.High)}]: the optimum lies on or beyond it, or the data do not determine it (see its profile); its Wald SE and CI are not meaningful"));
        }
        double[,]? corr = null;
        if (cov is not null)
        {
            corr = new double[p, p];
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                    corr[a, b] = cov[a, b] / Math.Sqrt(cov[a, a] * cov[b, b]);
        }

        double m2ll = FitStatistics.Minus2LogLikelihood(lm.SumOfSquares, data);
        int k = FitStatistics.Estimated(p, data);
        var predictions = data.Observed.Select((y, i) => y - lm.Residuals[i] * data.Scale[i]).ToArray();
        var profiles = new List<ParameterProfile>();
        if (o.Profiles)
        {
            profiles.AddRange(Profiles(f, lm, estimates, o));
            foreach (var pr in profiles.Where(x => !x.Identifiable))
                warnings.Add(("FIT-UNIDENTIFIABLE", $"{parameters[pr.Index].Label} is {pr.Flag}: its profile likelihood stays below the χ² threshold {F(FitStatistics.ChiSquare95)} up to the bound"));
            if (profiles.SelectMany(x => x.Points).Any(x => x.Delta < -1e-3 * Math.Max(1, Math.Abs(lm.SumOfSquares))))
                warnings.Add(("FIT-PROFILE-BETTER", "a profile point reached a lower objective than the fit: the optimiser stopped at a local minimum; try other initial values"));
        }
        return new FitResult
        {
            Estimates = estimates,
            Correlation = corr,
            WeightedRss = lm.SumOfSquares,
            Minus2LogLikelihood = m2ll,
            Aic = m2ll + 2 * k,
            Bic = m2ll + k * Math.Log(n),
            ResidualScale = Math.Sqrt(lm.SumOfSquares / Math.Max(1, n - p)),
            Observations = n,
            Iterations = lm.Iterations,
            Evaluations = f.Evaluations,
            Converged = lm.Converged,
            Reason = lm.Reason,
            Predictions = predictions,
            Residuals = lm.Residuals,
            Profiles = profiles,
            Warnings = warnings,
        };
    }

    /// <summary>∂r/∂z by central differences on the estimation scale z (ln θ; θ with a step relative to the bounds' span where a bound
    /// is not positive), with dθ/dz per parameter for the delta method.</summary>
    public static Matrix<double> ScaleJacobian(WeightedResiduals f, double[] theta, double h, out double[] dThetaDz)
    {
        int p = theta.Length;
        var points = new List<double[]>();
        var steps = new double[p];
        dThetaDz = new double[p];
        for (int j = 0; j < p; j++)
        {
            var par = f.Model.Parameters[j];
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            if (par.Log) { up[j] = theta[j] * Math.Exp(h); down[j] = theta[j] * Math.Exp(-h); steps[j] = 2 * h; dThetaDz[j] = theta[j]; }
            else { double d = h * Math.Max(Math.Abs(theta[j]), par.High - par.Low); up[j] += d; down[j] -= d; steps[j] = 2 * d; dThetaDz[j] = 1; }
            points.Add(up);
            points.Add(down);
        }
        var rs = f.AtNatural(points);
        var jac = Matrix<double>.Build.Dense(f.Data.Count, p);
        for (int j = 0; j < p; j++)
            for (int i = 0; i < f.Data.Count; i++)
                jac[i, j] = (rs[2 * j][i] - rs[2 * j + 1][i]) / steps[j];
        return jac;
    }

    private static List<ParameterProfile> Profiles(WeightedResiduals f, LmResult best, IReadOnlyList<ParameterEstimate> estimates, FitOptions o)
    {
        int p = estimates.Count;
        // One task per parameter and side; each walks outward from the optimum, warm-starting every re-optimisation
        // from the previous point, so its numbers do not depend on which thread runs it.
        var sides = new (List<ProfilePoint> Points, double? Crossing)[2 * p];
        var inner = o.Optimiser with { MaxIterations = Math.Min(o.Optimiser.MaxIterations, 50) };
        int done = 0;
        Parallel.For(0, 2 * p, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Threads) }, task =>
        {
            sides[task] = ProfileSide(f, best, estimates[task / 2], task / 2, task % 2 == 0 ? -1 : +1, inner);
            int now = Interlocked.Increment(ref done);
            o.Progress?.Invoke($"profile {now}/{2 * p}: {estimates[task / 2].Parameter.Label} {(task % 2 == 0 ? "below" : "above")} the estimate");
        });
        var result = new List<ParameterProfile>();
        var bestTheta = f.Natural(best.Free);
        for (int j = 0; j < p; j++)
        {
            var centre = new ProfilePoint(bestTheta[j], best.SumOfSquares, 0, bestTheta, true);
            var points = sides[2 * j].Points.AsEnumerable().Reverse().Append(centre).Concat(sides[2 * j + 1].Points).ToArray();
            result.Add(new ParameterProfile(j, points, sides[2 * j].Crossing, sides[2 * j + 1].Crossing));
        }
        return result;
    }

    private static (List<ProfilePoint>, double?) ProfileSide(WeightedResiduals f, LmResult best, ParameterEstimate estimate, int index, int side, LmOptions options)
    {
        var par = estimate.Parameter;
        var t = par.Transform;
        double z0 = t.Z(estimate.Value);
        double room = side < 0 ? z0 - t.Z(par.Low) : t.Z(par.High) - z0;
        var points = new List<ProfilePoint>();
        if (!(room > 0)) return (points, null);
        double? seZ = estimate.StandardError is { } se ? (par.Log ? se / estimate.Value : se) : null;
        var distances = (seZ is { } s && s > 0 && double.IsFinite(s)
                ? WaldSteps.Select(m => m * 1.959964 * s)
                : RangeSteps.Select(fr => fr * room))
            .Where(d => d < room * 0.999).Append(room).ToArray();
        var free = Enumerable.Range(0, best.Free.Length).Where(k => k != index).ToArray();
        var u = (double[])best.Free.Clone();
        double previousD = 0, previousDelta = 0;
        foreach (var d in distances)
        {
            double value = t.FromZ(z0 + side * d);
            value = Math.Clamp(value, par.Low, par.High);
            u[index] = t.ToFree(value);
            var fit = LevenbergMarquardt.Minimize(f, u, free, options);
            u = fit.Free;
            double delta = FitStatistics.ProfileDelta(fit.SumOfSquares, best.SumOfSquares, f.Data);
            var theta = f.Natural(u);
            theta[index] = value;
            points.Add(new ProfilePoint(value, fit.SumOfSquares, delta, theta, fit.Converged));
            if (delta >= FitStatistics.ChiSquare95)
            {
                // Interpolated on the signed root √Δ, which is linear in the distance where the profile is quadratic.
                double r0 = Math.Sqrt(Math.Max(0, previousDelta)), r1 = Math.Sqrt(delta);
                double dc = previousD + (Math.Sqrt(FitStatistics.ChiSquare95) - r0) / (r1 - r0) * (d - previousD);
                return (points, t.FromZ(z0 + side * dc));
            }
            previousD = d;
            previousDelta = delta;
        }
        return (points, null);
    }

    internal static string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
