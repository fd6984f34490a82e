using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using Xunit;
using static KetaSim.Biology.Tests.Mechanism.MechanismRuns;

namespace KetaSim.Biology.Tests.Plasticity;

public class PlasticityTests(ITestOutputHelper output)
{
    private static Scenario MouseSchedule(string name, params double[] doseDays) => MechanismScenarios.MouseKetamineLong() with
    {
        Name = "test-mouse-" + name,
        Doses = doseDays.Select(d => MechanismScenarios.MouseKetamineIp10 with { TimeHours = d * 24 }).ToArray(),
        DurationHours = 42 * 24,
        OutputStepHours = 0.5,
    };

    [Fact]
    public void Rapamycin_pre_dose_blocks_spine_formation()
    {
        double ratio = MechanismCalibration.RapamycinFormationRatio(Run);
        output.WriteLine($"formation with rapamycin / without = {ratio:F3}");
        Assert.True(ratio < 0.3); // MECH-7
    }

    [Fact]
    public void Spine_density_follows_the_single_dose_shape_and_circuit_and_behaviour_come_first()
    {
        var shape = MechanismCalibration.SpineShape(Run);
        var order = MechanismCalibration.Ordering(Run);
        output.WriteLine(shape.Description);
        output.WriteLine(order.Description);
        Assert.True(shape.Pass, shape.Description); // MECH-4
        Assert.True(order.Pass, order.Description); // MECH-5
    }

    [Fact]
    public void TrkB_activity_takes_mGluR5_off_the_membrane_and_the_recycling_pool_recovers_over_days()
    {
        var r = Run(MechanismScenarios.MouseKetamineLong());
        var surface = r.Observable(MechanismNames.Mglur5SurfaceFraction);
        var degraded = r.Observable(Biology.Plasticity.PlasticityModule.Mglur5DownregulatedObservable);
        var (k, min) = TrajectoryMetrics.Peak(surface.Select(v => -v).ToArray());
        double recyclingDay21 = 1 - At(r, MechanismNames.Mglur5SurfaceFraction, 504) - At(r, Biology.Plasticity.PlasticityModule.Mglur5DownregulatedObservable, 504);
        output.WriteLine($"surface mGluR5 min {-min:F3} at {r.TimesHours[k]:F1} h; day 7 {At(r, MechanismNames.Mglur5SurfaceFraction, 168):F3}; day 21 {At(r, MechanismNames.Mglur5SurfaceFraction, 504):F3} (recycling pool {recyclingDay21:F4}, degraded {degraded.Max():F3} at most)");
        Assert.True(-min < 0.95);
        Assert.True(recyclingDay21 < 0.01, "internalised receptor recycles to the membrane within days");
        Assert.True(degraded.Max() < 0.15, "one dose degrades only a small share of mGluR5");
    }

    [Fact]
    public void Weekly_doses_accumulate_an_mGluR5_downregulation_that_one_dose_does_not_and_it_fades_after_stopping()
    {
        var single = Run(MouseSchedule("degradation-single", 0));
        var weekly = Run(MouseSchedule("degradation-weekly", 0, 7, 14));
        double Degraded(Modeling.Simulation.SimulationResult r, double day) => At(r, Biology.Plasticity.PlasticityModule.Mglur5DownregulatedObservable, day * 24);
        output.WriteLine($"degraded mGluR5 on day 21: single dose {Degraded(single, 21):F4}, weekly × 3 {Degraded(weekly, 21):F4}; weekly × 3 on day 42 {Degraded(weekly, 42):F4}");
        Assert.True(Degraded(weekly, 21) > 2.5 * Degraded(single, 21), "each session adds to what the last left: the memory of a schedule");
        Assert.True(Degraded(weekly, 42) < 0.8 * Degraded(weekly, 21), "resynthesis restores the receptor over weeks after the last dose");
        Assert.True(Degraded(weekly, 42) > 0.4 * Degraded(weekly, 21), "... not within days");
    }

    [Fact]
    public void A_second_dose_within_a_week_consolidates_and_a_loading_series_holds_longer()
    {
        // Without the mGluR5 route: internalised mGluR5 neither slows later weakening nor consolidates new spines.
        var noProtection = new Dictionary<string, double> { ["mglur5_weakening_share"] = 0, ["spine_consolidation_rate_per_day"] = 0 };
        var single = Run(MouseSchedule("single", 0));
        var pair = Run(MouseSchedule("pair", 0, 3));
        var loading = Run(MouseSchedule("loading", 0, 2, 4, 7, 9, 11));
        var singleBare = Run(MouseSchedule("single-bare", 0) with { ParameterOverrides = noProtection });
        var pairBare = Run(MouseSchedule("pair-bare", 0, 3) with { ParameterOverrides = noProtection });
        double Excess(Modeling.Simulation.SimulationResult r, double day) => MechanismCalibration.SpineExcess(r, day * 24);
        double level = 0.5 * TrajectoryMetrics.Peak(single.Observable(MechanismNames.SpineDensityRel)).Value - 0.5 * single.Observable(MechanismNames.SpineDensityRel)[0];
        // Days from the first dose until the excess falls for good below half the single-dose peak.
        double HeldDays(Modeling.Simulation.SimulationResult r)
        {
            for (double d = 41.5; d > 0; d -= 0.25) if (Excess(r, d) >= level) return d;
            return 0;
        }
        double gain = Excess(pair, 10) / Excess(single, 10), gainBare = Excess(pairBare, 10) / Excess(singleBare, 10);
        output.WriteLine($"excess at day 10: single {Excess(single, 10):F4}, pair {Excess(pair, 10):F4} (×{gain:F2}; ×{gainBare:F2} without mGluR5 protection)");
        output.WriteLine($"held above half the single-dose peak: single {HeldDays(single):F2} d, pair {HeldDays(pair):F2} d, loading (6 doses to day 11) {HeldDays(loading):F2} d");
        Assert.True(gain > 1.5);
        Assert.True(gain > gainBare * 1.05, "mGluR5 internalisation makes the second dose count more (consolidation)");
        Assert.True(HeldDays(pair) > HeldDays(single) + 2);
        Assert.True(HeldDays(loading) > HeldDays(pair) + 7);
    }

    [Fact]
    public void Untreated_stressed_patient_stays_at_its_set_point()
    {
        // Escitalopram only: no NMDA, MOR or GPCR drug at the circuit, so nothing may move.
        var r = Run(MechanismScenarios.EsketamineTrd(0) with { Name = "test-ssri-only-plasticity" });
        foreach (var name in new[] { MechanismNames.SpineDensityRel, MechanismNames.BdnfRel, MechanismNames.PyrRateRel })
        {
            var x = r.Observable(name);
            Assert.True(x.Max() - x.Min() < 1e-6, $"{name} moved by {x.Max() - x.Min():E2}");
        }
    }
}
