using System.Collections.Concurrent;
using KetaSim.Biology.Calibration;
using KetaSim.IO.Output;
using KetaSim.Population.Definitions;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Output;

public class TrialPlotsTests
{
    /// <summary>
    /// Ketamine vs midazolam in trd-adult, 40 subjects over one week, with rater noise and dropout; relapse counted from
    /// the first visit (not only after remission) so the acute visits give relapse events.
    /// </summary>
    private static readonly Lazy<(TrialResult Result, SubjectOutcome[] Outcomes)> Trial = new(() =>
    {
        var trial = new TrialDefinition(
            "ketamine-vs-midazolam",
            PopulationLibrary.Get("trd-adult"),
            [
                new TrialArm("midazolam", MechanismScenarios.MidazolamTrd),
                new TrialArm("ketamine", MechanismScenarios.KetamineTrd),
            ],
            [4, 24, 72, 168],
            168)
        {
            Relapse = new RelapseRule(OnlyAfterRemission: false),
            MeasurementNoise = true,
            DropoutHazardPerWeek = 0.7,
        };
        var outcomes = new ConcurrentBag<SubjectOutcome>();
        var result = new TrialRunner(chunkSize: 8).Run(trial, 40, seed: 2026, onSubject: outcomes.Add);
        return (result, outcomes.OrderBy(o => o.Index).ToArray());
    });

