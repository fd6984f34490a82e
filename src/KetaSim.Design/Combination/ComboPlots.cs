using KetaSim.IO.Output;
using ScottPlot;

namespace KetaSim.Design.Combination;

/// <summary>The isobologram (doses on the target isobole against Loewe additivity) and the Pareto plot (effect against burden).</summary>
public static class ComboPlots
{
    private const int Width = 1000, Height = 720, PanelSize = 520;

    /// <summary>The points on the target isobole: ray solutions that reach the target within the tolerance.</summary>
    public static IReadOnlyList<ComboPoint> IsobolePoints(ComboResult r) => r.Points
        .Where(x => x.Stage is ComboStage.Isobole or ComboStage.Refine && x.Reaches && Math.Abs(x.Effect - r.Problem.TargetEffect) <= Math.Max(r.Problem.Tolerance, 1e-9) * 1.01)
        .ToArray();

    private static string Title(ComboReport report, string what) =>
        $"{report.Spec.Name}: {what}" + (report.IllustrativeCompounds.Count > 0 ? "\nILLUSTRATIVE compounds: not predictions for real drugs" : "");

    public static void Isobologram(string path, ComboReport report)
    {
        var r = report.Result;
        var p = r.Problem;
        int k = p.Compounds.Count;
        var iso = IsobolePoints(r);
        if (k < 2)
        {
            var plot = new Plot();
            plot.Title(Title(report, "one compound: no isobologram"), size: 14);
            plot.SavePng(path, Width, 400);
            return;
        }
        var pairs = new List<(int I, int J)>();
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++) pairs.Add((i, j));
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        for (int n = 0; n < pairs.Count; n++)
        {
            var plot = n == 0 ? multiplot.GetPlot(0) : multiplot.AddPlot();
            DrawPair(plot, r, iso, pairs[n].I, pairs[n].J, n == 0 ? report : null, k);
        }
        // Every panel gets the same top margin (the first carries the figure's title lines), so the axes line up.
        foreach (var plot in multiplot.GetPlots()) plot.Layout.Fixed(new PixelPadding(70, 20, 55, report.IllustrativeCompounds.Count > 0 ? 95 : 75));
        multiplot.SavePng(path, Math.Max(PanelSize * pairs.Count, 640), PanelSize + 100);
    }

    private static void DrawPair(Plot plot, ComboResult r, IReadOnlyList<ComboPoint> iso, int i, int j, ComboReport? titled, int k)
    {
        var p = r.Problem;
        string Axis(int c) => $"{p.Compounds[c].Label}: dose / solo effective dose" + (r.Solo[c].Reached ? "" : " (range top: bound)");
        // Normalised doses: Loewe additivity of the pair alone is the line x + y = 1 (with k > 2 the others' share lowers it).
        var xs = iso.Select(x => x.Fractions[i]).ToArray();
        var ys = iso.Select(x => x.Fractions[j]).ToArray();
        var additivity = plot.Add.Line(1, 0, 0, 1);
        additivity.LineWidth = 2;
        additivity.Color = Colors.Gray;
        additivity.LinePattern = LinePattern.Dashed;
        additivity.LegendText = "Loewe additivity of the pair (x + y = 1)";
        if (xs.Length > 0)
        {
            var pts = plot.Add.ScatterPoints(xs, ys);
            pts.Color = PanelFigure.ColorOf(0);
            pts.MarkerSize = 7;
            pts.LegendText = k == 2 ? "target isobole (model)" : "target isobole points (projection)";
        }
        double f = p.LowDoseFraction;
        var box = plot.Add.Rectangle(0, f, 0, f);
        box.FillStyle.Color = PanelFigure.ColorOf(2).WithAlpha(0.15);
        box.LineStyle.Color = PanelFigure.ColorOf(2);
        box.LegendText = $"each at most {ComboAnalysis.Fraction(f)} of solo";
        if (r.BestPoint is { } b)
        {
            var m = plot.Add.Marker(b.Fractions[i], b.Fractions[j], MarkerShape.FilledDiamond, 14, PanelFigure.ColorOf(1));
            m.LegendText = $"least burden (CI {ComboAnalysis.F(b.CiLow)}{(b.CiHigh > b.CiLow + 1e-9 ? $"-{ComboAnalysis.F(b.CiHigh)}" : "")})";
        }
        if (r.Verdict.LowDosePoint is { } l && l != r.Best)
        {
            var m = plot.Add.Marker(r.Points[l].Fractions[i], r.Points[l].Fractions[j], MarkerShape.FilledSquare, 12, PanelFigure.ColorOf(3));
            m.LegendText = "least burden, low-dose";
        }
        double hi = Math.Max(1.1, Math.Min(3, xs.Concat(ys).DefaultIfEmpty(1).Max() * 1.05));
        plot.Axes.SetLimits(0, hi, 0, hi);
        plot.XLabel(Axis(i), size: 12);
        plot.YLabel(Axis(j), size: 12);
        string pair = $"{p.Compounds[i].Label} / {p.Compounds[j].Label}";
        plot.Title(titled is null ? pair : $"{titled.Spec.Name}\nisobologram at {p.EffectMetric} = {ComboAnalysis.F(p.TargetEffect)}" +
            (titled.IllustrativeCompounds.Count > 0 ? "\nILLUSTRATIVE compounds" : "") + $"\n{pair}", size: 13);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontSize = 11;
    }

    public static void Pareto(string path, ComboReport report)
    {
        var r = report.Result;
        var p = r.Problem;
        var plot = new Plot();
        var other = r.Points.Where(x => !x.Reaches).ToArray();
        var reaching = r.Points.Where(x => x.Reaches && !x.OnPareto).ToArray();
        if (other.Length > 0)
        {
            var s = plot.Add.ScatterPoints(other.Select(x => x.Effect).ToArray(), other.Select(x => x.Burden).ToArray());
            s.Color = Colors.Gray.WithAlpha(0.5);
            s.MarkerSize = 4;
            s.LegendText = "short of the target";
        }
        if (reaching.Length > 0)
        {
            var s = plot.Add.ScatterPoints(reaching.Select(x => x.Effect).ToArray(), reaching.Select(x => x.Burden).ToArray());
            s.Color = PanelFigure.ColorOf(0).WithAlpha(0.6);
            s.MarkerSize = 5;
            s.LegendText = "reaches the target";
        }
        if (r.Pareto.Count > 0)
        {
            var front = r.Pareto.Select(i => r.Points[i]).OrderBy(x => x.Effect).ToArray();
            var s = plot.Add.Scatter(front.Select(x => x.Effect).ToArray(), front.Select(x => x.Burden).ToArray());
            s.Color = PanelFigure.ColorOf(1);
            s.LineWidth = 2;
            s.MarkerSize = 7;
            s.LegendText = "Pareto front (effect vs burden)";
        }
        var target = plot.Add.VerticalLine(p.TargetEffect, 1.5f, Colors.Black, LinePattern.Dashed);
        target.LegendText = $"target {p.EffectMetric} = {ComboAnalysis.F(p.TargetEffect)}";
        if (r.Reference is { } rf)
        {
            var m = plot.Add.Marker(rf.Outcome.Effect, rf.Burden, MarkerShape.FilledTriangleUp, 14, Colors.Black);
            m.LegendText = $"{rf.Label} (burden {ComboAnalysis.F(rf.Burden)})";
        }
        if (r.BestPoint is { } b)
        {
            var m = plot.Add.Marker(b.Effect, b.Burden, MarkerShape.FilledDiamond, 14, PanelFigure.ColorOf(2));
            m.LegendText = $"best combination (burden {ComboAnalysis.F(b.Burden)})";
        }
        if (r.Verdict.LowDosePoint is { } l && l != r.Best)
        {
            var m = plot.Add.Marker(r.Points[l].Effect, r.Points[l].Burden, MarkerShape.FilledSquare, 11, PanelFigure.ColorOf(3));
            m.LegendText = $"best with each dose <= {ComboAnalysis.Fraction(p.LowDoseFraction)} of solo (burden {ComboAnalysis.F(r.Points[l].Burden)})";
        }
        plot.XLabel($"{p.EffectMetric} ({(p.Sense == EffectSense.LowerIsBetter ? "lower" : "higher")} is better)", size: 13);
        plot.YLabel("weighted side-effect burden", size: 13);
        plot.Title(Title(report, "effect against side-effect burden") + "\nburden = " +
            string.Join(" + ", p.Burden.Select(t => $"{ComboAnalysis.F(t.Weight)}·{t.Metric}")) + " (each as harm above drug-free)", size: 13);
        plot.Legend.IsVisible = true;
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width + 300, Height);
    }
}
