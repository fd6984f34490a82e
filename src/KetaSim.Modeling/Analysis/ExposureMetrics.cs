namespace KetaSim.Modeling.Analysis;

/// <summary>Non-compartmental summary of one concentration-time profile.</summary>
/// <param name="Cmax">Largest value on the grid, in the profile's unit.</param>
/// <param name="TmaxHours">Time of the first occurrence of Cmax.</param>
/// <param name="AucLast">Area under the curve from the first to the last time, unit·h (linear up, log down).</param>
/// <param name="TerminalHalfLifeHours">ln 2 / λz from the terminal log-linear phase; NaN when not estimable.</param>
/// <param name="LambdaZPerHour">Terminal elimination rate constant λz, 1/h; NaN when not estimable.</param>
/// <param name="TerminalPoints">Number of points the λz regression used (0 when not estimable).</param>
public readonly record struct ExposureSummary(double Cmax, double TmaxHours, double AucLast, double TerminalHalfLifeHours, double LambdaZPerHour, int TerminalPoints);

/// <summary>
/// Standard NCA as a pharmacometrician would compute it, so simulated and published numbers are
/// compared like with like: trapezoidal AUC (log-trapezoid on declining segments) and λz by the
/// best adjusted-R² log-linear fit over the last 3 or more points after Tmax that lie above a
/// quantification floor (<see cref="QuantificationFloorFraction"/> of Cmax).
/// </summary>
public static class ExposureMetrics
{
    public static ExposureSummary Compute(double[] timesHours, double[] values) => Compute(timesHours, values, 0, timesHours.Length);

    /// <summary>Metrics over the window [from, to) of the arrays (indices).</summary>
    public static ExposureSummary Compute(double[] timesHours, double[] values, int from, int to)
    {
        if (timesHours.Length != values.Length) throw new ArgumentException("Times and values differ in length.");
        if (to - from < 1) throw new ArgumentException("Empty profile.");
        int iMax = from;
        for (int i = from + 1; i < to; i++) if (values[i] > values[iMax]) iMax = i;
        double auc = Auc(timesHours, values, from, to);
        var (lambda, points) = TerminalSlope(timesHours, values, iMax, to);
        double half = points > 0 ? Math.Log(2) / lambda : double.NaN;
        return new ExposureSummary(values[iMax], timesHours[iMax], auc, half, points > 0 ? lambda : double.NaN, points);
    }

    /// <summary>AUC between two times (inclusive indices found on the grid), unit·h.</summary>
    public static double AucBetween(double[] timesHours, double[] values, double fromHours, double toHours)
    {
        int a = Array.FindIndex(timesHours, t => t >= fromHours - 1e-12);
        int b = Array.FindLastIndex(timesHours, t => t <= toHours + 1e-12);
        if (a < 0 || b < a) throw new ArgumentException($"No grid points in [{fromHours}, {toHours}] h.");
        return Auc(timesHours, values, a, b + 1);
    }

    private static double Auc(double[] t, double[] c, int from, int to)
    {
        double auc = 0;
        for (int i = from + 1; i < to; i++)
        {
            double dt = t[i] - t[i - 1], c0 = c[i - 1], c1 = c[i];
            // Log-trapezoid on declining positive segments: exact for first-order decline.
            if (c1 < c0 && c1 > 0) auc += (c0 - c1) * dt / Math.Log(c0 / c1);
            else auc += 0.5 * (c0 + c1) * dt;
        }
        return auc;
    }

    /// <summary>Points below this fraction of Cmax are not quantifiable: six decades down, far above the solver's
    /// absolute tolerance, so the λz fit never reaches into integration noise (values around ±1e-13), whatever the
    /// run's duration, output step or model.</summary>
    public const double QuantificationFloorFraction = 1e-6;

    /// <summary>λz by the best adjusted-R² log-linear fit over the last k ≥ 3 quantifiable points after Tmax, in
    /// linear time: the candidate windows grow backwards from the last quantifiable point and the regression sums
    /// are updated point by point (times taken relative to that point, for precision).</summary>
    private static (double Lambda, int Points) TerminalSlope(double[] t, double[] c, int iMax, int to)
    {
        double floor = c[iMax] * QuantificationFloorFraction;
        int first = iMax + 1;
        int end = to;
        while (end > first && !(c[end - 1] > floor)) end--;
        if (end - first < 3) return (0, 0);
        double bestAdjR2 = double.NegativeInfinity, bestLambda = 0;
        int bestPoints = 0;
        double origin = t[end - 1];
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int start = end - 1; start >= first; start--)
        {
            if (!(c[start] > floor)) break;
            double x = t[start] - origin, yv = Math.Log(c[start]);
            sx += x; sy += yv; sxx += x * x; sxy += x * yv; syy += yv * yv;
            int k = end - start;
            if (k < 3) continue;
            double sxxC = sxx - sx * sx / k, sxyC = sxy - sx * sy / k, syyC = syy - sy * sy / k;
            if (sxxC <= 0) continue;
            double slope = sxyC / sxxC;
            if (slope >= 0) continue;
            double r2 = syyC > 0 ? Math.Min(1.0, sxyC * sxyC / (sxxC * syyC)) : 1.0;
            double adj = 1 - (1 - r2) * (k - 1) / (k - 2);
            // Prefer more points when adjusted R² is within 1e-4 of the best (Phoenix WinNonlin rule).
            if (adj > bestAdjR2 - 1e-4)
            {
                if (adj > bestAdjR2) bestAdjR2 = adj;
                bestLambda = -slope;
                bestPoints = k;
            }
        }
        return (bestLambda, bestPoints);
    }
}
