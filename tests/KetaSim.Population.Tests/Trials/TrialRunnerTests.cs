using System.Collections.Concurrent;
using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.Population.Tests.Trials;

public class TrialRunnerTests
{
    internal static TrialDefinition KetamineVsMidazolam(double ketamineWeight = 1, double midazolamWeight = 1) => new(
        "ketamine-vs-midazolam",
        PopulationLibrary.Get("trd-adult"),
        [
            new TrialArm("midazolam", MechanismScenarios.MidazolamTrd, midazolamWeight),
            new TrialArm("ketamine", MechanismScenarios.KetamineTrd, ketamineWeight),
        ],
        [4, 24, 72],
        72);

    internal static List<long> Bits(TrialResult r)
    {
        var bits = new List<long> { r.SubjectCount, r.ChunkSize };
        void D(double x) => bits.Add(BitConverter.DoubleToInt64Bits(x));
        foreach (var arm in r.Arms)
        {
            bits.AddRange([arm.Randomised, arm.DroppedOut, arm.HeldDoses]);
            foreach (var v in arm.Visits)
            {
                bits.AddRange([v.N, v.Response.Successes, v.Response.Trials, v.Remission.Successes, v.Remission.Trials]);
                D(v.MeanChange); D(v.Change.Variance); D(v.StandardError);
                D(v.MeanChangeInterval.Lower); D(v.MeanChangeInterval.Upper);
                D(v.ResponseInterval.Lower); D(v.ResponseInterval.Upper);
                D(v.RemissionInterval.Lower); D(v.RemissionInterval.Upper);
            }
            foreach (var row in arm.RelapseDays.Rows()) { D(row.Time); bits.AddRange([row.Events, row.Censored]); }
        }
        foreach (var c in r.Comparisons)
        {
            D(c.TimeHours); D(c.ResponseDifference); D(c.RemissionDifference);
            D(c.ResponseDifferenceInterval.Lower); D(c.ResponseDifferenceInterval.Upper);
            D(c.RemissionDifferenceInterval.Lower); D(c.RemissionDifferenceInterval.Upper);
            if (c.ChangeDifference is { } d) { D(d.Difference); D(d.StandardError); D(d.DegreesOfFreedom); D(d.Interval.Lower); D(d.Interval.Upper); }
        }
        return bits;
    }

