using KetaSim.Population.Trials;
using ScottPlot;

namespace KetaSim.IO.Output;

/// <summary>
/// Analysis figures of a virtual trial (docs/trial-plots.md): mean change from baseline, response and remission
/// rates, Kaplan-Meier time to relapse and a sample of individual trajectories. Arm a has colour
/// <see cref="PanelFigure.ColorOf"/>(a) on every figure; every figure uses one time axis from t = 0 (first dose)
/// to the last visit, in the unit <see cref="AxisFor"/> picks.
/// </summary>
public static partial class TrialPlots
{
    public const string MeanChangeFile = "mean-change.png";
    public const string ResponseRatesFile = "response-rates.png";
    public const string RelapseFile = "relapse-km.png";
    public const string TrajectoriesFile = "trajectories.png";

    /// <summary>Pixel size of the one-panel figures (mean change, relapse, trajectories).</summary>
    public const int Width = 1100, Height = 620;

    /// <summary>Pixel size of response-rates.png (two stacked panels).</summary>
    public const int RatesWidth = 1100, RatesHeight = 820;

    /// <summary>Trials longer than this (h, 8 weeks) are drawn in weeks; shorter ones as <see cref="TimeAxis.For(double)"/> picks.</summary>
    public const double WeeksAboveHours = 8 * 168;

