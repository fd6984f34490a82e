using System.Globalization;
using KetaSim.IO.Input;

namespace KetaSim.Design.Outputs;

/// <summary>What a metric reads from one observable's curve.</summary>
public enum MetricStatistic
{
    /// <summary><c>OBS@T</c>: the value at time T.</summary>
    ValueAt,
    /// <summary><c>OBS_change@T</c>: the value at T minus the value at time 0 (a MADRS change is negative when symptoms fall).</summary>
    ChangeAt,
    /// <summary><c>OBS_peak</c>: the highest value over the run.</summary>
    Peak,
    /// <summary><c>OBS_trough</c>: the lowest value over the run.</summary>
    Trough,
    /// <summary><c>OBS_peak_rise</c>: the highest value minus the value at time 0 (e.g. <c>sbp_peak_rise</c>).</summary>
    PeakRise,
    /// <summary><c>OBS_auc</c>: area under the curve, linear trapezoid, unit × h.</summary>
    Auc,
    /// <summary><c>response@T</c>: 1 when MADRS at T is at most half its value at time 0, else 0 (the cohort share when averaged).</summary>
    ResponseAt,
    /// <summary><c>remission@T</c>: 1 when MADRS at T is at most 10 (the ketamine trials' threshold), else 0.</summary>
    RemissionAt,
}

/// <summary>
/// One scalar output of a run, named the way a modeller writes it: <c>madrs_change@28d</c>, <c>madrs@24h</c>,
/// <c>sbp_peak_rise</c>, <c>spine_density_rel_peak</c>, <c>response@24h</c>. On a cohort the per-subject values are
/// averaged, so <c>response@24h</c> becomes the responder share.
/// </summary>
public sealed record OutputMetric(string Text, string Observable, MetricStatistic Statistic, double TimeHours)
{
    /// <summary>MADRS, which the response and remission metrics read.</summary>
    public const string MadrsObservable = "madrs";

    private static readonly (string Suffix, MetricStatistic Statistic)[] WholeRunSuffixes =
        [("_peak_rise", MetricStatistic.PeakRise), ("_peak", MetricStatistic.Peak), ("_trough", MetricStatistic.Trough), ("_auc", MetricStatistic.Auc)];

    /// <summary>The grammar, for messages and help.</summary>
    public const string Grammar =
        "OBS@TIME (value), OBS_change@TIME (change from time 0), OBS_peak, OBS_trough, OBS_peak_rise (peak minus time-0 value), OBS_auc, " +
        "response@TIME or remission@TIME (MADRS; the share on a cohort); TIME with a unit, e.g. 24h, 28d, 16w";

    /// <summary>True when the metric needs the whole curve (a dense output grid), not only values at its time.</summary>
    public bool NeedsWholeCurve => Statistic is MetricStatistic.Peak or MetricStatistic.Trough or MetricStatistic.PeakRise or MetricStatistic.Auc;

    /// <summary>True for the metrics that have a time.</summary>
    public bool HasTime => !NeedsWholeCurve;

