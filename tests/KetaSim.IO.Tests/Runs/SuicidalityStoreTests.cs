using System.Collections.Concurrent;
using KetaSim.IO.Calibration;
using KetaSim.IO.Runs;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

/// <summary>Suicidality ratings through the store: every rating round-trips bit for bit, and a run cancelled and resumed
/// gives the same suicidality summaries as an uninterrupted one (before the <c>ratings</c> table, resume lost them).</summary>
public sealed class SuicidalityStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ketasim-suicidality-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static long Bits(double? x) => x is { } v ? BitConverter.DoubleToInt64Bits(v) : long.MinValue;

    [Fact]
    public void Ratings_round_trip_bit_for_bit()
    {
        var text = TrialCatalog.Text(SuicidalityCalibration.SingleInfusionSuicidalIdeation);
        var trial = TrialReader.Read(text, "clin-17.yaml");
        var settings = new TrialRunSettings(10, 3, 4);
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        new TrialRunner(chunkSize: 4).Run(trial, 10, 3, onSubject: o => seen[o.Index] = o);
        using var store = TrialStoreRun.Create(Path.Combine(_dir, "ratings.duckdb"), trial, text, settings, "test");
        foreach (var o in seen.Values) store.Add(TrialStoreRun.RecordOf(trial, 3, o));
        store.Flush();
        var loaded = SubjectOutcomeRecords.Load(store, trial);
        foreach (var (i, o) in seen)
        {
            var (x, y) = (o.Suicidality!, loaded[i].Suicidality!);
            Assert.Equal(Bits(x.BaselineItem10), Bits(y.BaselineItem10));
            Assert.Equal(Bits(x.BaselineCgi), Bits(y.BaselineCgi));
            Assert.Equal(x.Item10.Select(Bits), y.Item10.Select(Bits));
            Assert.Equal(x.Cgi.Select(Bits), y.Cgi.Select(Bits));
        }
        Assert.Equal(10 * (1 + trial.VisitTimesHours.Count), store.Query("SELECT COUNT(*) FROM ratings", r => r.GetInt64(0)).Single());
    }

    [Fact]
    public void A_cancelled_and_resumed_suicidality_trial_equals_an_uninterrupted_run()
    {
        var text = TrialCatalog.Text(SuicidalityCalibration.SingleInfusionSuicidalIdeation);
        var trial = TrialReader.Read(text, "clin-17.yaml");
        var settings = new TrialRunSettings(12, 5, 3);
        TrialRunReport whole;
        using (var store = TrialStoreRun.Create(Path.Combine(_dir, "whole.duckdb"), trial, text, settings, "test"))
            whole = TrialStoreRun.Run(store, trial, settings, threads: 2, cancellationToken: TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var path = Path.Combine(_dir, "resumed.duckdb");
        using (var store = TrialStoreRun.Create(path, trial, text, settings, "test"))
            Assert.Throws<TrialRunCancelledException>(() => TrialStoreRun.Run(store, trial, settings, threads: 2,
                simulated: n => { if (n >= 4) cts.Cancel(); }, cancellationToken: cts.Token));
        using (var store = TrialStoreRun.OpenForResume(path, text, settings))
        {
            var resumed = TrialStoreRun.Run(store, trial, settings, threads: 1, cancellationToken: TestContext.Current.CancellationToken);
            Assert.InRange(resumed.Reused, 4, 11);
            var json = TrialSummary.ToJson(trial, resumed.Result);
            Assert.Contains("\"suicidality\"", json);
            Assert.Equal(TrialSummary.ToJson(trial, whole.Result), json);
        }
    }
}
