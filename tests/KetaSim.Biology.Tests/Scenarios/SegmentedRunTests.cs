using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using Xunit;

namespace KetaSim.Biology.Tests.Scenarios;

/// <summary>Segmented runs (state and clock continued across segments) and continued steady-state medication.</summary>
public class SegmentedRunTests
{
    private static readonly double[] Outputs = [2, 24, 100, 150, 192];

    /// <summary>Esketamine 56 mg on days 1 and 4 with a new oral AD and two visits (CLIN-5/6/7 regimen).</summary>
    private static Scenario Regimen() => MechanismScenarios.EsketamineTrd(56) with
    {
        OutputTimesHours = Outputs,
        CareContacts = [new CareContact(24, CareContactKind.Visit), new CareContact(150, CareContactKind.Visit)],
    };

    private static double[] Segmented(Scenario scenario, double[] cuts, Action<SegmentedRun, int>? between = null)
    {
        var run = new SegmentedRun(ScenarioRunner.Shared, scenario);
        run.Give(scenario.Doses, scenario.CareContacts);
        var madrs = new Dictionary<double, double>();
        int k = 0;
        foreach (var cut in cuts.Append(scenario.DurationHours))
        {
            between?.Invoke(run, k++);
            var r = run.Advance(cut, Outputs);
            var m = r.Observable(MechanismNames.Madrs);
            for (int i = 0; i < r.TimesHours.Length; i++) madrs.TryAdd(r.TimesHours[i], m[i]);
        }
        return [.. Outputs.Select(t => madrs[t])];
    }

    private static double[] Whole(Scenario scenario)
    {
        var r = ScenarioRunner.Shared.Run(scenario);
        var m = r.Observable(MechanismNames.Madrs);
        return [.. Outputs.Select(t => m[Array.IndexOf(r.TimesHours, t)])];
    }

    [Fact]
    public void Segmented_run_equals_the_unsegmented_run_when_nothing_changes()
    {
        var s = Regimen();
        var whole = Whole(s);
        // Cuts inside smooth stretches, on a dose time (72 h) and on a visit (100 h).
        var segmented = Segmented(s, [10, 72, 100, 130]);
        for (int i = 0; i < Outputs.Length; i++)
            Assert.True(Math.Abs(whole[i] - segmented[i]) < 1e-3, $"MADRS at {Outputs[i]} h: whole {whole[i]}, segmented {segmented[i]}");
        // The course moves: the comparison is not between constants.
        Assert.True(whole.Max() - whole.Min() > 1, $"MADRS should move under esketamine: {string.Join(", ", whole)}");
    }

    [Fact]
    public void A_parameter_changed_between_segments_changes_only_what_follows()
    {
        var s = Regimen();
        var same = Segmented(s, [100]);
        var changed = Segmented(s, [100], (run, k) => { if (k == 1) run.SetPlacebo(PlaceboKind.None); });
        for (int i = 0; i < Outputs.Length; i++)
        {
            if (Outputs[i] <= 100) Assert.Equal(same[i], changed[i]);
            else Assert.True(Math.Abs(same[i] - changed[i]) > 1e-3, $"at {Outputs[i]} h the placebo context none should change MADRS ({same[i]} vs {changed[i]})");
        }
    }

