using KetaSim.Biology.Calibration;
using KetaSim.Biology.Mechanism;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.Population.Tests.Trials;

/// <summary>Safety endpoints: the tally on hand-computed sessions, the safety covariates, and sessions recorded by the runner.</summary>
public class TrialSafetyTests
{
    private static SessionSafety Given(double t, double preSbp, double peakSbp, double preDbp, double peakDbp, double preCadss, double peakCadss, double moaas, double liking) =>
        new(t, false, preSbp, preDbp, peakSbp, peakDbp, preCadss, peakCadss, moaas, liking);

    private static SessionSafety HeldAt(double t) => new(t, true, 145, 92, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN);

    // Subject A: a 45 mmHg systolic rise with dissociation (0 → 5), a held dose, then a small rise with sedation (MOAA/S 3).
    private static readonly SessionSafety[] A =
    [
        Given(0, 120, 165, 80, 95, 0, 5, 4, 50),
        HeldAt(84),
        Given(168, 120, 130, 80, 85, 0, 3, 3, 70),
    ];

    // Subject B: a 30 mmHg rise to 182 mmHg (over the absolute line, under the rise line); CADSS 6 → 6 is not above pre-dose.
    private static readonly SessionSafety[] B = [Given(0, 152, 182, 88, 100, 6, 6, 5, 20)];

    [Fact]
    public void Tally_matches_a_hand_count()
    {
        var rule = new TrialSafety();
        var t = new SafetyTally();
        t.Add(A, rule);
        t.Add(B, rule);
        t.Add([], rule);   // subject C: never dosed
        Assert.Equal((2L, 3L), (t.Dosed.Successes, t.Dosed.Trials));
        Assert.Equal((1L, 2L), (t.SystolicRise.Successes, t.SystolicRise.Trials));       // A only (45 ≥ 40; B's 30 is not)
        Assert.Equal((0L, 2L), (t.DiastolicRise.Successes, t.DiastolicRise.Trials));     // 15, 5, 12: none ≥ 25
        Assert.Equal((1L, 2L), (t.AbsoluteBp.Successes, t.AbsoluteBp.Trials));           // B: 182 ≥ 180
        Assert.Equal((1L, 2L), (t.Dissociation.Successes, t.Dissociation.Trials));       // A: 5 > 4 and > 0; B: 6 not above 6
        Assert.Equal((1L, 2L), (t.Sedation.Successes, t.Sedation.Trials));               // A's second session: 3 ≤ 3
        Assert.Equal((1L, 3L), (t.SessionSystolicRise.Successes, t.SessionSystolicRise.Trials));
        Assert.Equal((1L, 3L), (t.SessionSedation.Successes, t.SessionSedation.Trials));
        Assert.Equal((3L, 1L), (t.Given, t.Held));
        Assert.Equal(2, t.PeakSystolicRiseMmHg.Count);
        Assert.Equal((45 + 30) / 2.0, t.PeakSystolicRiseMmHg.Mean, 12);
        Assert.Equal((70 + 20) / 2.0, t.PeakDrugLiking.Mean, 12);
        Assert.Equal(1.0, t.SessionsGiven.Mean, 12);                                      // (2 + 1 + 0) / 3
    }

    [Fact]
    public void Tally_merges_to_the_same_counts_as_one_pass()
    {
        var rule = new TrialSafety { SystolicRiseMmHg = 30 };
        var whole = new SafetyTally();
        whole.Add(A, rule);
        whole.Add(B, rule);
        var first = new SafetyTally();
        first.Add(A, rule);
        var second = new SafetyTally();
        second.Add(B, rule);
        first.Merge(second);
        Assert.Equal(whole.Shares().Select(s => (s.Measure, s.Level, s.Count.Successes, s.Count.Trials)), first.Shares().Select(s => (s.Measure, s.Level, s.Count.Successes, s.Count.Trials)));
        Assert.Equal(2, first.SystolicRise.Successes);   // the threshold is the trial's: B's 30 mmHg counts at 30
    }

