using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;
using ScottPlot;

namespace KetaSim.IO.Output;

public static partial class TrialPlots
{
    public const string SafetyFile = "safety.png";

    /// <summary>The subject-level safety shares drawn (measure key in <see cref="SafetyTally.Shares"/>, label).</summary>
    private static readonly (string Measure, string Label)[] SafetyMeasures =
    [
        ("sbp_rise", "SBP rise"), ("dbp_rise", "DBP rise"), ("bp_absolute", "BP peak over line"), ("dissociation", "dissociation"), ("sedation", "sedation"),
    ];

    /// <summary>
    /// safety.png: per arm, the share of dosed subjects with at least one session meeting each safety criterion, with Wilson
    /// 95% intervals; bars grouped by criterion, one colour per arm. Null (nothing written) when no arm has safety endpoints.
    /// </summary>
    public static string? WriteSafety(string directory, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var arms = result.Arms.Select((a, i) => (a, i)).Where(x => x.a.Safety is not null).ToArray();
        if (arms.Length == 0) return null;
        var plot = new Plot();
        double width = 0.8 / arms.Length;
        for (int k = 0; k < arms.Length; k++)
        {
            var (arm, index) = arms[k];
            var shares = arm.Safety!.Value.Shares().Where(s => s.Level == "subject").ToDictionary(s => s.Measure, s => s.Count);
            var bars = new List<Bar>();
            var ex = new List<double>();
            var ey = new List<double>();
            var lo = new List<double>();
            var hi = new List<double>();
            for (int m = 0; m < SafetyMeasures.Length; m++)
            {
                var c = shares[SafetyMeasures[m].Measure];
                if (c.Trials == 0) continue;
                var ci = c.WilsonInterval();
                double x = m + (k - (arms.Length - 1) / 2.0) * width;
                bars.Add(new Bar { Position = x, Value = 100 * c.Proportion, FillColor = PanelFigure.ColorOf(index), Size = width * 0.9 });
                ex.Add(x);
                ey.Add(100 * c.Proportion);
                lo.Add(100 * (c.Proportion - ci.Lower));
                hi.Add(100 * (ci.Upper - c.Proportion));
            }
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = arm.Name;
            if (ex.Count == 0) continue;
            // Asymmetric Wilson intervals as error bars over the bars.
            var errors = plot.Add.ErrorBar([.. ex], [.. ey], [.. ex.Select(_ => 0.0)]);
            errors.YErrorNegative = [.. lo];
            errors.YErrorPositive = [.. hi];
            errors.Color = Colors.Black;
            errors.LineWidth = 1.5f;
            errors.CapSize = 5;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, SafetyMeasures.Length).Select(m => (double)m)], [.. SafetyMeasures.Select(s => s.Label)]);
        plot.Title($"{result.Trial}: subjects with at least one session meeting the criterion (95% Wilson CI)", size: 15);
        plot.YLabel("subjects dosed (%)", size: 13);
        plot.Axes.Margins(bottom: 0);
        ShowLegend(plot);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, SafetyFile);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
