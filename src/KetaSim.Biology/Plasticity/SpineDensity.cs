using KetaSim.Biology.Circuit;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Plasticity;

/// <summary>
/// Spine density of layer-5 pyramidal cells as imaging sees it (system.md §4; MECH-9): a stable pool, which in an
/// untreated patient sits at the stressed set point and turns over slowly (months), and new spines above it —
/// transient ones that last days unless consolidated, and consolidated ones that the stable pool has taken in.
/// Shared by the circuit (density scales the excitatory drive to Pyr) and the plasticity cascade (which forms,
/// consolidates and removes spines): whichever layer asks first creates the states. Both pools are stored as the
/// excess over the patient's stressed set point (initial 0), because a state's initial value is a constant while
/// the set point depends on the patient's stress severity.
/// </summary>
public static class SpineDensity
{
    /// <summary>New spines not yet consolidated (relative to healthy density; 0 untreated).</summary>
    public const string TransientState = "spine_density_transient";
    /// <summary>New spines consolidated into the stable pool, above the stressed set point (0 untreated).</summary>
    public const string ConsolidatedState = "spine_density_consolidated";
    public const string StressLossName = "spine_stress_loss";
    public const string SetPointName = "spine_density_setpoint";
    public const string CapacityName = "spine_density_capacity";

    /// <summary>Spine density lost at full stress severity (relative to healthy 1).</summary>
    public const double StressLoss = 0.2;

    public static StateVar Transient(ModelBuilder b) => b.HasSymbol(TransientState) ? b.GetState(TransientState)
        : b.State(TransientState, "1", "New (transient) spines above the patient's stressed set point, not yet consolidated (healthy density = 1)");

    public static StateVar Consolidated(ModelBuilder b) => b.HasSymbol(ConsolidatedState) ? b.GetState(ConsolidatedState)
        : b.State(ConsolidatedState, "1", "New spines consolidated into the stable pool, above the stressed set point (healthy density = 1)");

    /// <summary>All new spines above the set point (transient + consolidated).</summary>
    public static Expr Excess(ModelBuilder b) => Transient(b) + Consolidated(b);

    public static Param Loss(ModelBuilder b) => MechanismExpr.GetOrAdd(b, StressLossName, StressLoss, "1",
        Provenance.Assume("chronic stress removes ~15-25% of apical spines on mPFC layer-5 pyramidal cells (Radley 2004/2006; Moda-Sava 2019 report a loss of this order); 0.2 at full severity"),
        "Fraction of spine density lost at stress severity 1");

    /// <summary>
    /// Upper bound of spine density, relative to healthy: formation fills the room between today's density and it, so
    /// density can approach but never pass it (MECH-8: density ≤ 1.1 × healthy).
    /// </summary>
    public static Param Capacity(ModelBuilder b) => MechanismExpr.GetOrAdd(b, CapacityName, 1.05, "1",
        Provenance.Assume("adult cortical spine density is homeostatically bounded (Grutzendler 2002 Nature 420:812; Zuo 2005 Neuron 46:181): new spines restore the stress-lost ones and can add at most a few percent beyond the healthy density (5%, inside MECH-8's 1.1)"),
        "Spine density that formation cannot pass (healthy = 1)");

    /// <summary>The stressed set point 1 − loss × severity: where spine density rests without treatment.</summary>
    public static Expr SetPoint(ModelBuilder b) => b.HasSymbol(SetPointName) ? b.GetParameter(SetPointName)
        : b.Derived(SetPointName, 1.0 - Loss(b) * MechanismExpr.StressSeverity(b), "1", "Untreated (stressed) spine density, healthy = 1");

    /// <summary>Spine density relative to healthy (1).</summary>
    public static Expr Density(ModelBuilder b) => SetPoint(b) + Excess(b);
}
