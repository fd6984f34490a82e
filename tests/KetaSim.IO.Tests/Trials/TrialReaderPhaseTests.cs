using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Symptoms;
using KetaSim.IO.Input;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Trials;

/// <summary>Phases, dosing rules, inert sessions and continued doses: what they read into, and one located line for each bad value.</summary>
public class TrialReaderPhaseTests
{
    private const string File = TrialReaderTests.File;

    internal const string Phased = """
        name: phased
        population: trd-adult
        duration: 8 weeks
        visits: [{ every: 1 week, until: 8 week }]
        placebo: open-label
        background:
          - { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 8 weeks, continued: true }
        arms:
          - name: continue
            doses: []
          - name: stop
            doses: []
        endpoints:
          remission: { madrs_max: 12 }
        phases:
          - name: induction
            duration: 4 weeks
            placebo: continued-oral-antidepressant
            remission: { madrs_max: 14 }
            sessions: twice weekly for 1 week
            dosing:
              drug: esketamine
              route: intranasal
              levels: [28 mg, 56 mg, 84 mg]
              start: 56 mg
              start_when: [{ when: "age >= 65", dose: 28 mg }]
              step_up_when: "improvement < 0.5"
              every: 3.5 d
              max_sessions: 8
          - name: maintenance
            duration: 4 weeks
            entry: stable-remitters
            stable_visits: 2
            randomise: true
            arms:
              - name: continue
                dosing:
                  drug: esketamine
                  route: intranasal
                  levels: [28 mg, 56 mg, 84 mg]
                  start: continue
                  every:
                    - { when: "madrs > 12", interval: 1 week }
                    - { interval: 2 week }
              - name: stop
                sessions: weekly for 4 weeks
        """;

    [Fact]
    public void Reads_phases_rules_sessions_and_continued_doses()
    {
        var t = TrialReader.Read(Phased, File);
        Assert.Equal(2, t.Phases.Count);
        var (induction, maintenance) = (t.Phases[0], t.Phases[1]);
        Assert.Equal((0.0, 672.0), (induction.StartHours, induction.EndHours));
        Assert.Equal((672.0, 1344.0), (maintenance.StartHours, maintenance.EndHours));
        Assert.Equal(PlaceboKind.ContinuedOralAntidepressant, induction.Placebo);
        Assert.Equal(14, induction.RemissionThreshold);
        Assert.Equal([0.0, 72], induction.Regimen.SessionTimesHours);
        var rule = induction.Regimen.Rule!;
        Assert.Equal("esketamine", rule.Template.Compound);
        Assert.Equal([DoseAmount.Mg(28), DoseAmount.Mg(56), DoseAmount.Mg(84)], rule.Levels);
        Assert.Equal(1, rule.StartLevel);
        Assert.Equal(new RuleStart(new RuleCondition(RuleVariable.Age, ">=", 65), 0), Assert.Single(rule.StartWhen));
        Assert.Equal(new RuleCondition(RuleVariable.Improvement, "<", 0.5), rule.StepUpWhen);
        Assert.Equal(84, Assert.Single(rule.Every).IntervalHours);
        Assert.Equal(8, rule.MaxSessions);
        Assert.Equal(new PhaseEntry(PhaseEntryKind.StableRemitters, 2), maintenance.Entry);
        Assert.True(maintenance.Randomise);
        Assert.Equal(1, t.RandomisedPhaseIndex);
        var cont = maintenance.ArmRegimens["continue"].Rule!;
        Assert.Null(cont.StartLevel);
        Assert.Equal([168.0, 336], cont.Every.Select(e => e.IntervalHours));
        Assert.Equal([672.0, 840, 1008, 1176], maintenance.ArmRegimens["stop"].SessionTimesHours);
        Assert.All(t.Arms, a => Assert.All(a.RegimenTemplate.Doses, d => Assert.True(d.Continued)));
        Assert.Equal(14, t.RemissionThresholdAtVisit(3));
        Assert.Equal(12, t.RemissionThresholdAtVisit(4));
    }

    [Fact]
    public void Visits_and_inert_sessions_become_care_contacts()
    {
        var t = TrialReader.Read("""
            name: spray
            population: trd-adult
            duration: 14 d
            visits: [7 d, 14 d]
            placebo: continued-oral-antidepressant
            sessions: on days 1, 8
            arms:
              - name: placebo-spray
                sessions: on days 4, 11
            """, File);
        var template = TrialRunner.TemplateFor(t, t.Arms[0]);
        Assert.Equal(
            [new CareContact(0, CareContactKind.Session), new CareContact(168, CareContactKind.Session), new CareContact(72, CareContactKind.Session),
             new CareContact(240, CareContactKind.Session), new CareContact(0, CareContactKind.Visit), new CareContact(168, CareContactKind.Visit),
             new CareContact(336, CareContactKind.Visit)],
            template.CareContacts);   // the baseline visit (t = 0) is a contact too
        // Merged: the session on day 8 absorbs the visit of the same day.
        Assert.Equal([0.0, 72, 168, 240, 336], CareContacts.Of(template).Select(c => c.TimeHours));
        Assert.Equal(CareContactKind.Session, CareContacts.Of(template).Single(c => c.TimeHours == 168).Kind);
        Assert.Equal(CareContactKind.Visit, CareContacts.Of(template)[^1].Kind);
    }

