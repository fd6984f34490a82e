using KetaSim.IO.Input;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Trials;

public class TrialCatalogTests
{
    public static TheoryData<string> BuiltIn => [.. TrialCatalog.Names];

    [Fact]
    public void Names_are_the_embedded_files_sorted()
    {
        Assert.Contains("clin-1-ketamine-vs-midazolam", TrialCatalog.Names);
        Assert.Contains("esketamine-withdrawal-example", TrialCatalog.Names);
        Assert.Contains("examples/esketamine-label", TrialCatalog.Names);
        Assert.Contains("examples/ketamine-series-retreatment", TrialCatalog.Names);
        Assert.Contains("examples/ketamine-crossover", TrialCatalog.Names);
        Assert.Contains("clin-11-12-sustain-2", TrialCatalog.Names);
        Assert.Equal(TrialCatalog.Names.Order(StringComparer.Ordinal), TrialCatalog.Names);
    }

    [Fact]
    public void Unknown_name_lists_the_built_in_trials()
    {
        var e = Assert.Throws<InputException>(() => TrialCatalog.Get("clin-1-ketamine-vs-midazolan"));
        Assert.Contains("did you mean 'clin-1-ketamine-vs-midazolam'?", e.Message);
        Assert.Contains("clin-10-placebo-8-weeks", e.Message);
        Assert.Throws<InputException>(() => TrialCatalog.Text("nope"));
    }

    [Fact]
    public void Text_is_the_yaml_that_reads_to_the_same_trial()
    {
        var text = TrialCatalog.Text("clin-1-ketamine-vs-midazolam");
        Assert.Contains("randomisation: \"2:1\"", text);
        var a = TrialCatalog.Get("clin-1-ketamine-vs-midazolam");
        var b = TrialReader.Read(text, "copy.yaml");
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.VisitTimesHours, b.VisitTimesHours);
    }

    [Theory]
    [MemberData(nameof(BuiltIn))]
    public void Every_built_in_trial_reads_validates_and_runs_20_subjects_finitely(string name)
    {
        var trial = TrialCatalog.Get(name);
        Assert.Equal(name.Split('/')[^1], trial.Name);   // examples/ files are named by their file name
        trial.Validate(trial.DefaultSubjectCount);
        var result = new TrialRunner(chunkSize: 5).Run(trial, 20, trial.DefaultSeed);
        Assert.Equal(20, result.Arms.Sum(a => a.Randomised) + result.NotRandomised);
        foreach (var arm in result.Arms)
            foreach (var v in arm.Visits)
            {
                if (v.N == 0) continue;
                Assert.True(double.IsFinite(v.MeanChange), $"{name}/{arm.Name} at {v.TimeHours} h");
                Assert.InRange(v.MeanChange, -60, 60);
                if (v.N >= 2) Assert.True(double.IsFinite(v.StandardError));
            }
    }
}