    [Fact]
    public void One_thread_and_all_threads_give_bitwise_identical_summaries()
    {
        // Noise and dropout on, so their streams are covered too; small chunks so several threads get work.
        var trial = KetamineVsMidazolam() with { MeasurementNoise = true, DropoutHazardPerWeek = 1.0 };
        var runner = new TrialRunner(chunkSize: 8);
        var outcomes = new ConcurrentBag<SubjectOutcome>();
        int lastProgress = 0;
        var progress = new SynchronousProgress(p => { lock (outcomes) lastProgress = Math.Max(lastProgress, p); });
        var one = runner.Run(trial, 120, seed: 7, maxThreads: 1);
        var all = runner.Run(trial, 120, seed: 7, progress: progress, onSubject: outcomes.Add);
        Assert.Equal(Bits(one), Bits(all));
        Assert.Equal(120, outcomes.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (long)i), outcomes.Select(o => o.Index).Order());
        Assert.Equal(120, lastProgress);
        Assert.Equal(120, one.Arms.Sum(a => a.Randomised));
        Assert.True(one.Arms.Sum(a => a.DroppedOut) > 0);   // 1/week over 3 days: ~35% drop out
        // Observed-case counts shrink over visits under dropout.
        foreach (var arm in one.Arms) Assert.True(arm.Visits[^1].N <= arm.Visits[0].N);
    }

    [Fact]
    public void Same_seed_is_identical_and_another_seed_differs()
    {
        var trial = KetamineVsMidazolam() with { MeasurementNoise = true };
        var runner = new TrialRunner(chunkSize: 8);
        var a = runner.Run(trial, 40, seed: 11);
        var b = runner.Run(trial, 40, seed: 11);
        var c = runner.Run(trial, 40, seed: 12);
        Assert.Equal(Bits(a), Bits(b));
        Assert.NotEqual(Bits(a), Bits(c));
    }

    [Fact]
    public void A_subject_is_the_same_alone_as_in_the_trial()
    {
        var trial = KetamineVsMidazolam() with { MeasurementNoise = true };
        var runner = new TrialRunner(chunkSize: 4);
        var outcomes = new ConcurrentDictionary<long, SubjectOutcome>();
        runner.Run(trial, 12, seed: 3, onSubject: o => outcomes[o.Index] = o);
        var alone = runner.SimulateSubject(trial, 3, 9);
        Assert.Equal(outcomes[9].Baseline, alone.Baseline);
        Assert.Equal(outcomes[9].Scores, alone.Scores);
        Assert.Equal(outcomes[9].Arm, alone.Arm);
    }

    [Fact]
    public void Randomisation_respects_a_2_to_1_ratio()
    {
        var trial = KetamineVsMidazolam(ketamineWeight: 2, midazolamWeight: 1);
        const int n = 30_000;
        int ketamine = 0;
        for (int i = 0; i < n; i++) if (TrialRunner.ArmOf(trial, 42, i) == 1) ketamine++;
        double expected = n * 2.0 / 3, sd = Math.Sqrt(n * (2.0 / 3) * (1.0 / 3));
        Assert.InRange(ketamine, expected - 4 * sd, expected + 4 * sd);
        // Deterministic per (seed, index), different under another seed.
        Assert.Equal(TrialRunner.ArmOf(trial, 42, 17), TrialRunner.ArmOf(trial, 42, 17));
        Assert.NotEqual(Enumerable.Range(0, 64).Select(i => TrialRunner.ArmOf(trial, 42, i)),
                        Enumerable.Range(0, 64).Select(i => TrialRunner.ArmOf(trial, 43, i)));
    }

    [Fact]
    public void Ketamine_drops_MADRS_more_than_midazolam_at_24_hours()
    {
        var r = new TrialRunner().Run(KetamineVsMidazolam(), 200, seed: 2026);
        var ket = r.Arm("ketamine").Visits[1];
        var mid = r.Arm("midazolam").Visits[1];
        Assert.Equal(24, ket.TimeHours);
        Assert.True(ket.N > 60 && mid.N > 60, $"arms {ket.N}/{mid.N}");
        Assert.True(ket.MeanChange < mid.MeanChange, $"ketamine {ket.MeanChange:F2} vs midazolam {mid.MeanChange:F2}");
        var cmp = r.Comparisons.Single(c => c.Arm == "ketamine" && c.TimeHours == 24);
        Assert.Equal("midazolam", cmp.Control);
        Assert.True(cmp.ChangeDifference!.Value.Difference < 0);
        Assert.InRange(ket.ResponseInterval.Lower, 0, ket.Response.Proportion);
        Assert.InRange(ket.ResponseInterval.Upper, ket.Response.Proportion, 1);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

public class TrialDefinitionTests
{
    private static TrialDefinition Valid => TrialRunnerTests.KetamineVsMidazolam();

    private static void Throws(TrialDefinition t, string fragment, int? n = null)
    {
        var ex = Assert.Throws<ArgumentException>(() => t.Validate(n));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact] public void Valid_definition_passes() => Valid.Validate(10);
    [Fact] public void No_arms() => Throws(Valid with { Arms = [] }, "no arms");
    [Fact]
    public void Arm_without_doses_is_valid_with_mechanism_settings() =>
        (Valid with { Arms = [Valid.Arms[0], Valid.Arms[1] with { RegimenTemplate = MechanismScenarios.KetamineTrd with { Doses = [] } }] }).Validate(10);
    [Fact]
    public void Arm_without_doses_or_mechanism() =>
        Throws(Valid with { Arms = [Valid.Arms[0], Valid.Arms[1] with { RegimenTemplate = MechanismScenarios.KetamineTrd with { Doses = [], Mechanism = null } }] }, "without doses needs them");
    [Fact] public void Zero_subjects() => Throws(Valid, "N must be > 0", n: 0);
    [Fact] public void Negative_subjects() => Throws(Valid, "N must be > 0", n: -5);
    [Fact] public void Zero_weight() => Throws(Valid with { Arms = [Valid.Arms[0] with { RandomisationWeight = 0 }, Valid.Arms[1]] }, "randomisation weight");
    [Fact] public void Negative_weight() => Throws(Valid with { Arms = [Valid.Arms[0], Valid.Arms[1] with { RandomisationWeight = -1 }] }, "randomisation weight");
    [Fact] public void Visit_after_the_end() => Throws(Valid with { VisitTimesHours = [24, 96] }, "outside [0, 72]");
    [Fact] public void Negative_visit() => Throws(Valid with { VisitTimesHours = [-1, 24] }, "outside [0, 72]");
    [Fact] public void Visits_not_increasing() => Throws(Valid with { VisitTimesHours = [24, 24, 48] }, "strictly increasing");
    [Fact] public void Unknown_control_arm() => Throws(Valid with { ControlArm = "saline" }, "control arm 'saline'");
    [Fact] public void Arm_without_mechanism() =>
        Throws(Valid with { Arms = [Valid.Arms[0] with { RegimenTemplate = MechanismScenarios.KetamineTrd with { Mechanism = null } }] }, "no mechanism");
    [Fact] public void Duplicate_arm_names() => Throws(Valid with { Arms = [Valid.Arms[0], Valid.Arms[0]] }, "used twice");
    [Fact] public void Runner_validates_too() =>
        Assert.Throws<ArgumentException>(() => new TrialRunner().Run(Valid, 0, 1));
}
