using System.Text;
using KetaSim.IO.Output;
using ScottPlot;

namespace KetaSim.Design.Sensitivity;

/// <summary>
/// One figure per metric: a tornado of S, largest |S| on top (local); bars of S1 and ST with their 95% intervals
/// (Sobol'); μ* against σ with each parameter labelled (Morris). At most <see cref="MaxShown"/> parameters, the most
/// influential, are drawn (the <see cref="Labelled"/> largest named on the Morris plot); the CSV and JSON hold all of them.
/// </summary>
public static class SensitivityPlots
{
    public const int MaxShown = 30;

    /// <summary>Morris points labelled with their parameter: the most influential ones.</summary>
    public const int Labelled = 12;
    private const int Width = 1100;

    /// <summary>Writes the figures into <paramref name="directory"/>; returns their file names.</summary>
    public static IReadOnlyList<string> Write(string directory, SensitivityReport report)
    {
        var files = new List<string>();
        foreach (var m in report.Metrics)
        {
            string prefix = report.Method switch { SensitivityMethod.Local => "tornado", SensitivityMethod.Sobol => "sobol", _ => "morris" };
            string name = $"{prefix}_{Slug(m.Text)}.png";
            var plot = report.Method switch
            {
                SensitivityMethod.Local => Tornado(report, m.Text),
                SensitivityMethod.Sobol => SobolBars(report, m.Text),
                _ => MorrisScatter(report, m.Text),
            };
            plot.SavePng(Path.Combine(directory, name), Width, Height(report));
            files.Add(name);
        }
        return files;
    }

    /// <summary>A file-name-safe form of a metric: <c>madrs_change@28d</c> → <c>madrs_change_28d</c>.</summary>
    public static string Slug(string metric)
    {
        var sb = new StringBuilder();
        foreach (char c in metric) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        return sb.ToString();
    }

    private static int Height(SensitivityReport r) => r.Method == SensitivityMethod.Morris ? 700 : r.Method == SensitivityMethod.Sobol ? 620 : Math.Clamp(160 + 28 * Math.Min(r.Parameters.Count, MaxShown), 420, 1100);

    private static string Shown(int shown, int total) => shown < total ? $" (the {shown} largest of {total})" : "";

    private static Plot Tornado(SensitivityReport r, string metric)
    {
        var ranked = r.Ranked(metric, "S").Where(x => double.IsFinite(x.Value)).Take(MaxShown).ToArray();
        var plot = new Plot();
        var bars = ranked.Select((x, row) => new Bar
        {
            Position = ranked.Length - 1 - row,   // largest on top
            Value = x.Value,
            // Coloured by the direction of the change, dY/dθ, not by S (S < 0 also when Y is negative and rises).
            FillColor = r.Get(metric, x.Parameter, "dY/dtheta").Value >= 0 ? PanelFigure.ColorOf(0) : PanelFigure.ColorOf(1),
            Size = 0.7,
        }).ToList();
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        plot.Add.VerticalLine(0, 1, Colors.Black);
        LabelRows(plot, ranked.Select(x => x.Parameter).ToArray(), horizontal: true);
        plot.Title($"{r.Scenario}: local sensitivity of {metric}{Shown(ranked.Length, r.Parameters.Count)}\n" +
            $"S = (dY/Y)/(dθ/θ), central differences ±{r.Options.RelativeStep * 100:G3}%; blue: a larger value raises the metric, red: lowers it", size: 15);
        plot.XLabel("normalised sensitivity S", size: 13);
        return plot;
    }

