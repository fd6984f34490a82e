using KetaSim.Biology.Calibration;
using KetaSim.Biology.Circuit;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Tests.Mechanism;
using Xunit;
using static KetaSim.Biology.Tests.Mechanism.MechanismRuns;

namespace KetaSim.Biology.Tests.Circuit;

public class CircuitTests(ITestOutputHelper output)
{
    [Fact]
    public void Stress_puts_Pyr_output_below_healthy_and_a_healthy_brain_rests_at_1()
    {
        var stressed = Run(MechanismScenarios.MouseKetamineAcute());
        var healthy = Run(MechanismScenarios.MouseKetamineAcute() with
        {
            Name = "test-healthy-mouse",
            Mechanism = MechanismScenarios.StressedMouse() with { Patient = PatientState.Healthy },
        });
        double pyrStressed = stressed.Observable(MechanismNames.PyrRateRel)[0];
        output.WriteLine($"untreated Pyr: stressed {pyrStressed:F3}, healthy {healthy.Observable(MechanismNames.PyrRateRel)[0]:F4}");
        Assert.InRange(pyrStressed, 0.2, 0.8);
        Assert.Equal(1.0, healthy.Observable(MechanismNames.PyrRateRel)[0], 2);
        Assert.Equal(1.0, healthy.Observable(MechanismNames.SstRateRel)[0], 2);
        Assert.Equal(0.0, stressed.Observable(MechanismNames.PyrReactivation)[0], 9);
    }

    [Fact]
    public void Ketamine_quiets_SST_and_transiently_reactivates_Pyr()
    {
        var r = Run(MechanismScenarios.MouseKetamineAcute());
        var (k, peak) = TrajectoryMetrics.Peak(r.Observable(MechanismNames.PyrReactivation));
        double sstAtPeak = r.Observable(MechanismNames.SstRateRel)[k], sst0 = r.Observable(MechanismNames.SstRateRel)[0];
        output.WriteLine($"peak reactivation {peak:F3} at {r.TimesHours[k] * 60:F1} min; SST {sst0:F3} -> {sstAtPeak:F3}; at 2 h {At(r, MechanismNames.PyrReactivation, 2):F4}");
        Assert.True(peak > 0.1);
        Assert.True(sstAtPeak < 0.8 * sst0);
        Assert.True(Math.Abs(At(r, MechanismNames.PyrReactivation, 2)) < 0.2 * peak, "the reactivation is a transient");
        double minutes = MechanismCalibration.ReactivationMinutes(Run);
        Assert.InRange(minutes, 10, 30); // MECH-1
    }

    [Fact]
    public void MOR_deletion_from_SST_abolishes_the_effect_under_mor_gated_but_not_under_nmda_disinhibition()
    {
        var gated = MechanismCalibration.KnockoutRatios(Run, Hypotheses.MorGated);
        var nmda = MechanismCalibration.KnockoutRatios(Run, Hypotheses.NmdaDisinhibition);
        output.WriteLine($"mor-gated {gated}\nnmda-disinhibition {nmda}");
        Assert.True(gated.Max < 0.2, gated.ToString()); // MECH-2
        Assert.True(nmda.Reactivation > 0.8 && nmda.Spines24h > 0.8, nmda.ToString());
    }

    [Fact]
    public void Naltrexone_attenuates_the_ketamine_effect_only_partly_under_mor_gated()
    {
        var ket = Run(KetamineDelayed);
        var ntx = Run(KetamineAfterNaltrexone);
        double occupancy = At(ntx, "occupancy_MOR", 1.5);
        double pyr = Peak(ntx, MechanismNames.PyrReactivation) / Peak(ket, MechanismNames.PyrReactivation);
        double Drug(Modeling.Simulation.SimulationResult r, double h) => At(r, MechanismNames.MadrsFast, h) + At(r, MechanismNames.MadrsSlow, h);
        double day1 = Drug(ntx, 25) / Drug(ket, 25);
        output.WriteLine($"naltrexone MOR occupancy {occupancy:P0}; reactivation peak {pyr:P0} of ketamine alone; 24-h drug effect {day1:P0} ({Drug(ntx, 25):F1} vs {Drug(ket, 25):F1} points)");
        Assert.True(occupancy > 0.8, "naltrexone occupies most MOR");
        Assert.InRange(day1, 0.3, 0.95); // attenuated, not abolished
    }

    [Fact]
    public void Direct_mor_gives_little_effect_at_antidepressant_concentrations()
    {
        var gated = Run(MechanismScenarios.MouseKetamineAcute());
        var direct = Run(MechanismScenarios.MouseKetamineAcute(Hypotheses.DirectMor));
        double ratio = Peak(direct, MechanismNames.PyrReactivation) / Peak(gated, MechanismNames.PyrReactivation);
        output.WriteLine($"direct-mor reactivation peak = {ratio:P1} of mor-gated");
        Assert.True(ratio < 0.2);
    }

    [Fact]
    public void Quasi_steady_state_and_dynamic_circuit_agree_after_the_fast_transient()
    {
        var qss = MechanismScenarios.MouseKetamineAcute() with { Name = "test-qss", DurationHours = 3 };
        var dyn = qss with { Name = "test-dynamic", Mechanism = qss.Mechanism! with { CircuitMode = CircuitMode.Dynamic } };
        var a = Run(qss);
        var b = Run(dyn);
        Assert.Contains(b.Model.States, s => s.Name == CircuitModule.PyrDeviationState);
        double worst = 0;
        foreach (var name in new[] { MechanismNames.PyrRateRel, MechanismNames.SstRateRel, MechanismNames.SpineDensityRel })
            for (int i = 0; i < a.TimesHours.Length; i++)
                if (a.TimesHours[i] > 1.0 / 60) worst = Math.Max(worst, Math.Abs(a.Observable(name)[i] - b.Observable(name)[i]));
        output.WriteLine($"largest QSS-dynamic difference after 1 min: {worst:E2}");
        Assert.True(worst < 1e-3);
    }
}
