using KetaSim.Modeling.Analysis;

namespace KetaSim.IO.Output;

/// <summary>
/// The summary metrics of one output series. A terminal half-life describes a concentration that
/// declines towards zero; for a level that returns to a baseline (blood pressure, a score, a relative
/// rate) a log-linear fit means nothing, so it is left out (NaN → null / "n/a").
/// </summary>
public static class ObservableMetrics
{
    private static readonly HashSet<string> ConcentrationUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "ng/mL", "ug/L", "mg/L", "uM", "µM", "nM",
    };

    public static bool IsConcentration(string unit) => ConcentrationUnits.Contains(unit);

    public static ExposureSummary For(double[] timesHours, ObservableSeries series)
    {
        var m = ExposureMetrics.Compute(timesHours, series.Values);
        return IsConcentration(series.Unit) ? m : m with { TerminalHalfLifeHours = double.NaN, LambdaZPerHour = double.NaN, TerminalPoints = 0 };
    }
}