    private static InputException Fail(string yaml)
    {
        var e = Assert.Throws<InputException>(() => TrialReader.Read(yaml, File));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{File}:{e.Line}:", e.Message);
        Assert.Contains("allowed: ", e.Message);
        return e;
    }

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("entry: stable-remitters", "entry: remiters", "phases[1].entry", "remiters", "did you mean 'remitters'?")]
    [InlineData("stable_visits: 2", "stable_visits: 5", "phases[1].stable_visits", "5", "judged on 5 visit(s) of phase 'induction', which has 4")]
    [InlineData("step_up_when: \"improvement < 0.5\"", "step_up_when: \"mood < 0.5\"", "phases[0].dosing.step_up_when", "mood < 0.5", "unknown rule variable 'mood'")]
    [InlineData("levels: [28 mg, 56 mg, 84 mg]\n      start: 56 mg", "levels: [56 mg, 28 mg, 84 mg]\n      start: 56 mg", "phases[0].dosing.levels[1]", "28 mg", "levels must increase")]
    [InlineData("levels: [28 mg, 56 mg, 84 mg]\n      start: 56 mg", "levels: [28 mg, 50 mg, 84 mg]\n      start: 56 mg", "phases[0].dosing.levels[1]", "50 mg", "whole 28-mg devices")]
    [InlineData("start: 56 mg", "start: 70 mg", "phases[0].dosing.start", "70 mg", "not one of the rule's levels")]
    [InlineData("every: 3.5 d", "every: 0 h", "phases[0].dosing.every", "0 h", "from 1 h to 52 weeks")]
    [InlineData("max_sessions: 8", "max_sessions: -1", "phases[0].dosing.max_sessions", "-1", "not a whole number")]
    [InlineData("sessions: twice weekly for 1 week", "sessions: twice weekly for 5 weeks", "phases[0].sessions", "twice weekly for 5 weeks", "falls outside the phase")]
    [InlineData("sessions: twice weekly for 1 week", "sessions: twice wekly", "phases[0].sessions", "twice wekly", "expected")]
    [InlineData("placebo: continued-oral-antidepressant\n", "placebo: sugar-pill\n", "phases[0].placebo", "sugar-pill", "unknown placebo context")]
    [InlineData("randomise: true", "randomise: maybe", "phases[1].randomise", "maybe", "not a yes/no value")]
    [InlineData("    duration: 4 weeks\n    entry", "    duration: 3 weeks\n    entry", "phases[1].duration", "3 weeks", "the phases end at 7 week but the trial lasts 8 week")]
    [InlineData("      - name: stop\n", "      - name: stopp\n", "phases[1].arms[1].name", "stopp", "did you mean 'stop'?")]
    [InlineData("remission: { madrs_max: 14 }", "remission: { hamd17_max: 5 }", "phases[0].remission.hamd17_max", "5", "the trial is rated on MADRS")]
    [InlineData("schedule: daily for 8 weeks, continued: true", "schedule: daily for 8 weeks, continued: perhaps", "background[0].continued", "perhaps", "not a yes/no value")]
    [InlineData("max_sessions: 8", "stop_when: \"mood <= 10\"\n      max_sessions: 8", "phases[0].dosing.stop_when", "mood <= 10", "unknown rule variable 'mood'")]
    [InlineData("max_sessions: 8", "retreat_when: \"madrs >= 22\"", "phases[0].dosing.retreat_when", "madrs >= 22", "a course never ends")]
    [InlineData("max_sessions: 8", "max_retreatments: 2\n      max_sessions: 8", "phases[0].dosing.max_retreatments", "2", "no retreat_when")]
    [InlineData("max_sessions: 8", "duration: 40 min\n      max_sessions: 8", "phases[0].dosing.duration", "40 min", "only an infusion has a duration")]
    [InlineData("remission: { madrs_max: 12 }", "relapse: { kind: loss-of-responce }\n  remission: { madrs_max: 12 }", "endpoints.relapse.kind", "loss-of-responce", "did you mean 'loss-of-response'?")]
    [InlineData("remission: { madrs_max: 12 }", "relapse: { kind: loss-of-response, phase: maintenence }\n  remission: { madrs_max: 12 }", "endpoints.relapse.phase", "maintenence", "did you mean 'maintenance'?")]
    [InlineData("remission: { madrs_max: 12 }", "relapse: { kind: loss-of-remission, madrs_min: 22 }\n  remission: { madrs_max: 12 }", "endpoints.relapse.madrs_min", "22", "only used with kind: threshold")]
    [InlineData("remission: { madrs_max: 12 }", "relapse: { reference: phase-entry }\n  remission: { madrs_max: 12 }", "endpoints.relapse.reference", "phase-entry", "only used with kind: loss-of-response")]
    [InlineData("remission: { madrs_max: 12 }", "relapse: { clock: yesterday }\n  remission: { madrs_max: 12 }", "endpoints.relapse.clock", "yesterday", "start, randomisation, phase-entry, last-dose")]
    public void Bad_phase_values_are_located(string good, string bad, string field, string value, string fragment)
    {
        Assert.Contains(good, Phased);
        var yaml = Phased.Replace(good, bad);
        var e = Fail(yaml);
        Assert.Equal(field, e.Field);
        Assert.Equal(value, e.Value);
        Assert.Contains(fragment, e.Message);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Equal(LineOf(yaml, bad.Split('\n')[0].Trim()), e.Line);
    }

    [Fact]
    public void Entry_on_the_first_phase_is_refused()
    {
        var yaml = Phased.Replace("    placebo: continued-oral-antidepressant\n", "    entry: responders\n");
        var e = Fail(yaml);
        Assert.Equal("phases[0].entry", e.Field);
        Assert.Contains("the first phase takes every subject", e.Message);
    }

    [Fact]
    public void Arm_regimen_before_the_randomising_phase_is_refused()
    {
        var yaml = Phased.Replace("    sessions: twice weekly for 1 week\n", "    sessions: twice weekly for 1 week\n    arms: [{ name: stop, sessions: on days 2 }]\n");
        var e = Fail(yaml);
        Assert.Equal("phases[0].arms", e.Field);
        Assert.Contains("randomised only at phase 'maintenance'", e.Message);
    }

    [Fact]
    public void Continued_dose_must_be_oral_and_go_on_from_t0()
    {
        var nasal = Phased.Replace("  - { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 8 weeks, continued: true }",
            "  - { drug: esketamine, route: intranasal, amount: 56 mg, schedule: weekly for 8 weeks, continued: true }");
        var e = Fail(nasal);
        Assert.Equal("background[0].continued", e.Field);
        Assert.Contains("taken at home before the trial", e.Message);
        var late = Phased.Replace("schedule: daily for 8 weeks, continued: true", "schedule: daily for 7 weeks, start: 1 week, continued: true");
        e = Fail(late);
        Assert.Equal("background[0].continued", e.Field);
        Assert.Contains("goes on from t = 0", e.Message);
    }

    [Fact]
    public void Phases_and_withdrawal_together_are_refused()
    {
        var yaml = Phased.Replace("endpoints:", "withdrawal: { randomise_at: 4 week }\nendpoints:");
        var e = Fail(yaml);
        Assert.Equal("withdrawal", e.Field);
        Assert.Contains("phases or a withdrawal block, not both", e.Message);
    }

    [Fact]
    public void Relapse_kind_reference_clock_phase_and_stop_and_retreat_rules_read()
    {
        var yaml = Phased
            .Replace("remission: { madrs_max: 12 }", "remission: { madrs_max: 12 }\n  relapse: { kind: loss-of-response, reference: phase-entry, clock: last-dose, phase: maintenance, consecutive_visits: 1 }")
            .Replace("max_sessions: 8", "max_sessions: 8\n      stop_when: \"madrs <= 10\"\n      retreat_when: \"improvement < 0.5\"\n      max_retreatments: 2");
        var trial = TrialReader.Read(yaml, File);
        Assert.Equal(RelapseKind.LossOfResponse, trial.Relapse.Kind);
        Assert.Equal(RelapseReference.PhaseEntry, trial.Relapse.Reference);
        Assert.Equal(RelapseClock.LastDose, trial.Relapse.Clock);
        Assert.Equal("maintenance", trial.Relapse.Phase);
        Assert.Equal(1, trial.RelapsePhaseIndex);
        Assert.Equal(1, trial.Relapse.ConsecutiveVisits);
        var rule = trial.Phases[0].Regimen.Rule!;
        Assert.Equal("madrs <= 10", rule.StopWhen!.ToString());
        Assert.Equal("improvement < 0.5", rule.RetreatWhen!.ToString());
        Assert.Equal(2, rule.MaxRetreatments);
        Assert.Null(rule.Template.DurationHours);

        // An infusion rule carries its duration; a relapse block without the new keys keeps the original threshold rule.
        var infusion = TrialReader.Read(Phased.Replace("drug: esketamine\n      route: intranasal\n      levels: [28 mg, 56 mg, 84 mg]\n      start: 56 mg\n      start_when: [{ when: \"age >= 65\", dose: 28 mg }]",
            "drug: ketamine\n      route: iv-infusion\n      duration: 40 min\n      levels: [0.5 mg/kg]\n      start: 0.5 mg/kg"), File);
        Assert.Equal(40.0 / 60, infusion.Phases[0].Regimen.Rule!.Template.DurationHours!.Value, 12);
        Assert.Equal(RelapseKind.Threshold, infusion.Relapse.Kind);
        Assert.Equal(RelapseClock.PhaseEntry, infusion.Relapse.Clock);
    }
}
