using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using Xunit;
using static KetaSim.Biology.Tests.Safety.SafetyRuns;

namespace KetaSim.Biology.Tests.Safety;

public class DoseHoldRuleTests
{
    [Theory]
    [InlineData(140, 90, 40, false)]
    [InlineData(140.1, 90, 40, true)]
    [InlineData(130, 90.1, 40, true)]
    [InlineData(145, 85, 64.9, true)]
    [InlineData(145, 85, 65, false)]
    [InlineData(150, 90, 70, false)]
    [InlineData(150.1, 85, 70, true)]
    [InlineData(120, 91, 70, true)]
    public void The_label_limits_are_140_over_90_and_150_systolic_from_65(double systolic, double diastolic, double age, bool hold) =>
        Assert.Equal(hold, DoseHoldPolicy.Label.ShouldHold(systolic, diastolic, age));

    private static Scenario Patient(string name, double systolic, double diastolic, double hours, double age = 40, params DoseRecord[] doses) =>
        DoseHoldRule.WithBaselineBloodPressure(Human(name, hours, doses) with { Subject = Subject.TypicalAdult with { AgeYears = age } }, systolic, diastolic);

    [Fact]
    public void A_patient_exactly_at_140_over_90_is_dosed_and_one_just_above_is_not()
    {
        var at = DoseHoldRule.Apply(Patient("hold-test-at-limit", 140, 90, 3, 40, Esketamine(56)));
        Assert.Empty(at.Held);
        Assert.NotNull(at.Run);

        var above = DoseHoldRule.Apply(Patient("hold-test-above-limit", 140.5, 90, 3, 40, Esketamine(56)));
        var held = Assert.Single(above.Held);
        Assert.Equal(0, held.TimeHours);
        Assert.Equal("esketamine", held.Compound);
        Assert.Equal(140.5, held.SystolicMmHg, 1e-9);
        Assert.Equal(140, held.SystolicLimitMmHg);
        Assert.Null(above.Run);
        Assert.Empty(above.Scenario.Doses);
    }

    [Fact]
    public void From_65_years_the_systolic_limit_is_150()
    {
        Assert.Empty(DoseHoldRule.Apply(Patient("hold-test-elderly-145", 145, 85, 3, 70, Esketamine(56))).Held);
        Assert.Single(DoseHoldRule.Apply(Patient("hold-test-younger-145", 145, 85, 3, 64, Esketamine(56))).Held);
        var elderlyHigh = DoseHoldRule.Apply(Patient("hold-test-elderly-152", 152, 85, 3, 70, Esketamine(56)));
        Assert.Equal(150, Assert.Single(elderlyHigh.Held).SystolicLimitMmHg);
    }

    [Fact]
    public void Residual_pressure_from_an_earlier_dose_holds_the_next_and_the_one_after_goes_ahead()
    {
        var result = DoseHoldRule.Apply(Patient("hold-test-residual", 130, 80, 30, 40, Esketamine(84), Esketamine(84, 1), Esketamine(84, 24)));
        var held = Assert.Single(result.Held);
        Assert.Equal(1, held.TimeHours);
        Assert.InRange(held.SystolicMmHg, 140.01, 150);
        Assert.Equal([0.0, 24.0], result.Scenario.Doses.Select(d => d.TimeHours));
        // The held dose really is gone: no second rise at 1-2 h.
        var r = result.Result!;
        Assert.True(SafetyMeasures.At(r, MechanismNames.SystolicMmHg, 2) < SafetyMeasures.At(r, MechanismNames.SystolicMmHg, 1));
        Assert.Equal(2, result.Checks.Count);
    }

    [Fact]
    public void After_a_held_dose_later_doses_are_judged_on_the_new_course()
    {
        // 0.75 h: right after the first infusion (+15 mmHg) → held; 1.5 h: residual of the first alone (+5) → given.
        var result = DoseHoldRule.Apply(Patient("hold-test-iv-sequence", 130, 80, 6, 40, KetamineIv(), KetamineIv(0.75), KetamineIv(1.5)));
        Assert.Equal([0.75], result.Held.Select(h => h.TimeHours));
        Assert.Equal([0.0, 1.5], result.Scenario.Doses.Select(d => d.TimeHours));
    }

    [Fact]
    public void Repeated_records_are_split_and_other_compounds_are_never_held()
    {
        var scenario = Patient("hold-test-repeats", 150, 95, 4 * 24 + 4, 40,
            Esketamine(56) with { IntervalHours = 48, AdditionalDoses = 2 },
            new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 4 });
        var result = DoseHoldRule.Apply(scenario);
        Assert.Equal([0.0, 48.0, 96.0], result.Held.Select(h => h.TimeHours));
        Assert.All(result.Scenario.Doses, d => Assert.Equal("escitalopram", d.Compound));
        Assert.Equal(5, result.Scenario.Doses.Count);
        Assert.NotNull(result.Run);

        var normal = DoseHoldRule.Apply(DoseHoldRule.WithBaselineBloodPressure(scenario with { Name = "hold-test-repeats-normal" }, 125, 80));
        Assert.Empty(normal.Held);
        Assert.Equal(8, normal.Scenario.Doses.Count);
        Assert.Equal(3, normal.Checks.Count);
    }

    [Fact]
    public void The_two_hour_observation_check_reports_pressure_sedation_and_dissociation()
    {
        var result = DoseHoldRule.Apply(Patient("hold-test-observation", 125, 80, 4, 40, Esketamine(56)));
        var check = Assert.Single(result.Checks);
        Assert.True(check.Evaluated);
        Assert.True(check.RequiredByLabel);
        Assert.Equal(2, check.CheckTimeHours);
        Assert.InRange(check.SystolicRiseMmHg, 1, 10);
        Assert.Equal(125 + check.SystolicRiseMmHg, check.SystolicMmHg, 1e-9);
        Assert.True(check.BloodPressureAcceptable);
        Assert.True(check.DissociationResolved);
        Assert.Equal(check.Moaas >= DoseHoldPolicy.Label.AwakeMoaas, check.SedationResolved);
        Assert.Equal(check.BloodPressureAcceptable && check.SedationResolved && check.DissociationResolved, check.Stable);

        var hypertensiveAfter = DoseHoldRule.Apply(Patient("hold-test-observation-high", 138, 89, 4, 40, Esketamine(84)));
        Assert.Empty(hypertensiveAfter.Held);
        Assert.False(Assert.Single(hypertensiveAfter.Checks).BloodPressureAcceptable);
        Assert.False(hypertensiveAfter.StableAfterEveryNasalDose);

        var shortRun = DoseHoldRule.Apply(Patient("hold-test-observation-short", 125, 80, 1.5, 40, Esketamine(56)));
        Assert.False(Assert.Single(shortRun.Checks).Evaluated);
    }

    [Fact]
    public void A_scenario_without_mechanism_settings_runs_with_the_defaults()
    {
        var s = Human("hold-test-no-mechanism", 3, Esketamine(56)) with { Mechanism = null };
        var result = DoseHoldRule.Apply(s);
        Assert.NotNull(result.Scenario.Mechanism);
        Assert.Empty(result.Held);
    }
}
