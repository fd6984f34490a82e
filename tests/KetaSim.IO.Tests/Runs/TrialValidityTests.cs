using KetaSim.Biology.Validity;
using KetaSim.IO.Runs;
using KetaSim.IO.Trials;
using Xunit;

namespace KetaSim.IO.Tests.Runs;

/// <summary>A trial's validity warnings: definition warnings per arm, per-subject flags counted the same for any thread count.</summary>
public sealed class TrialValidityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ketasim-validity-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private const string TrialName = "clin-2-3-ketamine-single-infusion";

    private TrialRunReport Run(string name, int threads)
    {
        var trial = TrialCatalog.Get(TrialName);
        var settings = new TrialRunSettings(64, 1, 8);
        using var store = TrialStoreRun.Create(Path.Combine(_dir, name + ".duckdb"), trial, TrialCatalog.Text(TrialName), settings, "test");
        var report = TrialStoreRun.Run(store, trial, settings, threads, cancellationToken: TestContext.Current.CancellationToken);
        // The counts are those of the stored per-subject flags.
        foreach (var c in report.SubjectWarnings)
        {
            int bit = (int)ValidityDomain.SubjectFlagCodes.Single(f => f.Code == c.Code).Flag;
            Assert.Equal(c.Subjects, store.Query($"SELECT COUNT(*) FROM subjects WHERE (CAST(validity_flags AS INTEGER) & {bit}) <> 0", r => r.GetInt64(0))[0]);
            Assert.Equal(c.FirstSubject, store.Query($"SELECT MIN(subject_index) FROM subjects WHERE (CAST(validity_flags AS INTEGER) & {bit}) <> 0", r => (long)r.GetInt32(0))[0]);
        }
        return report;
    }

    [Fact]
    public void Subject_counts_are_identical_for_one_and_several_threads()
    {
        var one = Run("one", 1);
        var several = Run("several", 3);
        Assert.Equal(one.SubjectWarnings, several.SubjectWarnings);
        // The counts are those of the subjects simulated one by one.
        var trial0 = TrialCatalog.Get(TrialName);
        var runner = new KetaSim.Population.Trials.TrialRunner(chunkSize: 8);
        var flags = Enumerable.Range(0, 64).Select(i => runner.SimulateSubject(trial0, 1, i)).ToArray();
        foreach (var (flag, code, _) in ValidityDomain.SubjectFlagCodes)
        {
            var having = flags.Where(o => (o.Flags & flag) != 0).ToArray();
            var count = one.SubjectWarnings.SingleOrDefault(c => c.Code == code);
            Assert.Equal(having.Length, count?.Subjects ?? 0);
            if (count is not null) Assert.Equal(having.Min(o => o.Index), count.FirstSubject);
        }
        Assert.All(one.SubjectWarnings, c => Assert.Equal(64, c.Of));
        var trial = TrialCatalog.Get(TrialName);
        string Json(TrialRunReport r) => TrialSummary.ToJson(trial, r.Result, TrialValidity.Json(TrialValidity.Regimen(trial), r.SubjectWarnings));
        Assert.Equal(Json(one), Json(several));
        // With bounded symptoms few subjects of this trial leave the domain; when some do, the summary counts them.
        if (one.SubjectWarnings.Count > 0) Assert.Contains("of 64 subjects (first: subject", Json(one));
    }

    /// <summary>A subject run in segments (a phased design, here the safety block's session-by-session run) is flagged as the
    /// same subject run in one piece: daily ketamine with 50× spine formation drives spine density past 1.03 × healthy.</summary>
    [Fact]
    public void A_subject_run_in_segments_gets_the_flags_of_one_run_in_one_piece()
    {
        const string text = """
            name: strong-formation
            population: trd-adult
            duration: 2 weeks
            visits: [{ every: 1 week, until: 2 week }]
            placebo: open-label
            parameters: { spine_formation_gain: 2314 }
            arms:
              - name: ketamine
                doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min, schedule: daily for 2 weeks }]
            """;
        var whole = TrialReader.Read(text, "strong.yaml");
        var segmented = TrialReader.Read(text + "\nsafety: true\n", "strong.yaml");
        Assert.False(whole.IsPhased);
        var runner = new KetaSim.Population.Trials.TrialRunner(chunkSize: 4);
        int flagged = 0;
        for (long i = 0; i < 6; i++)
        {
            var a = runner.SimulateSubject(whole, 2, i);
            var b = runner.SimulateSubject(segmented, 2, i);
            Assert.Equal(a.Flags, b.Flags);
            if ((a.Flags & SubjectValidityFlags.SpineNearBound) != 0) flagged++;
        }
        Assert.True(flagged > 0, "the strong drive flags spine density near its bound");
    }

    [Fact]
    public void Counts_do_not_depend_on_order_or_threads()
    {
        // Synthetic outcomes: subject i has the floor flag when i % 3 == 1, the spine flag when i % 5 == 2.
        KetaSim.Population.Trials.SubjectOutcome Outcome(long i) => new(i, 0, "a", 30, [20.0], [false], [false], null, false, null, 0, 0)
        {
            Flags = (i % 3 == 1 ? SubjectValidityFlags.MadrsFloor : 0) | (i % 5 == 2 ? SubjectValidityFlags.SpineNearBound : 0),
        };
        var sequential = new TrialValidity();
        for (long i = 0; i < 300; i++) sequential.Add(Outcome(i));
        var parallel = new TrialValidity();
        Parallel.For(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => parallel.Add(Outcome(299 - k)));
        Assert.Equal(sequential.Counts(), parallel.Counts());
        Assert.Equal(
        [
            new SubjectWarningCount(ValidityCodes.MadrsFloor, ValidityDomain.SubjectFlagCodes[0].Phrase, 100, 300, 1),
            new SubjectWarningCount(ValidityCodes.SpineNearBound, ValidityDomain.SubjectFlagCodes[2].Phrase, 60, 300, 2),
        ], parallel.Counts());
        Assert.EndsWith("in 100 of 300 subjects (first: subject 1)", parallel.Counts()[0].Message);
    }

    [Fact]
    public void Definition_warnings_name_the_arms()
    {
        // The calibrated single-infusion trial is inside the domain.
        Assert.Empty(TrialValidity.Regimen(TrialCatalog.Get(TrialName)));
        // Over 60 weeks every arm leaves it: one warning naming them all.
        var longer = TrialCatalog.Get(TrialName) with { DurationHours = 60 * 168 };
        var w = Assert.Single(TrialValidity.Regimen(longer));
        Assert.Equal(ValidityCodes.HorizonBeyondCalibration, w.Code);
        Assert.StartsWith("every arm: horizon 60 weeks", w.Message);
    }
}
