using KetaSim.Biology.Circuit;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Plasticity;

/// <summary>
/// Spine density of layer-5 pyramidal cells, shared by the circuit (it scales the excitatory drive to
/// Pyr) and the plasticity cascade (which forms and removes spines). The circuit contributes first, so
/// whichever layer asks first creates the state; the plasticity layer adds its kinetics. Stored as the
/// excess over the patient's stressed set point (initial 0), because a state's initial value is a
/// constant while the set point depends on the patient's stress severity.
/// </summary>
public static class SpineDensity
{
    public const string ExcessState = "spine_density_excess";
    public const string StressLossName = "spine_stress_loss";
    public const string SetPointName = "spine_density_setpoint";

    /// <summary>Spine density lost at full stress severity (relative to healthy 1).</summary>
    public const double StressLoss = 0.2;

    public static StateVar Excess(ModelBuilder b) => b.HasSymbol(ExcessState) ? b.GetState(ExcessState)
        : b.State(ExcessState, "1", "Spine density above the patient's stressed set point (healthy density = 1)");

    public static Param Loss(ModelBuilder b) => MechanismExpr.GetOrAdd(b, StressLossName, StressLoss, "1",
        Provenance.Assume("chronic stress removes ~15-25% of apical spines on mPFC layer-5 pyramidal cells (Radley 2004/2006; Moda-Sava 2019 report a loss of this order); 0.2 at full severity"),
        "Fraction of spine density lost at stress severity 1");

    /// <summary>The stressed set point 1 − loss × severity: where spine density rests without treatment.</summary>
    public static Expr SetPoint(ModelBuilder b) => b.HasSymbol(SetPointName) ? b.GetParameter(SetPointName)
        : b.Derived(SetPointName, 1.0 - Loss(b) * MechanismExpr.StressSeverity(b), "1", "Untreated (stressed) spine density, healthy = 1");

    /// <summary>Spine density relative to healthy (1).</summary>
    public static Expr Density(ModelBuilder b) => SetPoint(b) + Excess(b);
}
