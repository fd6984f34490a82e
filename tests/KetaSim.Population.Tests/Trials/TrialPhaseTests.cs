using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.Population.Tests.Trials;

/// <summary>Phased designs: entry criteria on hand-computed cases, dosing rules, and phase-by-phase simulation.</summary>
public class TrialPhaseTests
{
    private const double Week = 168;

    /// <summary>Four weekly visits, two phases of two weeks; the first phase remits at MADRS ≤ 12, the trial at ≤ 10.</summary>
    private static TrialDefinition TwoPhases(PhaseEntry entry) => new(
        "two-phases", PopulationLibrary.Get("trd-adult"), [new TrialArm("a", MechanismScenarios.EsketamineTrd(56))],
        [Week, 2 * Week, 3 * Week, 4 * Week], 4 * Week)
    {
        Phases =
        [
            new TrialPhase("induction", 0, 2 * Week) { RemissionThreshold = 12 },
            new TrialPhase("maintenance", 2 * Week, 4 * Week) { Entry = entry },
        ],
    };

    [Theory]
    // baseline, visit 1, visit 2 (the end of induction)
    [InlineData(PhaseEntryKind.All, 1, 30, 29, 29, null, true)]
    [InlineData(PhaseEntryKind.All, 1, 30, 29, 29, 300.0, false)]            // dropped out before the phase
    [InlineData(PhaseEntryKind.Responders, 1, 30, 29, 15, null, true)]       // 50% fall exactly
    [InlineData(PhaseEntryKind.Responders, 1, 30, 10, 16, null, false)]      // responded at visit 1 but not at the end
    [InlineData(PhaseEntryKind.Remitters, 1, 30, 29, 12, null, true)]        // the induction's threshold, 12, not the trial's 10
    [InlineData(PhaseEntryKind.Remitters, 1, 30, 5, 13, null, false)]
    [InlineData(PhaseEntryKind.StableRemitters, 2, 30, 12, 11, null, true)]
    [InlineData(PhaseEntryKind.StableRemitters, 2, 30, 13, 11, null, false)]
    [InlineData(PhaseEntryKind.StableRemitters, 1, 30, 13, 11, null, true)]
    public void Entry_is_judged_on_the_rated_scores_of_the_previous_phase(PhaseEntryKind kind, int k, double baseline, double v1, double v2, double? dropout, bool enters)
    {
        var trial = TwoPhases(new PhaseEntry(kind, k));
        trial.Validate();
        Assert.Equal(enters, TrialRunner.Qualifies(trial, 1, [baseline, v1, v2, 0, 0], dropout));
    }

    [Fact]
    public void Visits_belong_to_the_phase_that_ends_at_or_after_them()
    {
        var trial = TwoPhases(PhaseEntry.All);
        Assert.Equal([0, 0, 1, 1], Enumerable.Range(0, 4).Select(trial.PhaseOfVisit));
        Assert.Equal((0, 2), trial.VisitsOfPhase(0));
        Assert.Equal((2, 4), trial.VisitsOfPhase(1));
        Assert.Equal(12, trial.RemissionThresholdAtVisit(1));
        Assert.Equal(10, trial.RemissionThresholdAtVisit(2));
    }

    [Fact]
    public void Validation_refuses_gaps_uncovered_time_and_entry_without_visits()
    {
        var trial = TwoPhases(PhaseEntry.All);
        Assert.Throws<ArgumentException>(() => (trial with { Phases = [trial.Phases[0], trial.Phases[1] with { StartHours = 3 * Week }] }).Validate());
        Assert.Throws<ArgumentException>(() => (trial with { Phases = [trial.Phases[0]] }).Validate());
        Assert.Throws<ArgumentException>(() => (trial with { VisitTimesHours = [3 * Week, 4 * Week], Phases = [trial.Phases[0], trial.Phases[1] with { Entry = new PhaseEntry(PhaseEntryKind.Responders) }] }).Validate());
        Assert.Throws<ArgumentException>(() => (trial with { Phases = [trial.Phases[0], trial.Phases[1] with { Entry = new PhaseEntry(PhaseEntryKind.StableRemitters, 3) }] }).Validate());
    }

    private static readonly DoseAmount[] Levels = [DoseAmount.Mg(28), DoseAmount.Mg(56), DoseAmount.Mg(84)];

