using KetaSim.Biology.Validity;
using KetaSim.Design.Combination;

namespace KetaSim.Design.Tests.Combination;

/// <summary>The built-in combination design on the real model, at a tiny search size (the full run is in docs/design/combination.md).</summary>
public class IllustrativeExampleTests
{
    private static ComboSettings Tiny(int threads) => new()
    {
        Samples = 4, Directions = 3, RefineRounds = 1, RefineDirections = 2, SoloPoints = 5, Seed = 11, Threads = threads,
    };

    [Fact]
    public void The_built_in_example_runs_on_the_model_and_is_flagged_illustrative()
    {
        var spec = ComboCatalog.Load("illustrative-three-drug-combination");
        Assert.Contains("illustrative-three-drug-combination", ComboCatalog.Names);
        Assert.Equal(3, spec.Compounds.Count);
        Assert.All(spec.Compounds, c => Assert.True(c.Illustrative));
        var report = ComboDesigner.Run(spec, Tiny(threads: 2));
        var r = report.Result;
        // The target is ketamine's own 24-h MADRS change on the same patient, and ketamine dissociates and raises BP.
        Assert.NotNull(r.Reference);
        Assert.Equal(r.Reference!.Outcome.Effect, r.Problem.TargetEffect);
        Assert.True(r.Problem.TargetEffect < -3, $"target {r.Problem.TargetEffect}");
        Assert.True(r.Reference.Harms[0] > 3 && r.Reference.Harms[1] > 5, "ketamine's CADSS and SBP rise");
        // Each compound's solo curve rises with dose (benefit = −MADRS change).
        foreach (var s in r.Solo)
        {
            var b = s.Curve.Benefits;
            Assert.True(b[^1] > b[1], $"{s.Compound.Name}: solo effect should grow with dose");
        }
        Assert.Equal(3, report.IllustrativeCompounds.Count);
        Assert.Equal(3, report.Warnings.Count(w => w.Code == ValidityCodes.IllustrativeCompound));
        // What the model lacks is said: no compound of the three has sympathomimetic data.
        Assert.All(report.Liabilities, l => Assert.Contains(l.Lacking, x => x.Contains("sympathomimetic")));
        Assert.Contains(report.Liabilities, l => l.Modelled.Any(m => m.StartsWith("MOR agonism")));
        Assert.False(string.IsNullOrWhiteSpace(r.Verdict.Text));
        // Bliss fractions of a MADRS change are normalised to the baseline score (the base scenario's 32 points).
        Assert.Equal(32, r.MaxEffect, 6);
        Assert.Contains("baseline MADRS", r.MaxEffectSource);
        // Same answer on one thread.
        var one = ComboDesigner.Run(spec, Tiny(threads: 1)).Result;
        Assert.Equal(r.Points.Select(p => p.Effect), one.Points.Select(p => p.Effect));
        Assert.Equal(r.Best, one.Best);
    }
}
