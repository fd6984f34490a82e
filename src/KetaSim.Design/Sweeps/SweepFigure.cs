using KetaSim.IO.Output;
using ScottPlot;

namespace KetaSim.Design.Sweeps;

/// <summary>One estimate in a sweep figure: its value and, where known, a 95% interval.</summary>
public readonly record struct SweepPoint(double Value, double Lower = double.NaN, double Upper = double.NaN);

/// <summary>One series of a panel (a trial arm, or the single series of a scenario comparison): one point per variant.</summary>
public sealed record SweepSeries(string Label, IReadOnlyList<SweepPoint> Points);

/// <summary>One panel: an output (a metric, an endpoint) across the variants.</summary>
public sealed record SweepPanel(string Title, string YLabel, IReadOnlyList<SweepSeries> Series);

/// <summary>
/// The comparison figure of a sweep: one panel per output, the variants along the x axis, each series a colour,
/// points with 95% interval whiskers where the output has one. Variants are categories, not a numeric axis, so
/// a factorial grid and listed combinations read the same way.
/// </summary>
public static class SweepFigure
{
    private const int PanelHeight = 260, Width = 1100;

    public static void Save(string path, string title, IReadOnlyList<string> variantLabels, IReadOnlyList<SweepPanel> panels)
    {
        if (panels.Count == 0) throw new ArgumentException("A figure needs at least one panel.", nameof(panels));
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Rows() };
        int longest = variantLabels.Max(l => l.Length);
        bool rotate = longest > 12;
        // Rotated labels need room below the last panel: about 4 px per character at 30 degrees.
        float bottom = rotate ? Math.Min(40 + 4.2f * longest, 320) : 40;
        bool legend = panels.Any(p => p.Series.Count > 1);
        float right = legend ? Math.Clamp(7.5f * panels.SelectMany(p => p.Series).Max(s => s.Label.Length) + 60, 160, 420) : 40;
        for (int p = 0; p < panels.Count; p++)
        {
            var plot = p == 0 ? multiplot.GetPlot(0) : multiplot.AddPlot();
            bool last = p == panels.Count - 1;
            Draw(plot, panels[p], variantLabels, p == 0 ? title : null, p, last, rotate);
            plot.Layout.Fixed(new PixelPadding(95, right, last ? bottom : 22, p == 0 ? 50 : 28));
        }
        int height = PanelHeight * panels.Count + (int)bottom;
        multiplot.SavePng(path, Width, height);
    }

    private static void Draw(Plot plot, SweepPanel panel, IReadOnlyList<string> labels, string? title, int index, bool last, bool rotate)
    {
        char letter = (char)('a' + index);
        plot.Title(title is null ? $"({letter}) {panel.Title}" : $"{title}\n({letter}) {panel.Title}", size: 14);
        plot.YLabel(panel.YLabel, size: 13);
        int n = panel.Series.Count;
        double width = n == 1 ? 0 : 0.6 / n;
        for (int s = 0; s < n; s++)
        {
            var series = panel.Series[s];
            var color = PanelFigure.ColorOf(s);
            var xs = new List<double>();
            var ys = new List<double>();
            var lo = new List<double>();
            var hi = new List<double>();
            for (int v = 0; v < series.Points.Count; v++)
            {
                var pt = series.Points[v];
                if (!double.IsFinite(pt.Value)) continue;
                double x = v + (s - (n - 1) / 2.0) * width;
                xs.Add(x);
                ys.Add(pt.Value);
                lo.Add(double.IsFinite(pt.Lower) ? pt.Value - pt.Lower : 0);
                hi.Add(double.IsFinite(pt.Upper) ? pt.Upper - pt.Value : 0);
            }
            if (xs.Count == 0) continue;
            var markers = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            markers.Color = color;
            markers.MarkerSize = 9;
            if (n > 1) markers.LegendText = series.Label;
            if (lo.Any(v => v > 0) || hi.Any(v => v > 0))
            {
                var errors = plot.Add.ErrorBar(xs.ToArray(), ys.ToArray(), new double[xs.Count]);
                errors.YErrorNegative = lo.ToArray();
                errors.YErrorPositive = hi.ToArray();
                errors.Color = color;
                errors.LineWidth = 1.5f;
                errors.CapSize = 5;
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, labels.Count).Select(v => (double)v)], [.. labels]);
        plot.Axes.Bottom.TickLabelStyle.IsVisible = last;
        plot.Axes.Bottom.TickLabelStyle.Rotation = rotate ? 30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = rotate ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
        if (n > 1)
        {
            plot.Legend.IsVisible = true;
            plot.Legend.FontSize = 12;
            plot.ShowLegend(Edge.Right);
        }
    }
}