    /// <summary>
    /// Parses <paramref name="text"/> against the model's <paramref name="observables"/>. Errors name
    /// <paramref name="file"/> and <paramref name="field"/>, the value, the nearest observable, and the grammar.
    /// </summary>
    public static OutputMetric Parse(string text, IReadOnlyCollection<string> observables, string file, string field)
    {
        var t = text.Trim();
        if (t.Length == 0) throw Error(file, field, text, "the metric is empty");
        int at = t.IndexOf('@');
        if (at >= 0)
        {
            var name = t[..at].Trim();
            var timeText = t[(at + 1)..].Trim();
            if (!Units.TryParse(timeText, Units.Time, out var q, out var problem))
                throw Error(file, field, text, $"time '{timeText}': {problem}");
            double hours = q.InBaseUnit;
            if (!(hours >= 0) || !double.IsFinite(hours)) throw Error(file, field, text, $"time '{timeText}' must be 0 or later");
            var lower = name.ToLowerInvariant();
            if (lower is "response" or "remission")
            {
                RequireObservable(MadrsObservable, observables, file, field, text);
                return new OutputMetric(t, MadrsObservable, lower == "response" ? MetricStatistic.ResponseAt : MetricStatistic.RemissionAt, hours);
            }
            if (observables.Contains(name)) return new OutputMetric(t, name, MetricStatistic.ValueAt, hours);
            if (name.EndsWith("_change", StringComparison.Ordinal))
            {
                var obs = name[..^"_change".Length];
                RequireObservable(obs, observables, file, field, text);
                return new OutputMetric(t, obs, MetricStatistic.ChangeAt, hours);
            }
            RequireObservable(name, observables, file, field, text);
        }
        if (observables.Contains(t))
            throw Error(file, field, text, $"'{t}' needs a time or a statistic, e.g. {t}@24h, {t}_change@28d or {t}_peak");
        foreach (var (suffix, statistic) in WholeRunSuffixes)
        {
            if (!t.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var obs = t[..^suffix.Length];
            RequireObservable(obs, observables, file, field, text);
            return new OutputMetric(t, obs, statistic, double.NaN);
        }
        throw Error(file, field, text, $"'{t}' is not a metric{NearestName.Hint(t, observables)}");
    }

    private static void RequireObservable(string name, IReadOnlyCollection<string> observables, string file, string field, string text)
    {
        if (!observables.Contains(name))
            throw Error(file, field, text, $"the model has no observable '{name}'{NearestName.Hint(name, observables)}");
    }

    private static InputException Error(string file, string field, string value, string problem) =>
        new(file, 0, field, value, problem, Grammar);

    /// <summary>The metric on one curve (<paramref name="timesHours"/> ascending, starting at 0).</summary>
    public double Evaluate(ReadOnlySpan<double> timesHours, ReadOnlySpan<double> values)
    {
        switch (Statistic)
        {
            case MetricStatistic.ValueAt: return At(timesHours, values, TimeHours);
            case MetricStatistic.ChangeAt: return At(timesHours, values, TimeHours) - values[0];
            case MetricStatistic.ResponseAt: return At(timesHours, values, TimeHours) <= 0.5 * values[0] ? 1 : 0;
            case MetricStatistic.RemissionAt: return At(timesHours, values, TimeHours) <= Biology.Symptoms.Endpoints.KetamineRemissionMadrs ? 1 : 0;
        }
        double peak = double.NegativeInfinity, trough = double.PositiveInfinity, auc = 0;
        for (int k = 0; k < values.Length; k++)
        {
            peak = Math.Max(peak, values[k]);
            trough = Math.Min(trough, values[k]);
            if (k > 0) auc += 0.5 * (values[k] + values[k - 1]) * (timesHours[k] - timesHours[k - 1]);
        }
        return Statistic switch
        {
            MetricStatistic.Peak => peak,
            MetricStatistic.Trough => trough,
            MetricStatistic.PeakRise => peak - values[0],
            MetricStatistic.Auc => auc,
            _ => throw new InvalidOperationException($"Unhandled statistic {Statistic}."),
        };
    }

    /// <summary>Linear interpolation of the curve at <paramref name="hours"/> (the output grid includes the metric's times, so this is exact there).</summary>
    public static double At(ReadOnlySpan<double> t, ReadOnlySpan<double> y, double hours)
    {
        if (hours <= t[0]) return y[0];
        if (hours >= t[^1]) return y[^1];
        int hi = t.BinarySearch(hours);
        if (hi >= 0) return y[hi];
        hi = ~hi;
        double w = (hours - t[hi - 1]) / (t[hi] - t[hi - 1]);
        return y[hi - 1] + w * (y[hi] - y[hi - 1]);
    }

    public override string ToString() => Text;

    internal static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