    private static DosingRule Label() => new(new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56) }, Levels)
    {
        StartLevel = 1,
        StartWhen = [new RuleStart(Parse("age >= 65"), 0)],
        StepUpWhen = Parse("improvement < 0.5"),
        Every = [new RuleInterval(Parse("madrs > 12"), Week), new RuleInterval(null, 2 * Week)],
    };

    private static RuleCondition Parse(string text) => RuleCondition.TryParse(text, out var problem) ?? throw new InvalidOperationException(problem);

    [Fact]
    public void Label_rule_start_titration_and_frequency()
    {
        var rule = Label();
        // Start: 56 mg, 28 mg from 65 years.
        Assert.Equal(1, rule.FirstLevel(new RuleInputs(30, 0, 40, 0), -1));
        Assert.Equal(0, rule.FirstLevel(new RuleInputs(30, 0, 65, 0), -1));
        Assert.Equal(0, rule.FirstLevel(new RuleInputs(30, 0, 80, 0), 2));
        // Continue (no start level): the previous level, else the lowest.
        var cont = rule with { StartLevel = null, StartWhen = [] };
        Assert.Equal(2, cont.FirstLevel(new RuleInputs(30, 0, 40, 0), 2));
        Assert.Equal(0, cont.FirstLevel(new RuleInputs(30, 0, 40, 0), -1));
        // Titration: one step up while not responding, not past the top; kept once responding.
        Assert.Equal(2, rule.NextLevel(new RuleInputs(20, 0.33, 40, 1), 1));
        Assert.Equal(2, rule.NextLevel(new RuleInputs(20, 0.33, 40, 2), 2));
        Assert.Equal(1, rule.NextLevel(new RuleInputs(14, 0.5, 40, 2), 1));
        // Frequency by severity: weekly while MADRS > 12, every other week once MADRS <= 12.
        Assert.Equal(Week, rule.IntervalFor(new RuleInputs(12.5, 0.6, 40, 3)));
        Assert.Equal(2 * Week, rule.IntervalFor(new RuleInputs(12, 0.6, 40, 3)));
    }

    [Theory]
    [InlineData("madrs > 12", RuleVariable.Madrs, ">", 12)]
    [InlineData("  Improvement<0.5", RuleVariable.Improvement, "<", 0.5)]
    [InlineData("age >= 65", RuleVariable.Age, ">=", 65)]
    [InlineData("sessions == 4", RuleVariable.Sessions, "==", 4)]
    public void Conditions_parse(string text, RuleVariable variable, string op, double value) =>
        Assert.Equal(new RuleCondition(variable, op, value), Parse(text));

    [Theory]
    [InlineData("mood > 3", "unknown rule variable 'mood'")]
    [InlineData("madrs > twelve", "'twelve' is not a number")]
    [InlineData("madrs 12", "no comparison")]
    public void Bad_conditions_say_why(string text, string problem)
    {
        Assert.Null(RuleCondition.TryParse(text, out var why));
        Assert.Contains(problem, why);
    }

    /// <summary>Esketamine 56 mg days 1 and 4 with the oral AD, visits 2 h, 24 h, day 8 — unphased, or as one phase.</summary>
    private static TrialDefinition Clin5(bool phased) => new(
        "clin5", PopulationLibrary.Get("trd-adult"), [new TrialArm("esketamine", MechanismScenarios.EsketamineTrd(56))], [2, 24, 168], 192)
    {
        Phases = phased ? [new TrialPhase("only", 0, 192)] : [],
    };

    [Fact]
    public void One_phase_gives_the_unphased_course_to_solver_tolerance()
    {
        var runner = new TrialRunner();
        for (long i = 0; i < 2; i++)
        {
            var a = runner.SimulateSubject(Clin5(false), 3, i);
            var b = runner.SimulateSubject(Clin5(true), 3, i);
            Assert.Equal(a.Baseline, b.Baseline, 9);
            for (int v = 0; v < 3; v++) Assert.True(Math.Abs(a.Scores[v]!.Value - b.Scores[v]!.Value) < 1e-3, $"subject {i} visit {v}: {a.Scores[v]} vs {b.Scores[v]}");
            Assert.Equal(1, b.PhasesEntered);
            Assert.Equal(0, a.PhasesEntered);
        }
    }

    /// <summary>Clin5 with the label's dose-hold rule and a resting blood pressure; optionally without the esketamine doses.</summary>
    private static TrialDefinition Clin5Held(bool phased, double restingSystolic, bool withoutEsketamine = false)
    {
        var t = Clin5(phased);
        var template = t.Arms[0].RegimenTemplate;
        template = template with
        {
            Doses = withoutEsketamine ? [.. template.Doses.Where(d => d.Compound != "esketamine")] : template.Doses,
            DoseHold = KetaSim.Biology.Safety.DoseHoldPolicy.Label,
            Mechanism = template.Mechanism! with { Patient = template.Mechanism.Patient with { BaselineSystolicMmHg = restingSystolic, BaselineDiastolicMmHg = 80 } },
        };
        return t with { Arms = [t.Arms[0] with { RegimenTemplate = template }] };
    }

    [Fact]
    public void The_dose_hold_rule_gives_the_same_course_phased_and_unphased_when_nothing_is_held()
    {
        var runner = new TrialRunner();
        var a = runner.SimulateSubject(Clin5Held(false, 120), 3, 0);
        var b = runner.SimulateSubject(Clin5Held(true, 120), 3, 0);
        Assert.Equal(0, a.HeldDoses);
        Assert.Equal(0, b.HeldDoses);
        for (int v = 0; v < 3; v++) Assert.True(Math.Abs(a.Scores[v]!.Value - b.Scores[v]!.Value) < 1e-3, $"visit {v}: {a.Scores[v]} vs {b.Scores[v]}");
    }

    [Fact]
    public void A_phased_subject_whose_every_session_is_held_has_the_course_without_them()
    {
        var runner = new TrialRunner();
        var held = runner.SimulateSubject(Clin5Held(true, 160), 3, 0);
        var none = runner.SimulateSubject(Clin5Held(false, 160, withoutEsketamine: true), 3, 0);
        Assert.Equal(2, held.HeldDoses);
        for (int v = 0; v < 3; v++) Assert.True(Math.Abs(held.Scores[v]!.Value - none.Scores[v]!.Value) < 1e-3, $"visit {v}: {held.Scores[v]} vs {none.Scores[v]}");
    }

    /// <summary>Two weeks of a dosing rule, then a follow-up phase entered by remitters at MADRS ≤ <paramref name="threshold"/>.</summary>
    private static TrialDefinition RuleThenFollowUp(double threshold, int? maxSessions = null) => new(
        "rule-then-follow-up", PopulationLibrary.Get("trd-adult"),
        [new TrialArm("esketamine", MechanismScenarios.EsketamineTrd(56) with { Doses = [MechanismScenarios.OralAntidepressant with { AdditionalDoses = 27 }] })],
        [Week, 2 * Week, 3 * Week, 4 * Week], 4 * Week)
    {
        Phases =
        [
            new TrialPhase("induction", 0, 2 * Week) { RemissionThreshold = threshold, Regimen = new PhaseRegimen { Rule = Label() with { MaxSessions = maxSessions, Every = [new RuleInterval(null, 84)] } } },
            new TrialPhase("follow-up", 2 * Week, 4 * Week) { Entry = new PhaseEntry(PhaseEntryKind.Remitters) },
        ],
    };

    [Fact]
    public void Rule_sessions_change_the_course_and_non_entrants_leave_the_trial()
    {
        var runner = new TrialRunner();
        var all = runner.SimulateSubject(RuleThenFollowUp(60), 1, 0);
        var one = runner.SimulateSubject(RuleThenFollowUp(60, maxSessions: 1), 1, 0);
        Assert.Equal(2, all.PhasesEntered);
        Assert.All(all.Scores, s => Assert.NotNull(s));
        Assert.True(Math.Abs(all.Scores[1]!.Value - one.Scores[1]!.Value) > 0.1, $"four sessions vs one should differ at week 2: {all.Scores[1]} vs {one.Scores[1]}");
        var none = runner.SimulateSubject(RuleThenFollowUp(0), 1, 0);
        Assert.Equal(1, none.PhasesEntered);
        Assert.NotNull(none.Scores[1]);
        Assert.Null(none.Scores[2]);
        Assert.Null(none.Scores[3]);
    }

    [Fact]
    public void A_phase_nobody_enters_is_an_error_naming_how_many_qualified()
    {
        var e = Assert.Throws<TrialPhaseEntryException>(() => new TrialRunner(chunkSize: 2).Run(RuleThenFollowUp(0), 3, 1, maxThreads: 1));
        Assert.Equal(1, e.PhaseIndex);
        Assert.Equal(0, e.Qualified);
        Assert.Equal(3, e.Candidates);
        Assert.Contains("0 of 3 qualified", e.Message);
    }
}
