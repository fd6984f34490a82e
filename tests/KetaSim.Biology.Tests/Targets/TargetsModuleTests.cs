using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Targets;
using Xunit;
using static KetaSim.Biology.Tests.Targets.TargetRuns;

namespace KetaSim.Biology.Tests.Targets;

public class TargetsModuleTests
{
    private const string Nmda = MechanismNames.Targets.Nmda, Mor = MechanismNames.Targets.Mor;

    private static readonly Scenario Ketamine = Human("ketamine", 6, KetamineInfusion());
    private static readonly Scenario Naltrexone = Human("naltrexone", 12, Naltrexone50());
    private static readonly Scenario NaltrexoneThenKetamine = Human("naltrexone-ketamine", 6, Naltrexone50(), KetamineInfusion(timeHours: 1));
    private static readonly Scenario KetamineLate = Human("ketamine-at-1h", 6, KetamineInfusion(timeHours: 1));

    [Fact]
    public void MECH3_peak_NMDA_occupancy_after_0_5_mg_per_kg_is_in_the_30_to_70_percent_band()
    {
        Assert.True(CalibrationRegistry.TryGet("MECH-3", out var evaluator));
        double peak = evaluator.Evaluate(Context);
        Assert.InRange(peak, 30, 70);
    }

    [Fact]
    public void Every_target_has_its_occupancy_and_every_receptor_cell_pair_its_activation_even_without_binding_drugs()
    {
        var r = Run(Human("midazolam", 2, Dose("midazolam", Route.IvInfusion, DoseAmount.MgPerKg(0.045), 0, 40.0 / 60)));
        foreach (var t in TargetDefinitions.All)
        {
            Assert.All(r.Observable(MechanismNames.Occupancy(t.Name)), o => Assert.Equal(0, o));
            foreach (var cell in t.Cells)
                Assert.All(r.Observable(MechanismNames.Activation(t.Name, cell)), a => Assert.Equal(r.Observable(MechanismNames.Activation(t.Name, cell))[0], a));
        }
        Assert.Equal(1, r.Observable(MechanismNames.Activation(Nmda, Cells.Sst))[0]);
    }

    [Fact]
    public void NMDA_activation_is_the_current_left_by_the_channel_blockers()
    {
        var r = Run(Ketamine);
        var occ = r.Observable(MechanismNames.Occupancy(Nmda));
        var sst = r.Observable(MechanismNames.Activation(Nmda, Cells.Sst));
        var pyr = r.Observable(MechanismNames.Activation(Nmda, Cells.Pyr));
        for (int i = 0; i < occ.Length; i++)
        {
            Assert.InRange(occ[i], 0, 1);
            Assert.Equal(1 - occ[i], sst[i], 12);
            Assert.Equal(sst[i], pyr[i], 15);
        }
        // S-ketamine (Ki 0.30 µM) carries most of the block; the ligand occupancies add up to the total.
        double end = 40.0 / 60;
        double s = At(r, TargetsModule.LigandOccupancy(Nmda, "s-ketamine"), end), rk = At(r, TargetsModule.LigandOccupancy(Nmda, "r-ketamine"), end);
        double sum = new[] { "s-ketamine", "r-ketamine", "s-norketamine", "r-norketamine", "hnk" }.Sum(l => At(r, TargetsModule.LigandOccupancy(Nmda, l), end));
        Assert.True(s > 3 * rk);
        Assert.Equal(At(r, MechanismNames.Occupancy(Nmda), end), sum, 12);
    }

    [Fact]
    public void Naltrexone_removes_the_endogenous_opioid_tone_so_MOR_activation_on_SST_falls_below_baseline()
    {
        var r = Run(Naltrexone);
        double baseline = Parameter(Naltrexone, TargetsModule.BaselineActivation(Mor));
        Assert.True(baseline > 0.1, $"MOR baseline activation {baseline}");
        var act = r.Observable(MechanismNames.Activation(Mor, Cells.Sst));
        Assert.Equal(baseline, act[0], 12);
        Assert.True(At(r, MechanismNames.Activation(Mor, Cells.Sst), 2) < 0.1 * baseline);
        Assert.True(At(r, MechanismNames.Occupancy(Mor), 2) > 0.9);
    }

