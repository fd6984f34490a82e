using System.Text.Json;
using KetaSim.Biology.Dosing;
using KetaSim.Design.Schedule;

namespace KetaSim.Design.Tests.Schedule;

/// <summary>The built-in example (data/design/esketamine-maintenance-schedule.yaml) on the model, at a tiny cohort and grid.</summary>
public class EsketamineScheduleExampleTests
{
    internal static string ExampleFile
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "KetaSim.slnx")))
                    return Path.Combine(d.FullName, "data", "design", "esketamine-maintenance-schedule.yaml");
            throw new DirectoryNotFoundException("KetaSim.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public void Example_reads_with_the_label_reference_and_runs_deterministically_on_a_tiny_grid()
    {
        var full = ScheduleSpecReader.ReadFile(ExampleFile);
        Assert.Equal("esketamine", full.Drug);
        Assert.Equal(Route.Intranasal, full.Route);
        Assert.Equal(16 * 168, full.HorizonHours);
        Assert.Equal(12, full.Target.MadrsMax);
        Assert.Equal(42, full.Candidates().Count);   // 3 loading counts x 2 doses x (weekly + 2 starts x 3 longer intervals)
        Assert.NotNull(full.DoseHold);
        // The esketamine doses come from the designer; the base scenario keeps its escitalopram.
        Assert.All(full.Template.Doses, d => Assert.Equal("escitalopram", d.Compound));
        // The label over 16 weeks: twice weekly weeks 1-4 (days 0, 3, 7, 10, ...), weekly weeks 5-8, every other week to week 16.
        double[] labelDays = [0, 3, 7, 10, 14, 17, 21, 24, 28, 35, 42, 49, 56, 70, 84, 98];
        Assert.Equal(labelDays, full.Reference!.Sessions.Select(s => s.TimeHours / 24));

        var spec = full with
        {
            LoadingCounts = [4], LoadingSpacingsHours = [84], LoadingDoses = [DoseAmount.Mg(56)],
            MaintenanceIntervalsHours = [168], MaintenanceDoses = [DoseAmount.Mg(56)], StepDownFromHours = [8 * 168], StepDownIntervalsHours = [4 * 168],
        };
        Assert.Equal(["load 4x3.5 d 56 mg, then every 1 w 56 mg", "load 4x3.5 d 56 mg, then every 1 w 56 mg, every 4 w from 8 w"], spec.Candidates().Select(c => c.Label));
        var problem = spec.Problem(2);
        var evaluator = new ModelScheduleEvaluator(spec, problem, 2);
        var one = ScheduleSearch.Run(problem, spec.Candidates(), spec.Reference, evaluator.Evaluate, 1, cancel: TestContext.Current.CancellationToken);
        var two = ScheduleSearch.Run(problem, spec.Candidates(), spec.Reference, evaluator.Evaluate, 2, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(ScheduleWriter.BuildJson(spec, one, []).ToJsonString(), ScheduleWriter.BuildJson(spec, two, []).ToJsonString());

        // Weekly after 252 h: 4 + 14 sessions; stepping down to every 4 weeks from week 8: 4 + 6 weekly + 2.
        Assert.Equal([18, 12], one.Candidates.Select(c => c.Sessions));
        foreach (var c in one.Candidates.Append(one.Reference!))
        {
            Assert.All(c.MeanMadrs, m => Assert.InRange(m, 0.0, 60.0));
            Assert.All(c.RemissionShare, s => Assert.InRange(s, 0.0, 1.0));
            Assert.Equal(c.Sessions * problem.CohortSize, c.SessionsGiven + c.SessionsHeld);
            Assert.True(c.MeanLargestSystolicRiseMmHg > 0, "esketamine raises systolic BP at every session");
        }
        // Treatment lowers MADRS from the baseline by week 4 under every schedule.
        Assert.All(one.Candidates, c => Assert.True(c.MeanMadrs[3] < 30, $"{c.Regimen.Label}: {c.MeanMadrs[3]}"));

        using var dir = new TempFolder();
        var files = ScheduleWriter.Write(dir.Path, spec, one, evaluator.RegimenWarnings(one.Best.Regimen));
        Assert.All(files, f => Assert.True(new FileInfo(Path.Combine(dir.Path, f)).Length > 0, f));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, ScheduleWriter.JsonName)));
        Assert.Equal(16, json.RootElement.GetProperty("reference").GetProperty("sessions").GetInt32());
        var csv = File.ReadAllLines(Path.Combine(dir.Path, ScheduleWriter.CsvName));
        Assert.Equal(1 + 2 + 1, csv.Length);
        Assert.StartsWith("reference,", csv[^1]);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ketasim-schedule-test-").FullName;
        public void Dispose() => Directory.Delete(Path, true);
    }
}
