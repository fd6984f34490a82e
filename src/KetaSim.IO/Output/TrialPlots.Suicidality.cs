using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;
using ScottPlot;

namespace KetaSim.IO.Output;

public static partial class TrialPlots
{
    public const string SuicidalityFile = "suicidality.png";

    /// <summary>
    /// suicidality.png (trials with suicidality endpoints): (a) per arm the mean change of MADRS item 10 from baseline with
    /// its 95% t interval, (b) the share of observed subjects with item 10 at or below the trial's threshold, with Wilson
    /// 95% intervals; observed cases, on the time axis of the other figures. Null when the trial rates no suicidality.
    /// </summary>
    public static string? WriteSuicidality(string directory, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Arms.Any(a => a.Visits.Any(v => v.Suicidality is not null))) return null;
        var axis = AxisFor(result);
        var change = new List<ArmPoints>();
        var low = new List<ArmPoints>();
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            int n = arm.Visits.Count;
            var t = new double[n + 1];
            var y = new double[n + 1];
            var lo = new double[n + 1];
            var hi = new double[n + 1];
            var tl = new double[n];
            var pl = new double[n];
            var pll = new double[n];
            var plh = new double[n];
            for (int v = 0; v < n; v++)
            {
                var visit = arm.Visits[v];
                t[v + 1] = tl[v] = visit.TimeHours;
                if (visit.Suicidality is not { } s)
                {
                    y[v + 1] = lo[v + 1] = hi[v + 1] = pl[v] = pll[v] = plh[v] = double.NaN;
                    continue;
                }
                var c = s.Item10Change;
                var ci = c.Count > 1 ? c.MeanInterval() : new ConfidenceInterval(double.NaN, double.NaN);
                (y[v + 1], lo[v + 1], hi[v + 1]) = (c.Count > 0 ? c.Mean : double.NaN, ci.Lower, ci.Upper);
                var w = s.Item10Low.Trials > 0 ? s.Item10Low.WilsonInterval() : new ConfidenceInterval(double.NaN, double.NaN);
                (pl[v], pll[v], plh[v]) = (s.Item10Low.Proportion, w.Lower, w.Upper);
            }
            change.Add(new ArmPoints(arm.Name, a, ArmLegend(arm), t, y, lo, hi));
            low.Add(new ArmPoints(arm.Name, a, ArmLegend(arm), tl, pl, pll, plh));
        }
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Rows() };
        double span = Span(result, axis);
        var top = multiplot.GetPlot(0);
        top.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        DrawArmPoints(top, change, result.Arms.Count, axis, span, 1, legend: true);
        Style(top, $"{result.Trial}: MADRS item 10, suicidal thoughts\n(a) change from baseline (mean, 95% CI; observed cases; not a risk prediction)",
            "item 10 change (points)", axis, result, xLabel: false);
        var values = change.SelectMany(s => s.Values.Concat(s.Lower).Concat(s.Upper)).Where(double.IsFinite).Append(0).ToArray();
        double ymin = values.Min(), ymax = values.Max(), pad = Math.Max(0.06 * (ymax - ymin), 0.1);
        top.Axes.SetLimitsY(ymin - pad, ymax + pad);
        top.Axes.Bottom.TickLabelStyle.IsVisible = false;
        ShowLegend(top, Edge.Right);
        var bottom = multiplot.AddPlot();
        DrawArmPoints(bottom, low, result.Arms.Count, axis, span, 100, legend: false);
        Style(bottom, "(b) item 10 at or below the trial's threshold (Wilson 95% CI)", "subjects (% of observed)", axis, result, xLabel: true);
        bottom.Axes.SetLimitsY(-3, 103);
        int longest = change.Select(s => s.Legend.Length).DefaultIfEmpty(10).Max();
        float rightPad = Math.Clamp(8.5f * longest + 90, 200, 560);
        top.Layout.Fixed(new PixelPadding(90, rightPad, 24, 62));
        bottom.Layout.Fixed(new PixelPadding(90, rightPad, 56, 34));
        multiplot.SharedAxes.ShareX([top, bottom]);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, SuicidalityFile);
        multiplot.SavePng(path, RatesWidth, RatesHeight);
        return path;
    }
}
