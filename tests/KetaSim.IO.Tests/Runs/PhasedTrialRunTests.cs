using System.Collections.Concurrent;
using KetaSim.IO.Runs;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

/// <summary>A phased design (continued medication, a dosing rule, entry criterion, randomisation at phase entry, dropout
/// and rater noise) through the store: round trip, kill and resume, thread-count identity, phase summaries.</summary>
public sealed class PhasedTrialRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ketasim-phased-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    internal const string Text = """
        name: phased-small
        population: trd-adult
        duration: 3 weeks
        visits: [3.5 d, 1 week, 2 week, 3 week]
        measurement_noise: true
        dropout: { per_week: 0.25 }
        background:
          - { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 3 weeks, continued: true }
        arms:
          - name: continue
            doses: []
          - name: stop
            doses: []
        control: stop
        endpoints:
          remission: { madrs_max: 12 }
          relapse: { madrs_min: 22, consecutive_visits: 1 }
        phases:
          - name: induction
            duration: 1 week
            placebo: continued-oral-antidepressant
            remission: { madrs_max: 30 }
            dosing: { drug: esketamine, route: intranasal, levels: [56 mg, 84 mg], start: 56 mg, step_up_when: "improvement < 0.5", every: 3.5 d }
          - name: maintenance
            duration: 2 weeks
            entry: remitters
            randomise: true
            placebo: open-label
            arms:
              - { name: continue, dosing: { drug: esketamine, route: intranasal, levels: [56 mg, 84 mg], start: continue, every: 1 week } }
              - { name: stop, sessions: weekly for 2 weeks }
        """;

    /// <summary>The same design with per-session safety endpoints (resting BP redrawn above 140/90 mmHg).</summary>
    internal const string SafetyText = Text + "\nsafety: { sbp_rise_mmhg: 10, resting_sbp_max_mmhg: 140, resting_dbp_max_mmhg: 90 }\n";

    /// <summary>The same design whose induction stops at remission and re-treats on loss of response (retreat events, sessions to response).</summary>
    internal static readonly string RetreatText = Text.Replace(
        "step_up_when: \"improvement < 0.5\", every: 3.5 d }",
        "step_up_when: \"improvement < 0.5\", every: 3.5 d, max_sessions: 1, stop_when: \"madrs <= 8\", retreat_when: \"improvement < 0.6\", retreat_responders_only: false }",
        StringComparison.Ordinal);

    private static TrialDefinition Trial(string text = Text) => TrialReader.Read(text, "phased-small.yaml");

    [Fact]
    public void Sessions_round_trip_through_the_store_and_count_in_the_arm_safety()
    {
        var trial = Trial(SafetyText);
        Assert.NotNull(trial.Safety);
        var settings = new TrialRunSettings(8, 3, 4);
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        var result = new TrialRunner(chunkSize: 4).Run(trial, 8, 3, onSubject: o => seen[o.Index] = o);
        using var store = TrialStoreRun.Create(Path.Combine(_dir, "sessions.duckdb"), trial, SafetyText, settings, "test");
        foreach (var o in seen.Values) store.Add(TrialStoreRun.RecordOf(trial, 3, o));
        store.Flush();
        var loaded = SubjectOutcomeRecords.Load(store, trial);
        foreach (var (i, o) in seen)
        {
            // Every subject had the induction's first session at t = 0; sessions are in time order, none after dropout.
            Assert.NotEmpty(o.Sessions);
            Assert.Equal(0, o.Sessions[0].TimeHours);
            Assert.True(o.Sessions.Zip(o.Sessions.Skip(1)).All(p => p.First.TimeHours <= p.Second.TimeHours));
            if (o.DropoutHours is { } d) Assert.All(o.Sessions, x => Assert.True(x.TimeHours < d));
            Assert.Equal(o.Sessions, loaded[i].Sessions);
        }
        // The arms' safety against a hand count over the randomised subjects.
        foreach (var arm in result.Arms)
        {
            var mine = seen.Values.Where(o => o.ArmName == arm.Name).ToArray();
            var t = arm.Safety!.Value;
            Assert.Equal(mine.Sum(o => o.Sessions.Count(x => !x.Held)), t.Given);
            Assert.Equal(mine.Count(o => o.Sessions.Any(x => !x.Held)), t.Dosed.Successes);
            Assert.Equal(mine.Count(o => o.Sessions.Any(x => !x.Held && x.PeakSystolicMmHg - x.PreSystolicMmHg >= 10)), t.SystolicRise.Successes);
            Assert.Equal(mine.Count(o => o.Sessions.Any(x => !x.Held && x.PeakCadss > 4 && x.PeakCadss > x.PreCadss)), t.Dissociation.Successes);
        }
        Assert.Contains(result.Arms, a => a.Safety!.Value.Given > 0);
        var open = seen.Values.Where(o => !o.IsRandomised).ToArray();
        Assert.NotEmpty(open);
        Assert.Equal(open.Sum(o => o.Sessions.Count(x => !x.Held)), result.NotRandomisedSafety!.Value.Given);
        Assert.Contains("\"safety\"", TrialSummary.ToJson(trial, result));
        Assert.Equal(2, store.Query("SELECT COUNT(DISTINCT arm) FROM sessions WHERE arm <> 'not-randomised'", r => r.GetInt64(0)).Single());
    }

    [Fact]
    public void Retreatments_and_sessions_to_response_round_trip_through_the_store()
    {
        var trial = Trial(RetreatText);
        var settings = new TrialRunSettings(10, 3, 4);
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        new TrialRunner(chunkSize: 4).Run(trial, 10, 3, onSubject: o => seen[o.Index] = o);
        using var store = TrialStoreRun.Create(Path.Combine(_dir, "retreat.duckdb"), trial, RetreatText, settings, "test");
        foreach (var o in seen.Values) store.Add(TrialStoreRun.RecordOf(trial, 3, o));
        store.Flush();
        var loaded = SubjectOutcomeRecords.Load(store, trial);
        foreach (var (i, o) in seen) TrialStoreRunTests.AssertSame(o, loaded[i]);
        Assert.Contains(seen.Values, o => o.RetreatmentHours.Count > 0);
        Assert.Contains(seen.Values, o => o.SessionsToResponse is > 0);
        Assert.Equal(seen.Values.Sum(o => o.RetreatmentHours.Count), store.Query("SELECT COUNT(*) FROM events WHERE kind = 'retreatment'", r => r.GetInt64(0)).Single());
    }

    [Fact]
    public void Phased_outcomes_round_trip_and_phase_summaries_count_entrants()
    {
        var trial = Trial();
        var settings = new TrialRunSettings(10, 3, 4);
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        var result = new TrialRunner(chunkSize: 4).Run(trial, 10, 3, onSubject: o => seen[o.Index] = o);
        using var store = TrialStoreRun.Create(Path.Combine(_dir, "roundtrip.duckdb"), trial, Text, settings, "test");
        foreach (var o in seen.Values) store.Add(TrialStoreRun.RecordOf(trial, 3, o));
        store.Flush();
        var loaded = SubjectOutcomeRecords.Load(store, trial);
        foreach (var (i, o) in seen) TrialStoreRunTests.AssertSame(o, loaded[i]);
        // The fixture has subjects who entered maintenance and subjects who did not (not randomised, visits after induction missing).
        Assert.Contains(seen.Values, o => o.PhasesEntered == 2 && o.IsRandomised);
        Assert.Contains(seen.Values, o => o.PhasesEntered == 1 && !o.IsRandomised && o.Scores[2] is null);
        // Phase summaries against a hand count.
        Assert.Equal(10, result.Phases[0].Entered);
        Assert.Equal(seen.Values.Count(o => o.PhasesEntered == 2), result.Phases[1].Entered);
        Assert.Equal(result.Phases[1].Entered, result.Phases[1].EnteredPerArm.Sum());
        Assert.Equal(result.Phases[1].Entered, result.Arms.Sum(a => a.Randomised));
        Assert.Equal(seen.Values.Count(o => o.PhasesEntered == 2 && o.Scores[3] is not null), result.Phases[1].RemissionAtEnd.Trials);
        Assert.Equal(seen.Values.Count(o => o.Scores[1] is not null), result.Phases[0].RemissionAtEnd.Trials);
        Assert.Equal(seen.Values.Count(o => o.Scores[1] is not null && o.Scores[1] <= 30), result.Phases[0].RemissionAtEnd.Successes);
        var json = TrialSummary.ToJson(trial, result);
        Assert.Contains("\"phases\"", json);
        Assert.Contains("\"remission_at_end\"", json);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("safety")]
    [InlineData("retreat")]
    public void Thread_count_does_not_change_the_summary_and_kill_and_resume_equals_an_uninterrupted_run(string variant)
    {
        bool safety = variant == "safety";
        string Text = variant switch { "safety" => SafetyText, "retreat" => RetreatText, _ => PhasedTrialRunTests.Text };
        Assert.NotEqual(PhasedTrialRunTests.Text, RetreatText);
        var trial = Trial(Text);
        var settings = new TrialRunSettings(12, 5, 3);
        TrialRunReport whole;
        using (var store = TrialStoreRun.Create(Path.Combine(_dir, "whole.duckdb"), trial, Text, settings, "test"))
            whole = TrialStoreRun.Run(store, trial, settings, threads: 2, cancellationToken: TestContext.Current.CancellationToken);
        var one = new TrialRunner(chunkSize: 3).Run(trial, 12, 5, maxThreads: 1);
        Assert.Equal(TrialSummary.ToJson(trial, one), TrialSummary.ToJson(trial, whole.Result));
        Assert.Equal(TrialSummary.ToCsv(one), TrialSummary.ToCsv(whole.Result));
        Assert.Equal(TrialSafetySummary.ToCsv(one), TrialSafetySummary.ToCsv(whole.Result));
        if (safety) Assert.Contains("\"safety\"", TrialSummary.ToJson(trial, one));
        Assert.Contains("\"itt_locf\"", TrialSummary.ToJson(trial, one));
        if (variant == "retreat") Assert.Contains(one.Arms, a => a.Efficacy!.Retreatments > 0);

        using var cts = new CancellationTokenSource();
        int stored;
        var path = Path.Combine(_dir, "resumed.duckdb");
        using (var store = TrialStoreRun.Create(path, trial, Text, settings, "test"))
        {
            var e = Assert.Throws<TrialRunCancelledException>(() => TrialStoreRun.Run(store, trial, settings, threads: 2,
                simulated: n => { if (n >= 4) cts.Cancel(); }, cancellationToken: cts.Token));
            stored = e.Stored;
            Assert.InRange(stored, 4, 11);
        }
        using (var store = TrialStoreRun.OpenForResume(path, Text, settings))
        {
            var resumed = TrialStoreRun.Run(store, trial, settings, threads: 1, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(stored, resumed.Reused);
            Assert.Equal(TrialSummary.ToJson(trial, whole.Result), TrialSummary.ToJson(trial, resumed.Result));
            Assert.Equal(TrialSafetySummary.ToCsv(whole.Result), TrialSafetySummary.ToCsv(resumed.Result));
        }
    }
}
