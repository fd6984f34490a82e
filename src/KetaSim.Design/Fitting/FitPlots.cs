using KetaSim.IO.Output;
using ScottPlot;

namespace KetaSim.Design.Fitting;

/// <summary>The fit's diagnostic figures: one panel per observable (or per parameter for the profiles), colours by experiment.</summary>
internal static class FitPlots
{
    private const int Width = 900, PanelHeight = 300;

    /// <summary>Observed against predicted, with the identity line.</summary>
    public static void ObservedVsPredicted(string path, ScenarioFitResult r)
    {
        Panels(path, Observables(r), (plot, observable, i) =>
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var (e, colour) in Experiments(r))
            {
                var idx = Indices(r, e, observable);
                if (idx.Length == 0) continue;
                var xs = idx.Select(k => r.Fit.Predictions[k]).ToArray();
                var ys = idx.Select(k => r.Problem.Observations[k].Value).ToArray();
                var points = plot.Add.ScatterPoints(xs, ys, colour);
                points.MarkerSize = 8;
                points.LegendText = e;
                lo = Math.Min(lo, Math.Min(xs.Min(), ys.Min()));
                hi = Math.Max(hi, Math.Max(xs.Max(), ys.Max()));
            }
            var line = plot.Add.Line(lo, lo, hi, hi);
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "identity";
            plot.Title($"({(char)('a' + i)}) {observable}: observed vs predicted", size: 14);
            plot.XLabel("predicted");
            plot.YLabel("observed");
        });
    }

    /// <summary>Standardised residuals over time, with 0 and ±2: weighted residuals divided by the SDs (weights sd) or by the estimated σ.</summary>
    public static void Residuals(string path, ScenarioFitResult r)
    {
        double divide = r.Problem.Data.SigmaKnown ? 1 : r.Fit.ResidualScale;
        Panels(path, Observables(r), (plot, observable, i) =>
        {
            foreach (var (e, colour) in Experiments(r))
            {
                var idx = Indices(r, e, observable);
                if (idx.Length == 0) continue;
                var points = plot.Add.ScatterPoints(idx.Select(k => r.Problem.Observations[k].TimeHours).ToArray(), idx.Select(k => r.Fit.Residuals[k] / divide).ToArray(), colour);
                points.MarkerSize = 8;
                points.LegendText = e;
            }
            plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Solid);
            plot.Add.HorizontalLine(2, 1, Colors.Gray, LinePattern.Dashed);
            plot.Add.HorizontalLine(-2, 1, Colors.Gray, LinePattern.Dashed);
            plot.Title($"({(char)('a' + i)}) {observable}: (observed − predicted) / {ScaleName(r)}", size: 14);
            plot.XLabel("time (h)");
            plot.YLabel("standardised residual");
        });
    }

    /// <summary>Each experiment's fitted curve over its whole scenario with its observations.</summary>
    public static void Curves(string path, ScenarioFitResult r)
    {
        Panels(path, Observables(r), (plot, observable, i) =>
        {
            string unit = "";
            foreach (var (fe, colour) in r.Experiments.Select((x, k) => (x, PanelFigure.ColorOf(k))))
            {
                var idx = Indices(r, fe.Experiment.Id, observable);
                if (idx.Length == 0) continue;
                var series = IO.Scenarios.ScenarioEngine.SeriesOf(fe.Run, observable);
                unit = series.Unit;
                var line = plot.Add.ScatterLine(fe.Run.Result.TimesHours.ToArray(), series.Values, colour);
                line.LineWidth = 2;
                line.LegendText = $"{fe.Experiment.Id} (fitted)";
                var points = plot.Add.ScatterPoints(idx.Select(k => r.Problem.Observations[k].TimeHours).ToArray(), idx.Select(k => r.Problem.Observations[k].Value).ToArray(), colour);
                points.MarkerSize = 8;
                points.LegendText = $"{fe.Experiment.Id} (observed)";
            }
            plot.Title($"({(char)('a' + i)}) {observable}: fitted model and observations", size: 14);
            plot.XLabel("time (h)");
            plot.YLabel(unit is "" or "1" ? "value" : unit);
        });
    }

    /// <summary>Each parameter's profile: Δ(−2 log L) against its value, the χ² threshold and the estimate.</summary>
    public static void Profiles(string path, ScenarioFitResult r)
    {
        var profiles = r.Fit.Profiles;
        Panels(path, profiles.Select(p => r.Fit.Estimates[p.Index].Parameter.Label).ToArray(), (plot, label, i) =>
        {
            var pr = profiles[i];
            var e = r.Fit.Estimates[pr.Index];
            var line = plot.Add.Scatter(pr.Points.Select(p => p.Value).ToArray(), pr.Points.Select(p => p.Delta).ToArray(), PanelFigure.ColorOf(0));
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = "profile";
            plot.Add.HorizontalLine(FitStatistics.ChiSquare95, 1, Colors.Red, LinePattern.Dashed).LegendText = "χ²(1) 95% threshold";
            plot.Add.VerticalLine(e.Value, 1, Colors.Gray, LinePattern.Dotted).LegendText = "estimate";
            plot.Title($"({(char)('a' + i)}) {label}: {pr.Flag}", size: 14);
            plot.XLabel($"{label} ({e.Parameter.Unit})");
            plot.YLabel("Δ(−2 log L)");
        });
    }

    private static void Panels(string path, IReadOnlyList<string> keys, Action<Plot, string, int> draw)
    {
        var multiplot = new Multiplot();
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        for (int i = 0; i < keys.Count; i++)
        {
            var plot = i == 0 ? multiplot.GetPlot(0) : multiplot.AddPlot();
            draw(plot, keys[i], i);
            plot.Legend.FontSize = 12;
            plot.ShowLegend(Edge.Right);
        }
        multiplot.SavePng(path, Width, PanelHeight * Math.Max(1, keys.Count));
    }

    private static string[] Observables(ScenarioFitResult r) => r.Problem.Observations.Select(o => o.Observable).Distinct(StringComparer.Ordinal).ToArray();

    private static IEnumerable<(string Id, Color Colour)> Experiments(ScenarioFitResult r) =>
        r.Problem.Experiments.Select((e, k) => (e.Id, PanelFigure.ColorOf(k)));

    private static int[] Indices(ScenarioFitResult r, string experiment, string observable) =>
        Enumerable.Range(0, r.Problem.Observations.Count)
            .Where(k => r.Problem.Observations[k].Experiment == experiment && r.Problem.Observations[k].Observable == observable).ToArray();

    private static string ScaleName(ScenarioFitResult r) => r.Problem.Weights switch
    {
        Weighting.Sd => "SD",
        Weighting.Proportional => "(σ̂ |observed|)",
        _ => "σ̂",
    };
}
