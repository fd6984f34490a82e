using KetaSim.Biology.Calibration;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.Population.Tests.Trials;

/// <summary>Relapse kinds, references and clocks on hand-computed ratings.</summary>
public class RelapseEvaluationTests
{
    private const double Week = 168;

    // Visits weekly to week 4; phases: induction to week 2, maintenance (randomised) from week 2.
    private static TrialDefinition Trial(RelapseRule rule) => new(
        "relapse", PopulationLibrary.Get("trd-adult"),
        [new TrialArm("a", MechanismScenarios.EsketamineTrd(56)), new TrialArm("b", MechanismScenarios.EsketamineTrd(56))],
        [Week, 2 * Week, 3 * Week, 4 * Week], 4 * Week)
    {
        RemissionThreshold = 12,
        Relapse = rule,
        Phases = [new TrialPhase("induction", 0, 2 * Week), new TrialPhase("maintenance", 2 * Week, 4 * Week) { Randomise = true }],
    };

    // Baseline 40; 20 at week 2 (the phase-entry rating); 14 at week 3; 24 at week 4.
    private static readonly double[] Rated = [40, 30, 20, 14, 24];

    [Fact]
    public void Threshold_rule_from_randomisation_is_the_original_rule()
    {
        var r = RelapseEvaluation.Evaluate(Trial(new RelapseRule(22, 1)), Rated, 4, 1, 2, []);
        Assert.Equal(new RelapseOutcome(true, 2 * Week, 2 * Week, 2 * Week), r);   // 24 ≥ 22 at week 4, 2 weeks after randomisation
    }

    [Fact]
    public void Loss_of_response_against_baseline_and_against_phase_entry()
    {
        // Against baseline 40: response needs ≤ 20; week 3 (14) holds it, week 4 (24) loses it.
        var baseline = RelapseEvaluation.Evaluate(Trial(new RelapseRule(22, 1) { Kind = RelapseKind.LossOfResponse }), Rated, 4, 1, 2, []);
        Assert.Equal(2 * Week, baseline.RelapseHours);
        // Against the entry rating 20: response needs ≤ 10; week 3 (14) already fails.
        var entry = RelapseEvaluation.Evaluate(Trial(new RelapseRule(22, 1) { Kind = RelapseKind.LossOfResponse, Reference = RelapseReference.PhaseEntry }), Rated, 4, 1, 2, []);
        Assert.Equal(1 * Week, entry.RelapseHours);
    }

    [Fact]
    public void Loss_of_remission_with_two_visits_and_the_clock_from_the_last_dose()
    {
        // Remission ≤ 12: weeks 3 (14) and 4 (24) are both out, so two consecutive visits end at week 4.
        var rule = new RelapseRule(22, 2) { Kind = RelapseKind.LossOfRemission, Clock = RelapseClock.LastDose };
        var r = RelapseEvaluation.Evaluate(Trial(rule), Rated, 4, 1, 2, [0, 84, 168, 2.5 * Week]);
        Assert.Equal(new RelapseOutcome(true, 4 * Week - 2.5 * Week, 4 * Week - 2.5 * Week, 2.5 * Week), r);
        // A subject who did not enter maintenance is not evaluable.
        Assert.False(RelapseEvaluation.Evaluate(Trial(rule), Rated, 2, 1, 1, []).Evaluable);
    }

    [Fact]
    public void A_reference_to_phase_entry_without_a_relapse_phase_is_refused()
    {
        var t = Trial(new RelapseRule { Reference = RelapseReference.PhaseEntry }) with { Phases = [] };
        Assert.Throws<ArgumentException>(() => t.Validate());
    }
}
