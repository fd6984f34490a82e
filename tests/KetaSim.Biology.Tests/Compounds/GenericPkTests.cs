using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Analysis;
using Xunit;
using static KetaSim.Biology.Tests.Targets.TargetRuns;

namespace KetaSim.Biology.Tests.Compounds;

/// <summary>The generic PK blocks of the library, run through the scenario runner with the mechanism on top.</summary>
public class GenericPkTests
{
    private static ExposureSummary Nca(Scenario s, string observable) => Context.Exposure(s, observable);

    [Fact]
    public void Naltrexone_50_mg_oral_peaks_near_1_h_with_a_half_life_near_4_h()
    {
        var s = Human("naltrexone-pk", 24, Naltrexone50());
        var e = Nca(s, "naltrexone_plasma_ng_per_ml");
        Assert.InRange(e.TmaxHours, 0.6, 1.5);
        Assert.InRange(e.TerminalHalfLifeHours, 3.5, 5.5);
        Assert.InRange(e.Cmax, 2, 20);
        Assert.True(Run(s).Observable("naltrexone_brain_unbound_um").Max() > 0);
    }

    [Fact]
    public void Midazolam_active_placebo_infusion_peaks_at_the_end_and_has_a_3_h_half_life_and_no_target()
    {
        var s = Human("midazolam-pk", 24, Dose("midazolam", Route.IvInfusion, DoseAmount.MgPerKg(0.045), 0, 40.0 / 60));
        var e = Nca(s, "midazolam_plasma_ng_per_ml");
        Assert.Equal(40.0 / 60, e.TmaxHours, 6);
        Assert.InRange(e.TerminalHalfLifeHours, 2.5, 3.5);
        // 3.15 mg into 119 L, less what is cleared during the infusion: ~20-26 ng/mL.
        Assert.InRange(e.Cmax, 15, 30);
        var r = Run(s);
        foreach (var t in MechanismNames.Targets.All) Assert.Equal(0, r.Observable(MechanismNames.Occupancy(t)).Max());
    }

    [Fact]
    public void Rapamycin_oral_in_humans_has_its_long_half_life_and_barely_reaches_brain_mTORC1()
    {
        var s = Human("rapamycin-pk", 14 * 24, Dose("rapamycin", Route.Oral, DoseAmount.Mg(6))) with { OutputStepHours = 0.5 };
        var e = Nca(s, "rapamycin_plasma_ng_per_ml");
        Assert.InRange(e.TerminalHalfLifeHours, 50, 75);
        Assert.True(Run(s).Observable(MechanismNames.Occupancy(MechanismNames.Targets.Mtorc1)).Max() < 0.1);
    }

    [Fact]
    public void Rapamycin_i_p_in_mice_inhibits_mTORC1_for_hours()
    {
        var s = Mouse("rapamycin-ip", 24, Dose("rapamycin", Route.Intraperitoneal, DoseAmount.MgPerKg(10)));
        var r = Run(s);
        var act = r.Observable(MechanismNames.Activation(MechanismNames.Targets.Mtorc1, Cells.Pyr));
        Assert.Equal(1, act[0]);
        Assert.True(At(r, MechanismNames.Activation(MechanismNames.Targets.Mtorc1, Cells.Pyr), 2) < 0.5);
        Assert.True(At(r, MechanismNames.Activation(MechanismNames.Targets.Mtorc1, Cells.Pyr), 12) < 0.6);
    }

    [Theory]
    [InlineData("illustrative-mor-agonist", "MOR")]
    [InlineData("illustrative-rxfp3-agonist", "RXFP3")]
    [InlineData("illustrative-prokr2-antagonist", "PROKR2")]
    public void Each_illustrative_compound_at_1_mg_per_kg_i_p_occupies_about_half_its_receptor_in_mice(string compound, string target)
    {
        var r = Run(Mouse(compound, 4, Dose(compound, Route.Intraperitoneal, DoseAmount.MgPerKg(1))));
        Assert.InRange(r.Observable(MechanismNames.Occupancy(target)).Max(), 0.3, 0.7);
        string id = compound.Replace('-', '_');
        Assert.True(r.Observable($"{id}_plasma_ng_per_ml").Max() > 0);
        var human = Run(Human(compound, 24, Dose(compound, Route.Oral, DoseAmount.Mg(10))));
        Assert.True(human.Observable(MechanismNames.Occupancy(target)).Max() > 0);
    }

    [Fact]
    public void A_generic_model_rejects_a_route_it_has_no_block_for()
    {
        var s = Human("midazolam-oral", 2, Dose("midazolam", Route.Oral, DoseAmount.Mg(7.5)));
        var ex = Assert.Throws<DoseValidationException>(() => Run(s));
        Assert.Contains("IvInfusion", ex.Message);
    }

    [Fact]
    public void Generic_module_names_follow_the_compound_id()
    {
        var m = Assert.IsType<GenericPkModule>(PkLibrary.Get("illustrative-mor-agonist", Species.Human));
        Assert.Equal(["illustrative_mor_agonist_plasma_ng_per_ml", "illustrative_mor_agonist_brain_unbound_um"], m.DefaultObservables);
        Assert.StartsWith("generic-illustrative-mor-agonist-human-", m.Key);
    }
}