    /// <summary>Writes the trial's figures into directory (created if missing) and returns the written file paths.</summary>
    /// <remarks>relapse-km.png is written only when some arm has a relapse-evaluable subject; trajectories.png only when
    /// <paramref name="sample"/> holds a subject of one of the arms.</remarks>
    public static IReadOnlyList<string> Write(string directory, TrialResult result, IReadOnlyList<SubjectOutcome> sample)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sample);
        if (result.Arms is null || result.Arms.Count == 0)
            throw new ArgumentException($"Trial '{result.Trial}': the result has no arms to plot.", nameof(result));
        if (result.VisitTimesHours is null || result.VisitTimesHours.Count == 0)
            throw new ArgumentException($"Trial '{result.Trial}': the result has no visits to plot.", nameof(result));
        Directory.CreateDirectory(directory);
        var axis = AxisFor(result);
        var written = new List<string>();

        string path = Path.Combine(directory, MeanChangeFile);
        DrawMeanChange(result, axis).SavePng(path, Width, Height);
        written.Add(path);

        path = Path.Combine(directory, ResponseRatesFile);
        DrawRates(result, axis, path);
        written.Add(path);

        var relapse = RelapseSeries(result);
        if (relapse.Count > 0)
        {
            path = Path.Combine(directory, RelapseFile);
            DrawRelapse(result, relapse, axis).SavePng(path, Width, Height);
            written.Add(path);
        }

        var trajectories = TrajectorySeries(result, sample);
        if (trajectories.Subjects.Count > 0)
        {
            path = Path.Combine(directory, TrajectoriesFile);
            DrawTrajectories(result, trajectories, axis).SavePng(path, Width, Height);
            written.Add(path);
        }
        if (WriteSafety(directory, result) is { } safety) written.Add(safety);
        if (WriteSuicidality(directory, result) is { } suicidality) written.Add(suicidality);
        return written;
    }

    /// <summary>The time axis of every figure of <paramref name="result"/>: weeks beyond 8 weeks, otherwise min, h or days by the span to the last visit.</summary>
    internal static TimeAxis AxisFor(TrialResult result)
    {
        double span = result.VisitTimesHours.Count > 0 ? result.VisitTimesHours[^1] : 0;
        return span > WeeksAboveHours ? new TimeAxis("wk", 168) : TimeAxis.For(span);
    }

    internal static string AxisLabel(TimeAxis axis) => axis.Unit switch
    {
        "min" => "time since first dose (min)",
        "h" => "time since first dose (h)",
        "d" => "time since first dose (days)",
        _ => "time since first dose (weeks)",
    };

    /// <summary>The relapse figure's x axis: time from the trial's relapse-time origin (the first dose in a parallel-arm trial).</summary>
    internal static string RelapseAxisLabel(TimeAxis axis) => AxisLabel(axis).Replace("time since first dose", "time to relapse or censoring", StringComparison.Ordinal);

    private static double Span(TrialResult result, TimeAxis axis) => Math.Max(result.VisitTimesHours[^1] / axis.HoursPerUnit, 1e-9);

    private static void Style(Plot plot, string title, string yLabel, TimeAxis axis, TrialResult result, bool xLabel = true, string? xLabelText = null)
    {
        plot.Title(title, size: 15);
        plot.YLabel(yLabel, size: 13);
        if (xLabel) plot.XLabel(xLabelText ?? AxisLabel(axis), size: 13);
        double span = Span(result, axis);
        plot.Axes.SetLimitsX(-0.03 * span, 1.03 * span);
    }

    /// <summary>The legend outside the data area (no curve hidden behind it): under the x axis, or in the right margin.</summary>
    private static void ShowLegend(Plot plot, Edge edge = Edge.Bottom)
    {
        plot.Legend.FontSize = 13;
        plot.ShowLegend(edge);
    }

    /// <summary>Lines with markers through each arm's finite points, and error bars where the interval is finite.
    /// Arms are shifted sideways by a small fraction of the span so their bars do not cover each other.</summary>
    private static void DrawArmPoints(Plot plot, IReadOnlyList<ArmPoints> series, int armCount, TimeAxis axis, double span, double scale, bool legend)
    {
        double dodge = armCount > 1 ? 0.007 * span : 0;
        foreach (var s in series)
        {
            var idx = Enumerable.Range(0, s.Values.Length).Where(i => double.IsFinite(s.Values[i])).ToArray();
            if (idx.Length == 0) continue;
            double offset = (s.ArmIndex - (armCount - 1) / 2.0) * dodge;
            var color = PanelFigure.ColorOf(s.ArmIndex);
            var xs = idx.Select(i => s.TimesHours[i] / axis.HoursPerUnit + offset).ToArray();
            var ys = idx.Select(i => s.Values[i] * scale).ToArray();

            var withCi = Enumerable.Range(0, idx.Length).Where(k => double.IsFinite(s.Lower[idx[k]]) && double.IsFinite(s.Upper[idx[k]])
                && s.Upper[idx[k]] > s.Lower[idx[k]]).ToArray();
            if (withCi.Length > 0)
            {
                var bars = plot.Add.ErrorBar(withCi.Select(k => xs[k]).ToArray(), withCi.Select(k => ys[k]).ToArray(),
                    withCi.Select(_ => 0.0).ToArray());
                bars.YErrorNegative = withCi.Select(k => ys[k] - s.Lower[idx[k]] * scale).ToArray();
                bars.YErrorPositive = withCi.Select(k => s.Upper[idx[k]] * scale - ys[k]).ToArray();
                bars.Color = color;
                bars.LineWidth = 1.5f;
                bars.CapSize = 5;
            }

            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = legend ? s.Legend : "";
        }
    }

    private static Plot DrawMeanChange(TrialResult result, TimeAxis axis)
    {
        var plot = new Plot();
        var series = MeanChangeSeries(result);
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        DrawArmPoints(plot, series, result.Arms.Count, axis, Span(result, axis), 1, legend: true);
        Style(plot, $"{result.Trial}: MADRS change from baseline (mean and 95% CI, observed cases)",
            "MADRS change from baseline (points)", axis, result);
        var values = series.SelectMany(s => s.Values.Concat(s.Lower).Concat(s.Upper)).Where(double.IsFinite).Append(0).ToArray();
        double lo = values.Min(), hi = values.Max(), pad = Math.Max(0.06 * (hi - lo), 0.5);
        plot.Axes.SetLimitsY(lo - pad, hi + pad);
        ShowLegend(plot);
        return plot;
    }

    private static void DrawRates(TrialResult result, TimeAxis axis, string path)
    {
        var panels = new (string Title, string YLabel, IReadOnlyList<ArmPoints> Series)[]
        {
            ("(a) response", "responders (% of observed)", ProportionSeries(result, remission: false)),
            ("(b) remission", "remitters (% of observed)", ProportionSeries(result, remission: true)),
        };
        const float leftPad = 90, topPad = 34, firstTopPad = 62, innerBottom = 24, lastBottom = 56;
        int longest = panels[0].Series.Select(s => s.Legend.Length).DefaultIfEmpty(10).Max();
        float rightPad = Math.Clamp(8.5f * longest + 90, 200, 560); // legend column: ~8.5 px per character at 13 pt, plus swatch and padding
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Rows() };
        var plots = new List<Plot>();
        double span = Span(result, axis);
        for (int i = 0; i < panels.Length; i++)
        {
            bool first = i == 0, last = i == panels.Length - 1;
            var plot = first ? multiplot.GetPlot(0) : multiplot.AddPlot();
            DrawArmPoints(plot, panels[i].Series, result.Arms.Count, axis, span, 100, legend: first);
            string title = first ? $"{result.Trial}: responders and remitters (Wilson 95% CI, observed cases)\n{panels[i].Title}" : panels[i].Title;
            Style(plot, title, panels[i].YLabel, axis, result, xLabel: last);
            plot.Axes.SetLimitsY(-3, 103);
            if (!last) plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            if (first) ShowLegend(plot, Edge.Right);
            plot.Layout.Fixed(new PixelPadding(leftPad, rightPad, last ? lastBottom : innerBottom, first ? firstTopPad : topPad));
            plots.Add(plot);
        }
        multiplot.SharedAxes.ShareX(plots);
        multiplot.SavePng(path, RatesWidth, RatesHeight);
    }

    /// <summary>(x, y) of a right-continuous step function through (x_i, y_i), as corner points a straight-line fill can follow.</summary>
    private static (double[] X, double[] Y) Steps(double[] x, double[] y)
    {
        var xs = new List<double> { x[0] };
        var ys = new List<double> { y[0] };
        for (int i = 1; i < x.Length; i++)
        {
            xs.Add(x[i]); ys.Add(y[i - 1]);
            xs.Add(x[i]); ys.Add(y[i]);
        }
        return (xs.ToArray(), ys.ToArray());
    }

    private static Plot DrawRelapse(TrialResult result, IReadOnlyList<ArmSurvival> series, TimeAxis axis)
    {
        var plot = new Plot();
        double perDay = 24 / axis.HoursPerUnit;
        foreach (var s in series)
        {
            var color = PanelFigure.ColorOf(s.ArmIndex);
            var xs = s.TimesDays.Select(d => d * perDay).ToArray();
            // The band up to the first time it is undefined (S = 0: R prints NA there too).
            int defined = 0;
            while (defined < xs.Length && double.IsFinite(s.Lower[defined]) && double.IsFinite(s.Upper[defined])) defined++;
            if (defined >= 2)
            {
                var (bx, lo) = Steps(xs[..defined], s.Lower[..defined]);
                var (_, hi) = Steps(xs[..defined], s.Upper[..defined]);
                var band = plot.Add.FillY(bx, lo, hi);
                band.FillColor = color.WithAlpha(0.16);
                band.LineWidth = 0;
                band.LegendText = "";
            }
            var line = plot.Add.ScatterLine(xs, s.Survival, color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.LegendText = s.Legend;
            if (s.CensoredDays.Length > 0)
            {
                var ticks = plot.Add.Markers(s.CensoredDays.Select(d => d * perDay).ToArray(), s.CensoredSurvival, MarkerShape.VerticalBar, 12, color);
                ticks.LegendText = "";
            }
        }
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "censored (last observed visit)",
            LineWidth = 0,
            MarkerShape = MarkerShape.VerticalBar,
            MarkerSize = 12,
            MarkerLineWidth = 1.5f,
            MarkerColor = Colors.Black,
        });
        Style(plot, $"{result.Trial}: time to relapse (Kaplan-Meier, 95% CI)", "relapse-free (proportion of evaluable)", axis, result,
            xLabelText: RelapseAxisLabel(axis));
        plot.Axes.SetLimitsY(-0.02, 1.05);
        ShowLegend(plot);
        return plot;
    }

    private static Plot DrawTrajectories(TrialResult result, TrajectoryData data, TimeAxis axis)
    {
        var plot = new Plot();
        foreach (var s in data.Subjects)
        {
            var xs = s.TimesHours.Select(h => h / axis.HoursPerUnit).ToArray();
            var color = PanelFigure.ColorOf(s.ArmIndex).WithAlpha(0.35);
            var line = xs.Length > 1 ? plot.Add.ScatterLine(xs, s.Scores, color) : plot.Add.ScatterPoints(xs, s.Scores, color);
            line.LineWidth = 1;
            line.MarkerSize = xs.Length > 1 ? 0 : 3;
            line.LegendText = "";
        }
        foreach (var m in data.Means)
        {
            var idx = Enumerable.Range(0, m.Values.Length).Where(i => double.IsFinite(m.Values[i])).ToArray();
            var xs = idx.Select(i => m.TimesHours[i] / axis.HoursPerUnit).ToArray();
            var ys = idx.Select(i => m.Values[i]).ToArray();
            var halo = plot.Add.ScatterLine(xs, ys, Colors.White);
            halo.LineWidth = 7;
            halo.LegendText = "";
            var line = plot.Add.Scatter(xs, ys, PanelFigure.ColorOf(m.ArmIndex));
            line.LineWidth = 3;
            line.MarkerSize = 9;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = m.Legend;
        }
        Style(plot, $"{result.Trial}: individual MADRS ratings (thin lines end at dropout) and arm means",
            "MADRS (points, 0-60)", axis, result);
        double top = data.Subjects.SelectMany(s => s.Scores).DefaultIfEmpty(40).Max();
        plot.Axes.SetLimitsY(0, Math.Min(62, top + 4));
        ShowLegend(plot);
        return plot;
    }
}