    private static Plot SobolBars(SensitivityReport r, string metric)
    {
        var ranked = r.Ranked(metric, "ST").Take(MaxShown).ToArray();
        var plot = new Plot();
        string[] indices = ["S1", "ST"];
        for (int k = 0; k < 2; k++)
        {
            var rows = ranked.Select(x => r.Get(metric, x.Parameter, indices[k])).ToArray();
            var xs = rows.Select((_, i) => i + (k - 0.5) * 0.36).ToArray();
            var bp = plot.Add.Bars(rows.Select((x, i) => new Bar
            {
                Position = xs[i],
                Value = double.IsFinite(x.Value) ? x.Value : 0,
                FillColor = PanelFigure.ColorOf(k),
                Size = 0.34,
            }).ToList());
            bp.LegendText = k == 0 ? "first order S1" : "total order ST";
            var withCi = Enumerable.Range(0, rows.Length).Where(i => rows[i].HasInterval && double.IsFinite(rows[i].Value)).ToArray();
            if (withCi.Length == 0) continue;
            var errors = plot.Add.ErrorBar([.. withCi.Select(i => xs[i])], [.. withCi.Select(i => rows[i].Value)], [.. withCi.Select(_ => 0.0)]);
            errors.YErrorNegative = [.. withCi.Select(i => Math.Max(0, rows[i].Value - rows[i].Low))];
            errors.YErrorPositive = [.. withCi.Select(i => Math.Max(0, rows[i].High - rows[i].Value))];
            errors.Color = Colors.Black;
            errors.LineWidth = 1.5f;
            errors.CapSize = 5;
        }
        LabelRows(plot, ranked.Select(x => x.Parameter).ToArray(), horizontal: false);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 160;
        plot.Title($"{r.Scenario}: Sobol' indices of {metric}{Shown(ranked.Length, r.Parameters.Count)}\n" +
            $"N = {r.Options.N} (Saltelli sampling, {r.Evaluations} runs); whiskers: 95% bootstrap intervals", size: 15);
        plot.YLabel("share of the output variance", size: 13);
        plot.Legend.FontSize = 13;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static Plot MorrisScatter(SensitivityReport r, string metric)
    {
        var ranked = r.Ranked(metric, "mu_star").Take(MaxShown).ToArray();
        var plot = new Plot();
        for (int i = 0; i < ranked.Length; i++)
        {
            double x = ranked[i].Value, y = r.Get(metric, ranked[i].Parameter, "sigma").Value;
            plot.Add.Marker(x, y, MarkerShape.FilledCircle, 9, PanelFigure.ColorOf(i));
            if (i >= Labelled) continue;   // the crowd near the origin stays unlabelled
            var label = plot.Add.Text(ranked[i].Parameter, x, y);
            label.LabelFontSize = 12;
            label.LabelFontColor = PanelFigure.ColorOf(i);
            label.LabelOffsetX = 6;
            label.LabelOffsetY = -6;
        }
        double top = ranked.Select(x => Math.Max(x.Value, r.Get(metric, x.Parameter, "sigma").Value)).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        // σ = μ*: above it, the effect depends mostly on where the other parameters are (interactions, non-linearity).
        var guide = plot.Add.Line(0, 0, top, top);
        guide.LineColor = Colors.Gray;
        guide.LinePattern = LinePattern.Dashed;
        plot.Title($"{r.Scenario}: Morris screening of {metric}{Shown(ranked.Length, r.Parameters.Count)}\n" +
            $"{r.Options.N} trajectories, {r.Options.Levels} levels; dashed: σ = μ*", size: 15);
        plot.XLabel("μ* (mean |elementary effect|, per normalised range)", size: 13);
        plot.YLabel("σ (spread of elementary effects)", size: 13);
        plot.Axes.SetLimits(0, top * 1.3 + 1e-12, 0, top * 1.15 + 1e-12);
        return plot;
    }

    private static void LabelRows(Plot plot, string[] names, bool horizontal)
    {
        if (names.Length == 0) return;
        double[] positions = horizontal ? [.. names.Select((_, i) => (double)(names.Length - 1 - i))] : [.. names.Select((_, i) => (double)i)];
        var ticks = new ScottPlot.TickGenerators.NumericManual(positions, names);
        if (horizontal) plot.Axes.Left.TickGenerator = ticks;
        else plot.Axes.Bottom.TickGenerator = ticks;
    }
}
