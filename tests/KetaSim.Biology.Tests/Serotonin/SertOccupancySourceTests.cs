using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Serotonin;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using Xunit;

namespace KetaSim.Biology.Tests.Serotonin;

/// <summary>Which SERT occupancy the chain uses: the targets layer's when it made one, else its own SSRI table.</summary>
public class SertOccupancySourceTests
{
    private static readonly MechanismContext Context = new(Species.Human, new MechanismSettings(), ["escitalopram"]);

    private static Param Get(ModelBuilder b, SerotoninParameter s) =>
        b.HasSymbol(s.Name) ? b.GetParameter(s.Name) : b.Parameter(s.Name, s.Value, s.Unit, s.Provenance, s.Description);

    private static ModelBuilder WithSsri()
    {
        var b = new ModelBuilder("t");
        var c = b.State("c", "uM", "brain");
        b.Observe("escitalopram_brain_unbound_um", "uM", c, "unbound escitalopram");
        return b;
    }

    [Fact]
    public void The_targets_layer_occupancy_wins_when_present()
    {
        var b = WithSsri();
        var occ = b.Observe(MechanismNames.Occupancy(MechanismNames.Targets.Sert), "1", 0.42, "targets layer");
        var (expr, source) = SertOccupancy.Resolve(b, s => Get(b, s));
        Assert.Equal(SertOccupancy.Source.TargetsLayer, source);
        Assert.Equal(occ.Definition, expr);
    }

    [Fact]
    public void Its_own_table_is_used_otherwise_and_a_zero_targets_occupancy_does_not_hide_an_SSRI()
    {
        var b = WithSsri();
        b.Observe(MechanismNames.Occupancy(MechanismNames.Targets.Sert), "1", 0.0, "targets layer without SERT ligands");
        var (expr, source) = SertOccupancy.Resolve(b, s => Get(b, s));
        Assert.Equal(SertOccupancy.Source.OwnTable, source);
        // c / Kd / (1 + c / Kd): half occupancy at c = Kd.
        double kd = SerotoninParameters.EscitalopramKd.Value;
        var model = b.Build();
        double value = Evaluate.At(expr!, 0, [kd], model.DefaultParameters());
        Assert.Equal(0.5, value, 12);
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
        new SerotoninModule().Contribute(b, Context);
        Assert.True(b.HasSymbol(SerotoninModule.SensitivityState) && b.HasSymbol(SerotoninModule.DriveState));
        Assert.False(b.HasSymbol(MechanismNames.Patient.TreatmentResistant));
        Assert.False(b.HasSymbol(MechanismNames.Patient.SerotonergicResponsiveness));
        Assert.Equal(3, b.Build().States.Count);
    }
}