    [Fact]
    public void Covariates_are_reproducible_follow_age_and_respect_the_inclusion_limits()
    {
        var open = new TrialSafety();
        Assert.Equal(SafetyCovariates.Draw(open, 7, 3, 50), SafetyCovariates.Draw(open, 7, 3, 50));
        Assert.NotEqual(SafetyCovariates.Draw(open, 7, 3, 50), SafetyCovariates.Draw(open, 7, 4, 50));
        const int n = 4000;
        double young = 0, old = 0, sensitivity = 0;
        for (int i = 0; i < n; i++)
        {
            young += SafetyCovariates.Draw(open, 11, i, 45).RestingSystolicMmHg / n;
            var v = SafetyCovariates.Draw(open, 11, i, 75);
            old += v.RestingSystolicMmHg / n;
            sensitivity += v.BloodPressureSensitivity / n;
        }
        // 30 years × 0.5 mmHg/year, with the same normal draws at both ages (clamping aside).
        Assert.InRange(old - young, 13.5, 15.5);
        Assert.InRange(young, 118, 122);
        Assert.InRange(sensitivity, 0.96, 1.04);   // mean-centred: the calibrated mean rise is kept
        var capped = new TrialSafety { RestingSystolicMaxMmHg = 140, RestingDiastolicMaxMmHg = 90 };
        for (int i = 0; i < 500; i++)
        {
            var v = SafetyCovariates.Draw(capped, 11, i, 70);
            Assert.True(v.RestingSystolicMmHg <= 140 && v.RestingDiastolicMmHg <= 90, $"subject {i}: {v}");
        }
    }

    private static TrialDefinition TwoSessions(TrialSafety? safety) => new(
        "safety-small", PopulationLibrary.Get("trd-adult"), [new TrialArm("esketamine", MechanismScenarios.EsketamineTrd(56))], [24, 96, 168], 168)
    {
        Safety = safety,
    };

    [Fact]
    public void Runner_records_each_session_with_the_subjects_resting_pressure_and_the_same_numbers_on_any_thread_count()
    {
        var safety = new TrialSafety();
        var trial = TwoSessions(safety);
        var runner = new TrialRunner(chunkSize: 2);
        const ulong seed = 9;
        var o = runner.SimulateSubject(trial, seed, 1);
        // EsketamineTrd: nasal sessions on day 1 and day 4; the oral antidepressant is not a session.
        Assert.Equal([0.0, 72.0], o.Sessions.Select(s => s.TimeHours));
        var subject = KetaSim.Population.Sampling.PopulationSampler.Sample(trial.Population, seed, 1);
        var drawn = SafetyCovariates.Draw(safety, seed, 1, subject.Subject.AgeYears);
        Assert.Equal(drawn.RestingSystolicMmHg, o.Sessions[0].PreSystolicMmHg, 9);    // nothing raised it before the first dose
        Assert.All(o.Sessions, s => Assert.True(s.PeakSystolicMmHg > s.PreSystolicMmHg && s.PeakCadss > s.PreCadss && s.MinMoaas < 5));
        Assert.Empty(runner.SimulateSubject(TwoSessions(null), seed, 1).Sessions);

        var one = runner.Run(trial, 6, seed, maxThreads: 1);
        var two = runner.Run(trial, 6, seed, maxThreads: 2);
        var a = one.Arms[0].Safety!.Value;
        var b = two.Arms[0].Safety!.Value;
        Assert.Equal(a.Shares().Select(s => s.Count), b.Shares().Select(s => s.Count));
        Assert.Equal(a.Means().Select(m => (m.Moments.Count, m.Moments.Mean, m.Moments.Variance)), b.Means().Select(m => (m.Moments.Count, m.Moments.Mean, m.Moments.Variance)));
        Assert.Equal(12, a.Given + a.Held);
    }
}
