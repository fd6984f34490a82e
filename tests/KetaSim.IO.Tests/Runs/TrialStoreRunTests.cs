using System.Collections.Concurrent;
using KetaSim.Biology.Calibration;
using KetaSim.IO.Input;
using KetaSim.IO.Runs;
using KetaSim.IO.Store;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

public sealed class TrialStoreRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ketasim-trialrun-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string StorePath(string name) => Path.Combine(_dir, name + ".duckdb");

    /// <summary>Ketamine vs midazolam with rater noise, dropout and relapse counted from the first visit, so every
    /// outcome field (null scores, dropout, relapse and censoring) is exercised.</summary>
    internal static TrialDefinition Trial() => new TrialDefinition(
        "ketamine-vs-midazolam",
        PopulationLibrary.Get("trd-adult"),
        [
            new TrialArm("midazolam", MechanismScenarios.MidazolamTrd),
            new TrialArm("ketamine", MechanismScenarios.KetamineTrd),
        ],
        [4, 24, 48, 72],
        72)
    {
        MeasurementNoise = true,
        DropoutHazardPerWeek = 1.5,
        Relapse = new RelapseRule(20, 1, OnlyAfterRemission: false),
    };

    private const string Text = "name: ketamine-vs-midazolam  # stands in for the YAML text\n";

    /// <summary>Every public property of <see cref="SubjectOutcome"/> equal, doubles bit for bit — by reflection, so a
    /// property added to the outcome later fails here until the store mapping carries it.</summary>
    internal static void AssertSame(SubjectOutcome expected, SubjectOutcome actual)
    {
        foreach (var p in typeof(SubjectOutcome).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            object? x = p.GetValue(expected), y = p.GetValue(actual);
            Assert.True(Key(x) == Key(y), $"subject {expected.Index}: {p.Name} stored as {Key(y)}, simulated {Key(x)}");
        }
    }

    private static string Key(object? value) => value switch
    {
        null => "null",
        double d => BitConverter.DoubleToInt64Bits(d).ToString(System.Globalization.CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Key)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static List<(int, double, double?, double?, bool?, bool?)> Visits(ResultStore store) => [.. store.Query(
        "SELECT subject_index, visit_h, madrs, madrs_change, response, remission FROM visits ORDER BY subject_index, visit_h",
        r => (r.GetInt32(0), r.GetDouble(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2), r.IsDBNull(3) ? (double?)null : r.GetDouble(3),
              r.IsDBNull(4) ? (bool?)null : r.GetBoolean(4), r.IsDBNull(5) ? (bool?)null : r.GetBoolean(5)))];

    private static List<(int, int, string, double, string, string?)> Events(ResultStore store) => [.. store.Query(
        "SELECT subject_index, seq, arm, time_h, kind, detail FROM events ORDER BY subject_index, seq",
        r => (r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetDouble(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)))];

    [Fact]
    public void Stored_outcomes_rebuild_every_field_bit_for_bit()
    {
        var trial = Trial();
        var settings = new TrialRunSettings(40, 5, 8);
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        new TrialRunner(chunkSize: 8).Run(trial, 40, 5, onSubject: o => seen[o.Index] = o);
        using var store = TrialStoreRun.Create(StorePath("roundtrip"), trial, Text, settings, "test");
        foreach (var o in seen.Values) store.Add(TrialStoreRun.RecordOf(trial, 5, o));
        store.Flush();
        var loaded = SubjectOutcomeRecords.Load(store, trial);
        Assert.Equal(40, loaded.Count);
        foreach (var (i, o) in seen) AssertSame(o, loaded[i]);
        // The fixture covers dropout, relapse, censoring and unobserved visits.
        Assert.Contains(seen.Values, o => o.DropoutHours is not null && o.Scores[^1] is null);
        Assert.Contains(seen.Values, o => o.RelapseHours is not null);
        Assert.Contains(seen.Values, o => o.RelapseHours is null);
        // Events: one dropout row per dropout, one relapse row per relapse, in time order per subject.
        var events = Events(store);
        Assert.Equal(seen.Values.Count(o => o.DropoutHours is not null), events.Count(e => e.Item5 == "dropout"));
        Assert.Equal(seen.Values.Count(o => o.RelapseHours is not null), events.Count(e => e.Item5 == "relapse"));
        foreach (var g in events.GroupBy(e => e.Item1)) Assert.True(g.Select(e => e.Item4).SequenceEqual(g.Select(e => e.Item4).Order()));
        // The rated baseline is stored exactly: change = madrs - baseline_madrs in every row.
        var mismatches = store.Query("SELECT COUNT(*) FROM visits JOIN subjects USING (subject_index) WHERE madrs IS NOT NULL AND madrs_change <> madrs - baseline_madrs", r => r.GetInt64(0));
        Assert.Equal(0, mismatches[0]);
    }

    [Fact]
    public void Interrupted_then_resumed_run_equals_an_uninterrupted_one()
    {
        var trial = Trial();
        var settings = new TrialRunSettings(48, 11, 8);

        TrialRunReport whole;
        List<(int, double, double?, double?, bool?, bool?)> wholeVisits;
        List<(int, int, string, double, string, string?)> wholeEvents;
        using (var store = TrialStoreRun.Create(StorePath("whole"), trial, Text, settings, "test"))
        {
            whole = TrialStoreRun.Run(store, trial, settings, threads: 2, cancellationToken: TestContext.Current.CancellationToken);
            wholeVisits = Visits(store);
            wholeEvents = Events(store);
            Assert.Equal(48, whole.Simulated);
            Assert.Equal(0, whole.Reused);
        }

        // Cancel after some subjects: whatever finished is committed.
        using var cts = new CancellationTokenSource();
        int stored;
        using (var store = TrialStoreRun.Create(StorePath("resumed"), trial, Text, settings, "test"))
        {
            var e = Assert.Throws<TrialRunCancelledException>(() => TrialStoreRun.Run(store, trial, settings, threads: 2,
                simulated: n => { if (n >= 13) cts.Cancel(); }, cancellationToken: cts.Token));
            stored = e.Stored;
            Assert.InRange(stored, 13, 47);
            Assert.Equal(stored, store.CompletedSubjects.Count);
        }
        TrialRunReport resumed;
        using (var store = TrialStoreRun.OpenForResume(StorePath("resumed"), Text, settings))
        {
            resumed = TrialStoreRun.Run(store, trial, settings, threads: 1, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(stored, resumed.Reused);
            Assert.Equal(48 - stored, resumed.Simulated);
            Assert.Equal(wholeVisits, Visits(store));
            Assert.Equal(wholeEvents, Events(store));
            Assert.Equal(48, store.Query("SELECT COUNT(*) FROM subjects", r => r.GetInt64(0))[0]);
        }
        Assert.Equal(TrialSummary.ToJson(trial, whole.Result), TrialSummary.ToJson(trial, resumed.Result));
        Assert.Equal(TrialSummary.ToCsv(whole.Result), TrialSummary.ToCsv(resumed.Result));
        Assert.Equal(whole.SubjectWarnings, resumed.SubjectWarnings);   // stored subjects' validity flags are counted too
        Assert.Equal(whole.Sample.Count, resumed.Sample.Count);
        for (int k = 0; k < whole.Sample.Count; k++) AssertSame(whole.Sample[k], resumed.Sample[k]);
    }

    [Fact]
    public void Resume_refuses_a_store_of_another_run()
    {
        var trial = Trial();
        var settings = new TrialRunSettings(16, 3, 8);
        TrialStoreRun.Create(StorePath("other"), trial, Text, settings, "test").Dispose();
        var seed = Assert.Throws<InputException>(() => TrialStoreRun.OpenForResume(StorePath("other"), Text, settings with { Seed = 4 }));
        Assert.Contains("--seed = '4'", seed.Message);
        Assert.Contains("seed 3", seed.Message);
        var n = Assert.Throws<InputException>(() => TrialStoreRun.OpenForResume(StorePath("other"), Text, settings with { Subjects = 17 }));
        Assert.Contains("N = 16", n.Message);
        var chunk = Assert.Throws<InputException>(() => TrialStoreRun.OpenForResume(StorePath("other"), Text, settings with { ChunkSize = 64 }));
        Assert.Contains("chunk size 8", chunk.Message);
        var text = Assert.Throws<InputException>(() => TrialStoreRun.OpenForResume(StorePath("other"), Text + "# edited\n", settings));
        Assert.Contains("definition differs", text.Message);
        // After a refusal the file is closed again and the right run still opens.
        using var ok = TrialStoreRun.OpenForResume(StorePath("other"), Text, settings);
        Assert.Equal(settings, TrialStoreRun.StoredSettings(ok));
    }

    [Fact]
    public void Summary_has_relapse_statistics_and_no_run_identity()
    {
        var trial = Trial();
        var result = new TrialRunner(chunkSize: 8).Run(trial, 40, 5);
        var json = System.Text.Json.Nodes.JsonNode.Parse(TrialSummary.ToJson(trial, result))!;
        Assert.Equal("midazolam", (string?)json["control_arm"]);
        var arms = json["arms"]!.AsArray();
        Assert.Equal(2, arms.Count);
        Assert.Equal(40, arms.Sum(a => (long)a!["randomised"]!));
        Assert.Equal(4, arms[0]!["visits"]!.AsArray().Count);
        Assert.NotNull(arms[1]!["visits"]![1]!["response"]!["ci95"]![0]);
        Assert.Equal(4, json["comparisons"]!.AsArray().Count);
        var relapse = Assert.Single(json["relapse_comparisons"]!.AsArray());
        Assert.InRange((double)relapse!["log_rank_p"]!, 0, 1);
        Assert.DoesNotContain("run_id", json.ToJsonString());
        var csv = TrialSummary.ToCsv(result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 2 * 4, csv.Length);
        Assert.StartsWith("arm,time_h,n,mean_change,se,ci95_lower,ci95_upper,", csv[0]);
    }

    [Fact]
    public void Withdrawal_design_outcomes_round_trip_including_subjects_not_randomised()
    {
        var trial = KetaSim.IO.Trials.TrialCatalog.Get("esketamine-withdrawal-example");
        var settings = new TrialRunSettings(6, 2, 3);
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        new TrialRunner(chunkSize: 3).Run(trial, 6, 2, onSubject: o => seen[o.Index] = o);
        using var store = TrialStoreRun.Create(StorePath("withdrawal"), trial, Text, settings, "test");
        foreach (var o in seen.Values) store.Add(TrialStoreRun.RecordOf(trial, 2, o));
        store.Flush();
        var loaded = SubjectOutcomeRecords.Load(store, trial);
        foreach (var (i, o) in seen) AssertSame(o, loaded[i]);
        Assert.Contains(seen.Values, o => !o.IsRandomised);
    }
}
