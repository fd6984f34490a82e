using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Serotonin;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using Xunit;

namespace KetaSim.Biology.Tests.Serotonin;

/// <summary>The SERT occupancy the chain uses is the targets layer's.</summary>
public class SertOccupancySourceTests
{
    private static readonly MechanismContext Context = new(Species.Human, new MechanismSettings(), ["escitalopram"]);

    private static ModelBuilder WithSsri()
    {
        var b = new ModelBuilder("t");
        var c = b.State("c", "uM", "brain");
        b.Observe("escitalopram_brain_unbound_um", "uM", c, "unbound escitalopram");
        return b;
    }

    [Fact]
    public void The_chain_reads_the_targets_layer_occupancy()
    {
        var b = WithSsri();
        var occ = b.Observe(MechanismNames.Occupancy(MechanismNames.Targets.Sert), "1", 0.42, "targets layer");
        Assert.Equal(occ.Definition, SertOccupancy.Resolve(b));
    }

    [Fact]
    public void A_zero_targets_occupancy_means_no_SERT_ligand()
    {
        var b = WithSsri();
        b.Observe(MechanismNames.Occupancy(MechanismNames.Targets.Sert), "1", 0.0, "targets layer without SERT ligands");
        Assert.Null(SertOccupancy.Resolve(b));
    }

    [Fact]
    public void No_SERT_ligand_gives_constant_baseline_observables_and_no_states()
    {
        var b = new ModelBuilder("none");
        b.State("x", "1", "something else");
        new SerotoninModule().Contribute(b, Context);
        Assert.False(b.HasSymbol(SerotoninModule.SensitivityState));
        Assert.Equal(new Constant(1.0), b.GetObservable(MechanismNames.RapheFiringRel).Definition);
        Assert.Equal(new Constant(1.0), b.GetObservable(MechanismNames.SerotoninRel).Definition);
        Assert.Equal(new Constant(1.0), b.GetObservable(MechanismNames.AutoreceptorSensitivity).Definition);
        Assert.Equal(new Constant(0.0), b.GetObservable(MechanismNames.SerotonergicPlasticityDrive).Definition);
    }

    [Fact]
    public void The_chain_adds_its_two_states_and_no_patient_parameters()
    {
        var b = WithSsri();
        b.Observe(MechanismNames.Occupancy(MechanismNames.Targets.Sert), "1", b.GetObservable("escitalopram_brain_unbound_um").Definition / 0.009, "stand-in");
        new SerotoninModule().Contribute(b, Context);
        Assert.True(b.HasSymbol(SerotoninModule.SensitivityState) && b.HasSymbol(SerotoninModule.DriveState));
        Assert.False(b.HasSymbol(MechanismNames.Patient.TreatmentResistant));
        Assert.False(b.HasSymbol(MechanismNames.Patient.SerotonergicResponsiveness));
        Assert.Equal(3, b.Build().States.Count);
    }
}
