using System.Text;
using ScottPlot;

namespace KetaSim.IO.Output;

/// <summary>
/// One PNG per group of observables that share a unit (all ng/mL concentrations on one plot, an
/// occupancy on another), so every curve on a plot is read against the same labelled axis.
/// </summary>
public static class TimecoursePlots
{
    public const int Width = 1000;
    public const int Height = 600;

    /// <summary>Writes the plots into <paramref name="directory"/>; returns the file names written.</summary>
    public static IReadOnlyList<string> Write(string directory, RunResult run)
    {
        run.Validate();
        var written = new List<string>();
        var axis = TimeAxis.For(run.TimesHours);
        var xs = axis.Convert(run.TimesHours);
        foreach (var group in run.Series.GroupBy(s => s.Unit))
        {
            var plot = new Plot();
            foreach (var s in group)
            {
                var line = plot.Add.ScatterLine(xs, s.Values);
                line.LegendText = s.Name;
                line.LineWidth = 2;
            }
            plot.Title($"{run.ScenarioName}: {GroupTitle(group.Key)}");
            plot.XLabel(axis.Label);
            plot.YLabel(string.IsNullOrEmpty(group.Key) ? "value" : $"{GroupTitle(group.Key)} ({group.Key})");
            plot.Axes.Margins(bottom: 0);
            plot.Axes.SetLimitsX(xs[0], xs[^1]);
            if (group.Count() > 1 || group.First().Name.Length > 0) plot.ShowLegend(Alignment.UpperRight);
            var name = $"plot_{Slug(group.Key)}.png";
            plot.SavePng(Path.Combine(directory, name), Width, Height);
            written.Add(name);
        }
        return written;
    }

    private static string GroupTitle(string unit) => unit switch
    {
        "ng/mL" or "ng/ml" or "mg/L" or "uM" or "nM" => "concentration",
        "1" or "" or "fraction" => "fraction",
        _ => "value",
    };

    /// <summary>A file-name-safe form of a unit: "ng/mL" becomes "ng_per_ml".</summary>
    public static string Slug(string unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) return "dimensionless";
        var sb = new StringBuilder();
        foreach (var ch in unit.Replace("/", "_per_", StringComparison.Ordinal).ToLowerInvariant())
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_');
        return sb.ToString().Trim('_');
    }
}