    [Fact]
    public void Doses_before_the_current_time_are_refused()
    {
        var s = Regimen();
        var run = new SegmentedRun(ScenarioRunner.Shared, s);
        run.Advance(50);
        var late = new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56), TimeHours = 10 };
        Assert.Throws<ArgumentException>(() => run.Give([late]));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Advance(40));
    }

    private static readonly DoseRecord ContinuedEscitalopram =
        new() { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 27, Continued = true };

    private static Scenario PlaceboSprayOnContinuedAd() => new()
    {
        Name = "placebo-spray-continued-ad",
        Doses = [ContinuedEscitalopram],
        DurationHours = 28 * 24,
        OutputTimesHours = [0, 24, 7 * 24, 28 * 24],
        Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { Placebo = PlaceboKind.ContinuedOralAntidepressant } },
    };

    [Fact]
    public void Pre_run_doses_repeat_the_continued_schedule_before_t0()
    {
        var pre = ContinuedMedication.PreRunDoses([ContinuedEscitalopram]);
        var d = Assert.Single(pre);
        Assert.False(d.Continued);
        Assert.Equal(24, d.IntervalHours);
        Assert.Equal(-ContinuedMedication.PreRunHours, d.TimeHours);
        Assert.Equal(-24, d.TimeHours + d.AdditionalDoses * d.IntervalHours);   // the last pre-run dose one interval before the dose at 0
        // Schedule-expanded records (one per dose) give the same interval.
        var expanded = Enumerable.Range(0, 5).Select(k => ContinuedEscitalopram with { TimeHours = 24 * k, AdditionalDoses = 0, IntervalHours = 0 }).ToList();
        Assert.Equal(d, Assert.Single(ContinuedMedication.PreRunDoses(expanded)));
    }

    [Fact]
    public void Continued_medication_is_at_steady_state_at_t0()
    {
        var s = PlaceboSprayOnContinuedAd();
        var run = new SegmentedRun(ScenarioRunner.Shared, s, -ContinuedMedication.PreRunHours);
        run.SetPlacebo(PlaceboKind.None);
        run.Give(ContinuedMedication.PreRunDoses(s.Doses));
        // Trough concentrations and drive one week and one day before t = 0 and at t = 0 (before the dose at 0).
        const string plasma = "escitalopram_plasma_ng_per_ml";
        run.Advance(-168);
        double c1 = run.Observable(plasma), drive1 = run.Observable(MechanismNames.SerotonergicPlasticityDrive);
        run.Advance(-24);
        double c2 = run.Observable(plasma);
        run.Advance(0);
        double c3 = run.Observable(plasma), drive3 = run.Observable(MechanismNames.SerotonergicPlasticityDrive);
        Assert.True(c3 > 5, $"escitalopram trough at t = 0 should be clinical (ng/mL), got {c3}");
        Assert.True(Math.Abs(c3 - c2) / c3 < 0.01 && Math.Abs(c3 - c1) / c3 < 0.01, $"troughs {c1}, {c2}, {c3} should repeat");
        Assert.True(drive3 > 0 && Math.Abs(drive3 - drive1) / drive3 < 0.03, $"serotonergic drive {drive1} one week before t = 0, {drive3} at t = 0");
    }

    [Fact]
    public void Continued_scenario_starts_on_the_medication_with_its_drive_in_the_baseline()
    {
        var s = PlaceboSprayOnContinuedAd();
        var run = ScenarioRunner.Shared.RunDetailed(s);
        var c = run.Result.Observable("escitalopram_plasma_ng_per_ml");
        Assert.Equal(0, run.Result.TimesHours[0]);
        Assert.True(c[0] > 5, $"on the medication at t = 0, got {c[0]} ng/mL");
        var fresh = ScenarioRunner.Shared.Run(s with { Doses = [ContinuedEscitalopram with { Continued = false }] });
        Assert.Equal(0, fresh.Observable("escitalopram_plasma_ng_per_ml")[0]);
        // The drive at the end of the pre-run is the drive at baseline (when the symptom layer has that parameter).
        var model = run.Compiled.Model;
        if (model.Parameters.Any(p => p.Name == SymptomsModule.SerotonergicDriveAtBaselineName))
        {
            double set = run.Parameters[model.ParameterIndex(SymptomsModule.SerotonergicDriveAtBaselineName)];
            Assert.Equal(run.Result.Observable(MechanismNames.SerotonergicPlasticityDrive)[0], set, 9);
        }
        // Placebo kind none in the pre-run, the scenario's from t = 0.
        Assert.Equal((int)PlaceboKind.ContinuedOralAntidepressant, run.Parameters[model.ParameterIndex(MechanismNames.Patient.PlaceboKindCode)]);
    }
}