    [Fact]
    public void A_competitor_displaces_ketamine_from_MOR_and_occupancies_stay_within_one()
    {
        var alone = Run(KetamineLate);
        var both = Run(NaltrexoneThenKetamine);
        double end = 1 + 40.0 / 60;
        string sOcc = TargetsModule.LigandOccupancy(Mor, "s-ketamine");
        Assert.True(At(both, sOcc, end) < 0.1 * At(alone, sOcc, end));
        foreach (var r in new[] { alone, both })
            Assert.All(r.Observable(MechanismNames.Occupancy(Mor)), o => Assert.InRange(o, 0, 1));
        // Ketamine's NMDA block is untouched by naltrexone (no shared target).
        Assert.Equal(At(alone, MechanismNames.Occupancy(Nmda), end), At(both, MechanismNames.Occupancy(Nmda), end), 6);
    }

    [Fact]
    public void A_knockout_zeroes_the_activation_on_that_cell_only()
    {
        var ko = Naltrexone with { Name = "targets-naltrexone-mor-sst-ko", Mechanism = new MechanismSettings { Knockouts = [new Knockout(Mor, Cells.Sst)] } };
        var r = Run(ko);
        Assert.All(r.Observable(MechanismNames.Activation(Mor, Cells.Sst)), a => Assert.Equal(0, a));
        Assert.True(r.Observable(MechanismNames.Activation(Mor, Cells.Pv))[0] > 0);
        // Binding still happens: occupancy is a property of the receptor population, not of the knocked-out cell.
        Assert.True(At(r, MechanismNames.Occupancy(Mor), 2) > 0.9);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_partial_agonist_at_saturation_reaches_its_operational_ceiling(double efficacy)
    {
        string ligand = "illustrative-mor-agonist";
        var s = Mouse($"mor-agonist-saturating-{efficacy}", 1, Dose(ligand, Route.Intraperitoneal, DoseAmount.MgPerKg(1))) with
        {
            ParameterOverrides = new Dictionary<string, double>
            {
                [TargetsModule.Affinity(Mor, ligand)] = 1e-7,
                [TargetsModule.Efficacy(Mor, ligand)] = efficacy,
            },
        };
        var r = Run(s);
        double tau = TargetDefinitions.Get(Mor).Tau;
        double ceiling = efficacy * (1 + tau) / (1 + tau * efficacy);
        double peak = r.Observable(MechanismNames.Activation(Mor, Cells.Sst)).Max();
        Assert.InRange(peak, ceiling - 1e-3, ceiling + 1e-12);
        if (efficacy < 1) Assert.True(peak < 0.999);
    }

    [Fact]
    public void Escitalopram_occupies_SERT_and_leaves_transport_function_accordingly()
    {
        var r = Run(Human("escitalopram", 48, Dose("escitalopram", Route.Oral, DoseAmount.Mg(10))));
        double peak = r.Observable(MechanismNames.Occupancy(MechanismNames.Targets.Sert)).Max();
        // PET: ~80% SERT occupancy at therapeutic doses (10 mg single dose a little lower).
        Assert.InRange(peak, 0.5, 0.95);
        var act = r.Observable(MechanismNames.Activation(MechanismNames.Targets.Sert, Cells.Raphe));
        Assert.Equal(1 - peak, act.Min(), 10);
    }

    [Fact]
    public void The_endogenous_level_helper_reproduces_the_observable_at_level_1_and_rises_with_serotonin()
    {
        var b = new Modeling.Models.ModelBuilder("helper");
        foreach (var m in ScenarioRunner.ModulesFor(Naltrexone)) m.Contribute(b);
        new TargetsModule().Contribute(b, ScenarioRunner.MechanismFor(Naltrexone)!);
        string ht1a = MechanismNames.Targets.Ht1a;
        // As a later layer would use it: inside its own observables (Build rebinds derived parameters).
        b.Observe("helper_at_1", "1", TargetsModule.ActivationAtEndogenousLevel(b, ht1a, 1.0), "test");
        b.Observe("helper_at_3", "1", TargetsModule.ActivationAtEndogenousLevel(b, ht1a, 3.0), "test");
        var built = b.Build();
        var p = Biology.Pharmacokinetics.PkDosing.DefaultsWithDerived(built);
        var y = new double[built.States.Count];
        double Obs(string name) => Modeling.Expressions.Evaluate.At(built.Observables.First(o => o.Name == name).Definition, 0, y, p);
        double observed = Obs(MechanismNames.Activation(ht1a, Cells.Raphe));
        Assert.Equal(observed, Obs("helper_at_1"), 12);
        Assert.Equal(Biology.Pharmacokinetics.PkDosing.Value(built, p, TargetsModule.BaselineActivation(ht1a)), observed, 12);
        Assert.True(Obs("helper_at_3") > observed && Obs("helper_at_3") < 1);
    }
}
