using System.Collections.Concurrent;
using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.Population.Tests.Trials;

/// <summary>Arms without drug, the HAM-D17 scale, the treatment-resistance override and randomised-withdrawal designs.</summary>
public class TrialDesignTests
{
    private static MechanismSettings Context(PlaceboKind kind) => new() { Patient = PatientState.TypicalTrd with { Placebo = kind } };

    private static Scenario NoDrug(PlaceboKind kind) => new()
    {
        Name = $"no-drug-{kind}",
        Doses = [],
        DurationHours = 8 * 168,
        Mechanism = Context(kind),
    };

    private static Scenario Escitalopram(PlaceboKind kind) => NoDrug(kind) with
    {
        Name = $"escitalopram-{kind}",
        Doses = [new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 55 }],
    };

    private static TrialDefinition PlaceboTrial(params TrialArm[] arms) =>
        new("placebo", PopulationLibrary.Get("mdd-adult"), arms, [168, 336, 672, 1344], 1344);

    [Fact]
    public void An_arm_without_drug_follows_the_placebo_only_course()
    {
        var trial = PlaceboTrial(new TrialArm("inert", NoDrug(PlaceboKind.Saline)), new TrialArm("untreated", NoDrug(PlaceboKind.None)));
        var r = new TrialRunner(chunkSize: 8).Run(trial, 40, seed: 5);
        var inert = r.Arm("inert");
        var untreated = r.Arm("untreated");
        Assert.Equal(40, inert.Randomised + untreated.Randomised);
        foreach (var v in inert.Visits.Concat(untreated.Visits))
        {
            Assert.True(double.IsFinite(v.MeanChange));
            Assert.True(v.N > 5);
        }
        // Expectation improves MADRS under an inert placebo; with no context and no drug the state stays where it was.
        Assert.True(inert.Visits[^1].MeanChange < -0.5, $"inert placebo change {inert.Visits[^1].MeanChange:F2}");
        Assert.InRange(untreated.Visits[^1].MeanChange, -0.5, 0.5);
        Assert.True(inert.Visits[^1].MeanChange < untreated.Visits[^1].MeanChange);
    }

    [Fact]
    public void A_single_no_drug_subject_matches_its_placebo_component()
    {
        var trial = PlaceboTrial(new TrialArm("inert", NoDrug(PlaceboKind.Saline)));
        var outcome = new TrialRunner().SimulateSubject(trial, 3, 0);
        var subject = PopulationSampler.Sample(trial.Population, 3, 0);
        Assert.InRange(outcome.Baseline - subject.Patient.BaselineMadrs, -1e-3, 1e-3);
        // The trial's visits are contacts with care (they reinforce expectancy): the same contacts in the direct run.
        var run = ScenarioRunner.Shared.Run(subject.Apply(NoDrug(PlaceboKind.Saline) with
        { OutputTimesHours = trial.VisitTimesHours, CareContacts = TrialRunner.CareContactsOf(trial, trial.Arms[0]) }));
        var madrs = Endpoints.AtVisits(run.TimesHours, run.Observable(MechanismNames.Madrs), trial.VisitTimesHours);
        var placebo = Endpoints.AtVisits(run.TimesHours, run.Observable(MechanismNames.MadrsPlacebo), trial.VisitTimesHours);
        for (int v = 0; v < madrs.Length; v++)
        {
            Assert.Equal(madrs[v], outcome.Scores[v]!.Value, 9);
            // No drug: the change from baseline is the expectation improvement (placebo component) alone.
            Assert.InRange(outcome.Scores[v]!.Value - outcome.Baseline + placebo[v], -0.05, 0.05);
        }
        Assert.True(placebo[^1] > 0);
    }

    [Fact]
    public void Escitalopram_beats_inert_tablets_at_8_weeks()
    {
        var trial = PlaceboTrial(new TrialArm("escitalopram", Escitalopram(PlaceboKind.Saline)), new TrialArm("placebo", NoDrug(PlaceboKind.Saline))) with { ControlArm = "placebo" };
        var r = new TrialRunner(chunkSize: 8).Run(trial, 60, seed: 9);
        var cmp = r.Comparisons.Single(c => c.Arm == "escitalopram" && c.TimeHours == 1344);
        Assert.True(cmp.ChangeDifference!.Value.Difference < 0, $"difference {cmp.ChangeDifference.Value.Difference:F2}");
    }

    [Fact]
    public void Hamd17_scale_rates_the_converted_score()
    {
        var madrsTrial = PlaceboTrial(new TrialArm("inert", NoDrug(PlaceboKind.Saline)));
        var hamdTrial = madrsTrial with { Scale = RatingScale.Hamd17, RemissionThreshold = Endpoints.Hamd17Remission };
        var runner = new TrialRunner();
        var m = runner.SimulateSubject(madrsTrial, 1, 4);
        var h = runner.SimulateSubject(hamdTrial, 1, 4);
        Assert.Equal(m.Baseline * SymptomsModule.HamdPerMadrs, h.Baseline, 6);
        for (int v = 0; v < m.Scores.Count; v++) Assert.Equal(m.Scores[v]!.Value * SymptomsModule.HamdPerMadrs, h.Scores[v]!.Value, 6);
        var result = runner.Run(hamdTrial with { MeasurementNoise = true }, 16, 1);
        Assert.Equal(RatingScale.Hamd17, result.Scale);
        Assert.All(result.Arms[0].Visits, v => Assert.True(double.IsFinite(v.MeanChange)));
    }

    [Fact]
    public void Treatment_resistance_override_replaces_the_population_draw()
    {
        // mdd-adult draws nobody treatment-resistant; forcing TRD lowers the serotonergic effect of escitalopram.
        var trial = PlaceboTrial(new TrialArm("esc", Escitalopram(PlaceboKind.None)));
        var forced = trial with { Arms = [trial.Arms[0] with { TreatmentResistant = true }] };
        var runner = new TrialRunner();
        var free = runner.SimulateSubject(trial, 2, 1);
        var trd = runner.SimulateSubject(forced, 2, 1);
        Assert.Equal(free.Baseline, trd.Baseline, 9);
        Assert.True(trd.Scores[^1] > free.Scores[^1], $"TRD {trd.Scores[^1]:F2} vs non-TRD {free.Scores[^1]:F2}");
    }

    // ---- Randomised withdrawal ----

    /// <summary>Open-label ketamine weekly for 4 weeks in everyone; stable remitters randomised at week 4 to continue or stop.</summary>
    internal static TrialDefinition Withdrawal(int stableVisits = 2)
    {
        var ketamine = new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40 / 60.0, IntervalHours = 72 };
        var course = MechanismScenarios.KetamineTrd with { Mechanism = Context(PlaceboKind.Saline), DurationHours = 10 * 168 };
        var visits = new List<double> { 24, 72 };
        for (int w = 1; w <= 10; w++) visits.Add(w * 168);
        return new TrialDefinition("withdrawal", PopulationLibrary.Get("trd-adult"),
            [
                new TrialArm("continue", course with { Doses = [ketamine with { AdditionalDoses = 23 }] }),
                new TrialArm("stop", course with { Doses = [ketamine with { AdditionalDoses = 9 }] }),
            ],
            visits, 10 * 168)
        {
            Withdrawal = new WithdrawalDesign(4 * 168, stableVisits),
            RemissionThreshold = 12,
            ControlArm = "stop",
        };
    }

    [Fact]
    public void Withdrawal_definition_is_valid_and_checks_the_open_label_phase()
    {
        var t = Withdrawal();
        t.Validate(10);
        Assert.Equal(6, t.OpenLabelVisitCount);
        var differs = t with { Arms = [t.Arms[0], t.Arms[1] with { RegimenTemplate = t.Arms[1].RegimenTemplate with { Doses = [t.Arms[1].RegimenTemplate.Doses[0] with { Amount = DoseAmount.MgPerKg(0.4) }] } }] };
        var e = Assert.Throws<ArgumentException>(() => differs.Validate());
        Assert.Contains("open-label phase must be the same", e.Message);
        Assert.Throws<ArgumentException>(() => (t with { Withdrawal = new WithdrawalDesign(10 * 168) }).Validate());
        Assert.Throws<ArgumentException>(() => (t with { Withdrawal = new WithdrawalDesign(30, 2) }).Validate());   // 1 visit before 30 h
        Assert.Throws<ArgumentException>(() => (t with { Withdrawal = new WithdrawalDesign(4 * 168, 0) }).Validate());
    }

    [Fact]
    public void Only_stable_remitters_are_randomised_and_relapse_counts_from_randomisation()
    {
        var trial = Withdrawal();
        var runner = new TrialRunner(chunkSize: 8);
        var outcomes = new ConcurrentDictionary<long, SubjectOutcome>();
        var r = runner.Run(trial, 48, seed: 4, onSubject: o => outcomes[o.Index] = o);
        Assert.Equal(48, outcomes.Count);
        Assert.Equal(48, r.NotRandomised + r.Arms.Sum(a => a.Randomised));
        Assert.Equal(4 * 168, r.RandomisationHours);
        Assert.True(r.NotRandomised > 0, "some subjects are not stable remitters");
        Assert.True(r.Arms.Sum(a => a.Randomised) > 0, "some subjects are stable remitters");
        double randomisation = trial.Withdrawal!.RandomisationHours;
        foreach (var o in outcomes.Values)
        {
            if (!o.IsRandomised)
            {
                Assert.Equal(-1, o.Arm);
                Assert.Equal(TrialRunner.NotRandomisedArmName, o.ArmName);
                Assert.False(o.RelapseEvaluable);
                continue;
            }
            Assert.True(o.Remitted[4] && o.Remitted[5], "stable remitter at the last two visits before randomisation");
            Assert.Equal(trial.Arms[o.Arm].Name, o.ArmName);
            Assert.True(o.RelapseEvaluable);
            Assert.Equal(randomisation, o.RelapseOriginHours);
            if (o.RelapseHours is { } h) Assert.Contains(h + randomisation, trial.VisitTimesHours.Skip(6));
            // Before randomisation both arms gave the same doses: the open-label scores are the arm-0 course.
            var open = runner.SimulateSubject(trial with { Withdrawal = null, Arms = [trial.Arms[0]] }, 4, o.Index);
            for (int v = 0; v < 6; v++) Assert.Equal(open.Scores[v]!.Value, o.Scores[v]!.Value, 6);
        }
        // The relapse tables hold days since randomisation (at most 6 weeks of follow-up).
        foreach (var arm in r.Arms)
        {
            Assert.Equal(arm.Randomised, arm.RelapseDays.SubjectCount);
            Assert.All(arm.RelapseDays.Rows(), row => Assert.InRange(row.Time, 0, 42));
        }
    }

    [Fact]
    public void Stopping_the_drug_relapses_more_than_continuing_it()
    {
        var r = new TrialRunner(chunkSize: 16).Run(Withdrawal(), 160, seed: 11);
        var cont = r.Arm("continue");
        var stop = r.Arm("stop");
        Assert.True(cont.Randomised >= 2 && stop.Randomised >= 2, $"randomised {cont.Randomised}/{stop.Randomised}");
        double Fraction(ArmSummary a) => (double)a.RelapseDays.Rows().Sum(x => x.Events) / a.RelapseDays.SubjectCount;
        Assert.True(Fraction(stop) >= Fraction(cont), $"relapse stop {Fraction(stop):P0} vs continue {Fraction(cont):P0}");
        Assert.True(stop.Visits[^1].MeanChange > cont.Visits[^1].MeanChange);
    }

    [Fact]
    public void Withdrawal_is_bitwise_identical_for_one_and_all_threads()
    {
        var trial = Withdrawal() with { MeasurementNoise = true, DropoutHazardPerWeek = 0.05 };
        var runner = new TrialRunner(chunkSize: 4);
        var one = runner.Run(trial, 40, seed: 21, maxThreads: 1);
        var all = runner.Run(trial, 40, seed: 21);
        Assert.Equal(one.NotRandomised, all.NotRandomised);
        Assert.Equal(TrialRunnerTests.Bits(one), TrialRunnerTests.Bits(all));
    }

    [Fact]
    public void A_withdrawal_subject_is_the_same_alone_as_in_the_trial()
    {
        var trial = Withdrawal();
        var runner = new TrialRunner(chunkSize: 4);
        var outcomes = new ConcurrentDictionary<long, SubjectOutcome>();
        runner.Run(trial, 16, seed: 8, onSubject: o => outcomes[o.Index] = o);
        foreach (var (i, o) in outcomes)
        {
            var alone = runner.SimulateSubject(trial, 8, i);
            Assert.Equal(o.Arm, alone.Arm);
            Assert.Equal(o.Scores, alone.Scores);
            Assert.Equal(o.RelapseHours, alone.RelapseHours);
        }
    }
}