    private static TrialResult WithoutRelapseData(TrialResult r) =>
        r with { Arms = r.Arms.Select(a => a with { RelapseDays = new EventCountTable() }).ToArray() };

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "ketasim-trial-plots-" + Guid.NewGuid().ToString("N"));

    /// <summary>Checks a PNG: signature, pixel size, and that it is not blank (grey-level variance, and enough non-white pixels).</summary>
    private static void AssertFigure(string path, int width, int height)
    {
        Assert.True(File.Exists(path), path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        using var image = new ScottPlot.Image(path);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        var grey = image.GetArrayGrayscale();
        double sum = 0, sumSq = 0, inked = 0, n = grey.Length;
        foreach (byte g in grey)
        {
            sum += g;
            sumSq += (double)g * g;
            if (g < 200) inked++;
        }
        double variance = sumSq / n - (sum / n) * (sum / n);
        Assert.True(variance > 300, $"{Path.GetFileName(path)}: grey variance {variance:F0} looks blank");
        Assert.True(inked / n > 0.01, $"{Path.GetFileName(path)}: only {inked / n:P2} of pixels are drawn");
    }

    /// <summary>Pixels within a small distance of an arm's colour: the arm is drawn in its colour.</summary>
    private static int PixelsOfColour(string path, ScottPlot.Color colour)
    {
        using var image = new ScottPlot.Image(path);
        var rgb = image.GetArrayRGB();
        int count = 0;
        for (int y = 0; y < rgb.GetLength(0); y++)
            for (int x = 0; x < rgb.GetLength(1); x++)
                if (Math.Abs(rgb[y, x, 0] - colour.R) + Math.Abs(rgb[y, x, 1] - colour.G) + Math.Abs(rgb[y, x, 2] - colour.B) < 30) count++;
        return count;
    }

    [Fact]
    public void Writes_all_four_figures_as_readable_pngs_in_arm_colours()
    {
        var (result, outcomes) = Trial.Value;
        var dir = TempDir();
        try
        {
            var files = TrialPlots.Write(Path.Combine(dir, "nested"), result, outcomes);
            Assert.Equal([TrialPlots.MeanChangeFile, TrialPlots.ResponseRatesFile, TrialPlots.RelapseFile, TrialPlots.TrajectoriesFile],
                files.Select(Path.GetFileName));
            foreach (var f in files)
            {
                bool rates = Path.GetFileName(f) == TrialPlots.ResponseRatesFile;
                AssertFigure(f, rates ? TrialPlots.RatesWidth : TrialPlots.Width, rates ? TrialPlots.RatesHeight : TrialPlots.Height);
                for (int a = 0; a < result.Arms.Count; a++)
                    Assert.True(PixelsOfColour(f, PanelFigure.ColorOf(a)) > 50, $"{Path.GetFileName(f)}: arm {result.Arms[a].Name} is not drawn in its colour");
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_suicidality_trial_adds_the_item_10_figure_in_arm_colours_and_others_do_not()
    {
        var trial = KetaSim.IO.Trials.TrialCatalog.Get(KetaSim.IO.Calibration.SuicidalityCalibration.SingleInfusionSuicidalIdeation);
        var result = new TrialRunner(chunkSize: 8).Run(trial, 24, 3);
        var dir = TempDir();
        try
        {
            var path = TrialPlots.WriteSuicidality(dir, result);
            Assert.Equal(TrialPlots.SuicidalityFile, Path.GetFileName(path));
            AssertFigure(path!, TrialPlots.RatesWidth, TrialPlots.RatesHeight);
            for (int a = 0; a < result.Arms.Count; a++)
                Assert.True(PixelsOfColour(path!, PanelFigure.ColorOf(a)) > 50, $"arm {result.Arms[a].Name} is not drawn in its colour");
            Assert.Null(TrialPlots.WriteSuicidality(Path.Combine(dir, "none"), Trial.Value.Result));
            Assert.False(Directory.Exists(Path.Combine(dir, "none")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Relapse_figure_is_skipped_without_relapse_evaluable_subjects_and_trajectories_without_a_sample()
    {
        var (result, _) = Trial.Value;
        var dir = TempDir();
        try
        {
            var files = TrialPlots.Write(dir, WithoutRelapseData(result), []);
            Assert.Equal([TrialPlots.MeanChangeFile, TrialPlots.ResponseRatesFile], files.Select(Path.GetFileName));
            Assert.False(File.Exists(Path.Combine(dir, TrialPlots.RelapseFile)));
            Assert.False(File.Exists(Path.Combine(dir, TrialPlots.TrajectoriesFile)));
            Assert.Empty(TrialPlots.RelapseSeries(WithoutRelapseData(result)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Mean_change_series_is_the_visit_summaries_after_a_baseline_point_at_zero()
    {
        var (result, _) = Trial.Value;
        var series = TrialPlots.MeanChangeSeries(result);
        Assert.Equal(result.Arms.Count, series.Count);
        for (int a = 0; a < series.Count; a++)
        {
            var s = series[a];
            var arm = result.Arms[a];
            Assert.Equal($"{arm.Name} (N = {arm.Randomised})", s.Legend);
            Assert.Equal([0.0, .. result.VisitTimesHours], s.TimesHours);
            Assert.Equal(0, s.Values[0]);
            for (int v = 0; v < arm.Visits.Count; v++)
            {
                Assert.True(arm.Visits[v].N > 1);
                Assert.Equal(arm.Visits[v].MeanChange, s.Values[v + 1]);
                Assert.Equal(arm.Visits[v].MeanChangeInterval.Lower, s.Lower[v + 1]);
                Assert.Equal(arm.Visits[v].MeanChangeInterval.Upper, s.Upper[v + 1]);
                Assert.True(s.Lower[v + 1] < s.Values[v + 1] && s.Values[v + 1] < s.Upper[v + 1]);
            }
        }
        // The mechanism: ketamine improves MADRS more than midazolam at 24 h.
        Assert.True(series[1].Values[2] < series[0].Values[2]);
    }

    [Fact]
    public void Rate_series_are_the_visit_proportions_with_their_wilson_intervals()
    {
        var (result, _) = Trial.Value;
        foreach (bool remission in new[] { false, true })
        {
            var series = TrialPlots.ProportionSeries(result, remission);
            for (int a = 0; a < series.Count; a++)
                for (int v = 0; v < result.VisitTimesHours.Count; v++)
                {
                    var visit = result.Arms[a].Visits[v];
                    var counter = remission ? visit.Remission : visit.Response;
                    var ci = remission ? visit.RemissionInterval : visit.ResponseInterval;
                    Assert.Equal(result.VisitTimesHours[v], series[a].TimesHours[v]);
                    Assert.Equal(counter.Proportion, series[a].Values[v]);
                    Assert.Equal(ci.Lower, series[a].Lower[v]);
                    Assert.Equal(ci.Upper, series[a].Upper[v]);
                    Assert.InRange(series[a].Values[v], 0, 1);
                }
        }
    }

    [Fact]
    public void Km_series_start_at_one_never_increase_and_stay_inside_their_band()
    {
        var (result, outcomes) = Trial.Value;
        var series = TrialPlots.RelapseSeries(result);
        Assert.NotEmpty(series);
        Assert.Contains(series, s => s.Survival[^1] < 1); // there are relapse events
        foreach (var s in series)
        {
            var table = result.Arms[s.ArmIndex].RelapseDays;
            Assert.Equal((0.0, 1.0), (s.TimesDays[0], s.Survival[0]));
            Assert.Equal(table.DistinctTimeCount + 1, s.TimesDays.Length);
            for (int i = 1; i < s.Survival.Length; i++)
            {
                Assert.True(s.TimesDays[i] > s.TimesDays[i - 1]);
                Assert.True(s.Survival[i] <= s.Survival[i - 1]);
                Assert.InRange(s.Survival[i], 0, 1);
                if (double.IsFinite(s.Lower[i])) Assert.InRange(s.Survival[i], s.Lower[i] - 1e-12, s.Upper[i] + 1e-12);
            }
            // The curve is the product-limit estimate of the arm's table; the table holds the arm's relapse-evaluable subjects.
            var km = KaplanMeierCurve.Estimate(table);
            Assert.Equal(km.Points.Select(p => p.Survival), s.Survival[1..]);
            Assert.Equal(table.Rows().Where(r => r.Censored > 0).Select(r => r.Time), s.CensoredDays);
            var arm = outcomes.Where(o => o.Arm == s.ArmIndex && o.RelapseEvaluable).ToArray();
            Assert.Equal(arm.Length, table.SubjectCount);
            Assert.StartsWith($"{s.Arm} (n = {arm.Length}, {arm.Count(o => o.RelapseHours is not null)} relapse", s.Legend);
            Assert.Contains(double.IsNaN(s.Median.Time) ? "median not reached" : "median ", s.Legend);
        }
    }

    [Fact]
    public void Trajectories_start_at_baseline_stop_at_dropout_and_the_means_are_of_the_drawn_subjects()
    {
        var (result, outcomes) = Trial.Value;
        var data = TrialPlots.TrajectorySeries(result, outcomes);
        Assert.Equal(outcomes.Length, data.Subjects.Count);
        var byIndex = outcomes.ToDictionary(o => o.Index);
        Assert.Contains(outcomes, o => o.Scores.Any(s => s is null)); // dropout happened, so the truncation is exercised
        foreach (var line in data.Subjects)
        {
            var o = byIndex[line.Index];
            int observed = o.Scores.TakeWhile(s => s is not null).Count();
            Assert.Equal(observed + 1, line.Scores.Length);
            Assert.Equal(o.Baseline, line.Scores[0]);
            Assert.Equal(0, line.TimesHours[0]);
            for (int v = 0; v < observed; v++)
            {
                Assert.Equal(o.Scores[v]!.Value, line.Scores[v + 1]);
                Assert.Equal(result.VisitTimesHours[v], line.TimesHours[v + 1]);
            }
        }
        foreach (var m in data.Means)
        {
            var arm = outcomes.Where(o => o.Arm == m.ArmIndex).ToArray();
            Assert.Equal(arm.Average(o => o.Baseline), m.Values[0], 12);
            for (int v = 0; v < result.VisitTimesHours.Count; v++)
            {
                var seen = arm.Where(o => o.Scores[v] is not null).Select(o => o.Scores[v]!.Value).ToArray();
                Assert.Equal(seen.Length > 0 ? seen.Average() : double.NaN, m.Values[v + 1], 12);
            }
        }
    }

    [Fact]
    public void Trajectories_draw_at_most_the_cap_per_arm_lowest_indices_first_and_skip_unknown_arms()
    {
        var (result, outcomes) = Trial.Value;
        var template = outcomes[0];
        var many = Enumerable.Range(0, 2 * TrialPlots.MaxTrajectoriesPerArm + 5)
            .Select(i => template with { Index = 1000 - i })
            .Append(template with { Index = 5000, Arm = 7, ArmName = "no such arm" })
            .ToArray();
        var data = TrialPlots.TrajectorySeries(result, many);
        Assert.Equal(TrialPlots.MaxTrajectoriesPerArm, data.Subjects.Count);
        Assert.All(data.Subjects, s => Assert.Equal(template.Arm, s.ArmIndex));
        Assert.Equal(many.Select(s => s.Index).Where(i => i < 5000).Order().Take(TrialPlots.MaxTrajectoriesPerArm), data.Subjects.Select(s => s.Index));
        Assert.EndsWith($"mean of the {TrialPlots.MaxTrajectoriesPerArm} shown", Assert.Single(data.Means).Legend);
    }

    [Theory]
    [InlineData(2, "min")]
    [InlineData(72, "h")]
    [InlineData(168, "d")]
    [InlineData(8 * 168, "d")]
    [InlineData(16 * 168, "wk")]
    public void Time_axis_unit_follows_the_last_visit(double lastVisitHours, string unit)
    {
        var (result, _) = Trial.Value;
        var axis = TrialPlots.AxisFor(result with { VisitTimesHours = [lastVisitHours / 2, lastVisitHours] });
        Assert.Equal(unit, axis.Unit);
        Assert.StartsWith("time since first dose (", TrialPlots.AxisLabel(axis));
        Assert.StartsWith("time to relapse or censoring (", TrialPlots.RelapseAxisLabel(axis));
    }

    [Fact]
    public void A_long_trial_is_drawn_in_weeks()
    {
        var (result, _) = Trial.Value;
        // The same summaries relabelled onto a 16-week schedule: only the axis changes.
        double[] weeks = [168, 4 * 168, 8 * 168, 16 * 168];
        var stretched = result with
        {
            VisitTimesHours = weeks,
            Arms = result.Arms.Select(a => a with { Visits = a.Visits.Select((v, i) => v with { TimeHours = weeks[i] }).ToArray() }).ToArray(),
        };
        var dir = TempDir();
        try
        {
            var files = TrialPlots.Write(dir, stretched, []);
            Assert.Equal("wk", TrialPlots.AxisFor(stretched).Unit);
            AssertFigure(files[0], TrialPlots.Width, TrialPlots.Height);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
