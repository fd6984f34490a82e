using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Safety;

/// <summary>The dose-hold rule as part of a scenario: the patient's resting blood pressure decides.</summary>
public class RegimenRuleScenarioTests
{
    private static Scenario TwiceWeeklyEsketamine(double restingSystolic, double ageYears) => new()
    {
        Name = $"esketamine-hold-{restingSystolic}-{ageYears}",
        Subject = Subject.TypicalAdult with { AgeYears = ageYears },
        Doses = [new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56), IntervalHours = 72, AdditionalDoses = 1 }],
        DurationHours = 96,
        OutputStepHours = 0.25,
        Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { BaselineSystolicMmHg = restingSystolic, BaselineDiastolicMmHg = 80 } },
        DoseHold = DoseHoldPolicy.Label,
    };

    [Fact]
    public void A_hypertensive_patient_has_every_dose_held_and_a_normotensive_one_none()
    {
        var runner = new ScenarioRunner();
        var high = runner.RunWithRules(TwiceWeeklyEsketamine(145, 45));
        Assert.Equal(2, high.Held.Count);
        Assert.All(high.Held, h => Assert.Equal(145, h.SystolicMmHg, 1e-6));

        var normal = runner.RunWithRules(TwiceWeeklyEsketamine(125, 45));
        Assert.Empty(normal.Held);
        Assert.NotNull(normal.Result);
    }

    [Fact]
    public void From_65_years_the_systolic_limit_is_150()
    {
        var result = new ScenarioRunner().RunWithRules(TwiceWeeklyEsketamine(145, 70));
        Assert.Empty(result.Held);
    }

    [Fact]
    public void Without_a_rule_the_runner_gives_every_dose()
    {
        var scenario = TwiceWeeklyEsketamine(145, 45) with { DoseHold = null };
        var result = new ScenarioRunner().RunWithRules(scenario);
        Assert.Empty(result.Held);
        Assert.True(result.Run!.Events.Boluses.Count > 0);
    }
}
