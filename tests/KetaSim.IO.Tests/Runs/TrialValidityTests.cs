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
        Assert.NotEmpty(one.SubjectWarnings);   // the single infusion drives a few subjects to the MADRS floor for days
        Assert.Equal(one.SubjectWarnings, several.SubjectWarnings);
        Assert.All(one.SubjectWarnings, c => Assert.Equal(64, c.Of));
        var trial = TrialCatalog.Get(TrialName);
        string Json(TrialRunReport r) => TrialSummary.ToJson(trial, r.Result, TrialValidity.Json(TrialValidity.Regimen(trial), r.SubjectWarnings));
        Assert.Equal(Json(one), Json(several));
        Assert.Contains("of 64 subjects (first: subject", Json(one));
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
