namespace KetaSim.Population.Statistics;

/// <summary>Transformation under which the pointwise Kaplan-Meier interval is symmetric.</summary>
public enum SurvivalIntervalTransform
{
    /// <summary>log S (R survfit's default conf.type = "log"): S exp(-/+ z se(log S)), upper capped at 1.</summary>
    Log,
    /// <summary>log(-log S) (R conf.type = "log-log"): S^exp(+/- z se(log S)/log S); never leaves [0, 1].</summary>
    LogLog,
    /// <summary>Untransformed S -/+ z se(S), clipped to [0, 1] (R conf.type = "plain").</summary>
    Plain,
}

/// <summary>One step of the survival curve: values just after <see cref="Time"/>.</summary>
public readonly record struct SurvivalPoint(double Time, long AtRisk, long Events, long Censored,
    double Survival, double StandardError, double Lower, double Upper);

/// <summary>A median (or other quantile) survival time with its interval; NaN where R prints NA.</summary>
public readonly record struct SurvivalQuantile(double Time, ConfidenceInterval Interval);

/// <summary>Kaplan-Meier product-limit estimate with Greenwood variance, as R survfit(Surv(time, status) ~ 1).</summary>
public sealed class KaplanMeierCurve
{
    // R quantile.survfit's tolerance for "the curve equals p exactly" on a flat step.
    private const double FlatTolerance = 1.4901161193847656e-08; // sqrt(double epsilon)

    public IReadOnlyList<SurvivalPoint> Points { get; }
    public SurvivalIntervalTransform Transform { get; }
    public double ConfidenceLevel { get; }

    private KaplanMeierCurve(SurvivalPoint[] points, SurvivalIntervalTransform transform, double confidenceLevel)
    {
        Points = points;
        Transform = transform;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>
    /// S(t) = prod over event times t_j <= t of (1 - d_j/n_j). Greenwood: var(log S) = sum d_j / (n_j (n_j - d_j));
    /// se(S) = S sqrt(var(log S)) (the std.err R's summary() prints). Rows are every distinct time,
    /// censor-only times included, as in R.
    /// </summary>
    public static KaplanMeierCurve Estimate(EventCountTable table,
        SurvivalIntervalTransform transform = SurvivalIntervalTransform.Log, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(table);
        double z = Quantiles.NormalTwoSided(confidenceLevel);
        var points = new SurvivalPoint[table.DistinctTimeCount];
        long atRisk = table.SubjectCount;
        double survival = 1, varLog = 0;
        int i = 0;
        foreach (var row in table.Rows())
        {
            if (row.Events > 0)
            {
                survival *= 1 - (double)row.Events / atRisk;
                // d = n makes S = 0: the term is infinite, and R reports NA for the interval from then on.
                varLog += row.Events < atRisk ? (double)row.Events / ((double)atRisk * (atRisk - row.Events)) : double.PositiveInfinity;
            }
            double seLog = Math.Sqrt(varLog);
            var (lower, upper) = Bounds(survival, seLog, z, transform);
            double se = survival > 0 ? survival * seLog : double.NaN;
            points[i++] = new SurvivalPoint(row.Time, atRisk, row.Events, row.Censored, survival, se, lower, upper);
            atRisk -= row.Events + row.Censored;
        }
        return new KaplanMeierCurve(points, transform, confidenceLevel);
    }

    private static (double Lower, double Upper) Bounds(double s, double seLog, double z, SurvivalIntervalTransform transform)
    {
        if (!(s > 0) || double.IsInfinity(seLog)) return (double.NaN, double.NaN);
        switch (transform)
        {
            case SurvivalIntervalTransform.Log:
                return (s * Math.Exp(-z * seLog), Math.Min(1.0, s * Math.Exp(z * seLog)));
            case SurvivalIntervalTransform.LogLog:
                if (s >= 1) return (double.NaN, double.NaN); // log(-log 1) undefined; R gives NA too
                double w = z * seLog / Math.Log(s);
                return (Math.Pow(s, Math.Exp(-w)), Math.Pow(s, Math.Exp(w)));
            default:
                double seS = s * seLog;
                return (Math.Max(0.0, s - z * seS), Math.Min(1.0, s + z * seS));
        }
    }

    /// <summary>Survival just after <paramref name="time"/> (1 before the first row).</summary>
    public double SurvivalAt(double time)
    {
        double s = 1;
        foreach (var p in Points)
        {
            if (p.Time > time) break;
            s = p.Survival;
        }
        return s;
    }

    public SurvivalQuantile Median() => Quantile(0.5);

    /// <summary>
    /// Time at which survival first drops to 1 - <paramref name="probability"/>; the interval is where the
    /// pointwise band crosses it (Brookmeyer and Crowley 1982, using this curve's transform): lower limit from
    /// the lower band, upper limit from the upper band. If a curve sits exactly on the level over a step,
    /// the answer is the midpoint of that step, as R's quantile.survfit.
    /// </summary>
    public SurvivalQuantile Quantile(double probability)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "quantile probability must be in (0, 1)");
        double level = 1 - probability;
        return new SurvivalQuantile(
            Crossing(static p => p.Survival, level),
            new ConfidenceInterval(Crossing(static p => p.Lower, level), Crossing(static p => p.Upper, level)));
    }

    private double Crossing(Func<SurvivalPoint, double> curve, double level)
    {
        for (int i = 0; i < Points.Count; i++)
        {
            double y = curve(Points[i]);
            if (!(y <= level + FlatTolerance)) continue; // NaN never crosses
            if (Math.Abs(y - level) >= FlatTolerance) return Points[i].Time;
            for (int k = i + 1; k < Points.Count; k++)
                if (curve(Points[k]) < level - FlatTolerance) return (Points[i].Time + Points[k].Time) / 2;
            return Points[i].Time;
        }
        return double.NaN;
    }
}
