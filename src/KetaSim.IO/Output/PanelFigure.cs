using ScottPlot;

namespace KetaSim.IO.Output;

/// <summary>One curve on a panel: its legend text and values on the figure's time grid.</summary>
public sealed record PanelCurve(string Label, double[] Values)
{
    /// <summary>Line width in pixels; wider lines drawn first stay visible as a halo when curves coincide.</summary>
    public float Width { get; init; } = 2;
}

/// <summary>
/// One panel of a stacked figure: a title, a left axis with its curves and, optionally, a right axis for
/// curves in another unit (blood pressure and dissociation score on one safety panel).
/// </summary>
public sealed record FigurePanel(string Title, string YLabel, IReadOnlyList<PanelCurve> Curves)
{
    public string? RightYLabel { get; init; }
    public IReadOnlyList<PanelCurve> RightCurves { get; init; } = [];
}

/// <summary>
/// Panels stacked top to bottom on one shared time axis (ScottPlot multiplot, one row per panel), with
/// the same plot-area margins on every panel so the time axes line up.
/// </summary>
public static class PanelFigure
{
    /// <summary>Width of the data area; the figure adds the axis margin and a legend column sized to the longest label.</summary>
    public const int DataWidth = 760;
    public const int PanelHeight = 230;
    private const float LeftPad = 95, TopPad = 28, InnerBottomPad = 22, LastBottomPad = 52;

    /// <summary>Category10-like palette: distinct in print and for most colour-vision deficiencies.</summary>
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"),
        Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"),
    ];

    public static Color ColorOf(int index) => Palette[index % Palette.Length];

    /// <summary>Renders the panels into <paramref name="path"/> (PNG). The time grid is in hours.</summary>
    public static void Save(string path, string title, double[] timesHours, IReadOnlyList<FigurePanel> panels)
    {
        if (panels.Count == 0) throw new ArgumentException("A figure needs at least one panel.", nameof(panels));
        var axis = TimeAxis.For(timesHours);
        var xs = axis.Convert(timesHours);
        // Legend column: about 7.5 px per character at 12 pt, plus the swatch, the right axis and padding.
        int longest = panels.SelectMany(p => p.Curves.Concat(p.RightCurves)).Select(c => c.Label.Length).DefaultIfEmpty(10).Max();
        float rightPad = Math.Clamp(7.5f * longest + (panels.Any(p => p.RightCurves.Count > 0) ? 150 : 90), 200, 560);
        var multiplot = new Multiplot();
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        var plots = new List<Plot>();
        for (int i = 0; i < panels.Count; i++)
        {
            bool last = i == panels.Count - 1;
            var plot = i == 0 ? multiplot.GetPlot(0) : multiplot.AddPlot();
            Draw(plot, panels[i], xs, i == 0 ? title : null, i);
            plot.Axes.SetLimitsX(xs[0], xs[^1]);
            if (last) plot.XLabel(axis.Label);
            else plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Layout.Fixed(new PixelPadding(LeftPad, rightPad, last ? LastBottomPad : InnerBottomPad, TopPad + (i == 0 ? 22 : 0)));
            plots.Add(plot);
        }
        multiplot.SharedAxes.ShareX(plots);
        int height = PanelHeight * panels.Count + 22 + (int)(LastBottomPad - InnerBottomPad);
        multiplot.SavePng(path, (int)(LeftPad + DataWidth + rightPad), height);
    }

    private static void Draw(Plot plot, FigurePanel panel, double[] xs, string? figureTitle, int index)
    {
        // The panel's title sits in its top margin; the figure's title (first panel only) above it.
        char letter = (char)('a' + index);
        plot.Title(figureTitle is null ? $"({letter}) {panel.Title}" : $"{figureTitle}\n({letter}) {panel.Title}", size: 14);
        plot.YLabel(panel.YLabel, size: 13);
        int colour = 0;
        foreach (var c in panel.Curves) AddCurve(plot, c, xs, ColorOf(colour++), right: false);
        foreach (var c in panel.RightCurves) AddCurve(plot, c, xs, ColorOf(colour++), right: true);
        if (panel.RightCurves.Count > 0 && panel.RightYLabel is { } rl)
        {
            plot.Axes.Right.Label.Text = rl;
            plot.Axes.Right.Label.FontSize = 13;
        }
        FitY(plot, panel.Curves, plot.Axes.Left);
        if (panel.RightCurves.Count > 0) FitY(plot, panel.RightCurves, plot.Axes.Right);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.Legend.FontSize = 12;
        // Outside the data area, in the right margin, so no curve is hidden behind it.
        plot.ShowLegend(Edge.Right);
    }

    private static void AddCurve(Plot plot, PanelCurve curve, double[] xs, Color color, bool right)
    {
        var line = plot.Add.ScatterLine(xs, curve.Values);
        line.LegendText = curve.Label;
        line.LineWidth = curve.Width;
        line.Color = color;
        if (right)
        {
            line.Axes.YAxis = plot.Axes.Right;
            line.LinePattern = LinePattern.Dashed;
        }
    }

    /// <summary>Y limits from the data with 8 % headroom; a flat line gets a band around its value.</summary>
    private static void FitY(Plot plot, IReadOnlyList<PanelCurve> curves, ScottPlot.IYAxis yAxis)
    {
        var finite = curves.SelectMany(c => c.Values).Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return;
        double lo = finite.Min(), hi = finite.Max();
        double span = hi - lo;
        if (span < 1e-9 * Math.Max(1, Math.Abs(hi)))
        {
            double pad = Math.Abs(hi) > 0 ? Math.Abs(hi) * 0.1 : 1;
            (lo, hi) = (lo - pad, hi + pad);
        }
        else
        {
            // Non-negative data keep 0 in view when they come close to it (concentrations, rates).
            if (lo >= 0 && lo < 0.25 * hi) lo = 0;
            else lo -= 0.08 * span;
            hi += 0.08 * span;
        }
        yAxis.Range.Set(lo, hi);
        plot.Axes.SetLimitsY(lo, hi, yAxis);
    }
}
