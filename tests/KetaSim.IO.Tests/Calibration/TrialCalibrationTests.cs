using System.Collections.Concurrent;
using KetaSim.IO.Calibration;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.IO.Tests.Calibration;

public class TrialCalibrationTests
{
    /// <summary>
    /// CLIN-9's paired evaluation: each arm of the built-in SSRI-vs-placebo trial run alone puts every subject in
    /// that arm, and the two runs share their subjects (same baseline, rater noise included), so the difference of
    /// their means carries no between-subject noise. Escitalopram improves every paired subject at week 6 more
    /// than or as much as the inert tablet (a difference of a drug effect that cannot be negative).
    /// </summary>
    [Fact]
    public void Single_arm_runs_of_a_trial_share_their_subjects()
    {
        var trial = TrialCatalog.Get(TrialCalibration.SsriVersusPlacebo);
        var drug = Outcomes(TrialCalibration.SingleArm(trial, "escitalopram"));
        var placebo = Outcomes(TrialCalibration.SingleArm(trial, "placebo"));
        Assert.Equal(12, drug.Count);
        Assert.All(drug.Values, o => Assert.Equal("escitalopram", o.ArmName));
        Assert.All(placebo.Values, o => Assert.Equal("placebo", o.ArmName));
        foreach (var (i, d) in drug)
        {
            Assert.Equal(d.Baseline, placebo[i].Baseline);
            Assert.True(d.Change(5) <= placebo[i].Change(5) + 1e-9, $"subject {i}: {d.Change(5)} vs {placebo[i].Change(5)}");
        }
        Assert.Contains(drug, p => p.Value.Change(5) < placebo[p.Key].Change(5) - 0.5);
        Assert.Throws<InvalidOperationException>(() => TrialCalibration.SingleArm(trial, "no-such-arm"));
    }

    private static ConcurrentDictionary<long, SubjectOutcome> Outcomes(TrialDefinition trial)
    {
        var outcomes = new ConcurrentDictionary<long, SubjectOutcome>();
        new TrialRunner().Run(trial, 12, trial.DefaultSeed, onSubject: o => outcomes[o.Index] = o);
        return outcomes;
    }
}
