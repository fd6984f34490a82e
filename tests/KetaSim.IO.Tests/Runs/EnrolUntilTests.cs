using System.Collections.Concurrent;
using KetaSim.IO.Input;
using KetaSim.IO.Runs;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

/// <summary>"Enrol until N subjects enter phase X": the first M subjects, M fixed by the N-th entrant, whatever the thread
/// count; the same result as a fixed run of M; stored, resumed and capped.</summary>
public sealed class EnrolUntilTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ketasim-enrol-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly string Text = PhasedTrialRunTests.Text + "\nenrol_until: { phase: maintenance, entered: 5 }\n";

    private static TrialDefinition Trial(string text) => TrialReader.Read(text, "enrol.yaml");

    [Fact]
    public void The_trial_is_the_first_M_subjects_up_to_the_Nth_entrant_and_equals_a_fixed_run_of_M()
    {
        var trial = Trial(Text);
        var run = new TrialRunner(chunkSize: 3).RunUntil(trial, 60, 5, maxThreads: 2);
        Assert.True(run.Reached);
        Assert.Equal(5, run.Entered);
        // By hand: simulate subjects one by one and stop at the 5th to enter maintenance.
        var runner = new TrialRunner(chunkSize: 3);
        int entered = 0, m = 0;
        while (entered < 5) if (runner.SimulateSubject(trial, 5, m++).PhasesEntered > 1) entered++;
        Assert.Equal(m, run.Enrolled);
        Assert.True(m > 5, "some subjects do not qualify, so more than 5 are enrolled");
        // The same statistics as a fixed run of M subjects, and the same for one thread.
        var fixedRun = new TrialRunner(chunkSize: 3).Run(trial with { EnrolUntil = null }, m, 5);
        Assert.Equal(TrialSummary.ToCsv(fixedRun), TrialSummary.ToCsv(run.Result));
        var one = new TrialRunner(chunkSize: 3).RunUntil(trial, 60, 5, maxThreads: 1);
        Assert.Equal(TrialSummary.ToJson(trial, run.Result), TrialSummary.ToJson(trial, one.Result));
        Assert.Contains("\"enrolment\"", TrialSummary.ToJson(trial, one.Result));
        Assert.Equal(5, run.Result.Phases[1].Entered);
    }

    [Fact]
    public void A_cap_reached_first_enrols_the_cap_and_says_so()
    {
        var trial = Trial(Text.Replace("entered: 5", "entered: 12", StringComparison.Ordinal));
        var run = new TrialRunner(chunkSize: 3).RunUntil(trial, 12, 5, maxThreads: 2);
        Assert.False(run.Reached);
        Assert.Equal(12, run.Enrolled);
        Assert.InRange(run.Entered, 1, 11);
        Assert.False(run.Result.Enrolment!.Reached);
    }

    [Fact]
    public void Stored_killed_and_resumed_it_equals_an_uninterrupted_run()
    {
        // 20 entrants take more than one round when not all subjects enter (the first round is 20 × 1.1 = 22).
        var text = Text.Replace("entered: 5", "entered: 20", StringComparison.Ordinal);
        var trial = Trial(text);
        var settings = new TrialRunSettings(60, 5, 3);
        TrialRunReport whole;
        using (var store = TrialStoreRun.Create(Path.Combine(_dir, "whole.duckdb"), trial, text, settings, "test"))
        {
            whole = TrialStoreRun.Run(store, trial, settings, threads: 2, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(whole.Enrolment!.Enrolled, store.CompletedSubjects.Count);   // subjects simulated past M are not stored
            Assert.Equal(whole.Enrolment.Enrolled - 1, store.CompletedSubjects.Max());
        }
        using var cts = new CancellationTokenSource();
        var path = Path.Combine(_dir, "resumed.duckdb");
        int calls = 0;
        using (var store = TrialStoreRun.Create(path, trial, text, settings, "test"))
        {
            // Cancel in the second round: the first round's kept subjects are committed.
            var e = Assert.ThrowsAny<OperationCanceledException>(() => TrialStoreRun.Run(store, trial, settings, threads: 1,
                simulated: n => { if (Interlocked.Increment(ref calls) >= 1) cts.Cancel(); }, cancellationToken: cts.Token));
        }
        using (var store = TrialStoreRun.OpenForResume(path, text, settings))
        {
            Assert.InRange(store.CompletedSubjects.Count, 1, whole.Enrolment.Enrolled);
            var resumed = TrialStoreRun.Run(store, trial, settings, threads: 2, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(TrialSummary.ToJson(trial, whole.Result), TrialSummary.ToJson(trial, resumed.Result));
            Assert.Equal(whole.Enrolment.Enrolled, store.CompletedSubjects.Count);
        }
    }

    [Theory]
    [InlineData("phase: maintenance", "phase: induction", "enrol_until.phase", "induction", "every subject enters the first phase")]
    [InlineData("phase: maintenance", "phase: maintenence", "enrol_until.phase", "maintenence", "did you mean 'maintenance'?")]
    [InlineData("entered: 5", "entered: 0", "enrol_until.entered", "0", "not a whole number")]
    public void Bad_enrol_until_is_located(string good, string bad, string field, string value, string fragment)
    {
        var e = Assert.Throws<InputException>(() => Trial(Text.Replace(good, bad, StringComparison.Ordinal)));
        Assert.Equal(field, e.Field);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains(fragment, e.Message);
    }
}
