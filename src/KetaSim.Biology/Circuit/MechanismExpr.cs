using KetaSim.Biology.Mechanism;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Circuit;

/// <summary>
/// Small expression helpers shared by the circuit, plasticity and symptom layers: reading what earlier
/// layers made, the patient parameters (get-or-add, since several layers need them), the untreated value
/// of an observable, and smooth replacements for max/clamp (the Jacobian must stay exact and finite).
/// </summary>
public static class MechanismExpr
{
    /// <summary>A parameter by name, created with these values if no earlier module made it.</summary>
    public static Param GetOrAdd(ModelBuilder b, string name, double value, string unit, Provenance provenance, string description) =>
        b.HasSymbol(name) ? b.GetParameter(name) : b.Parameter(name, value, unit, provenance, description);

    public static Param StressSeverity(ModelBuilder b) => GetOrAdd(b, MechanismNames.Patient.StressSeverity, 1.0, "1",
        Provenance.Assume("typical stressed/depressed state; the scenario runner sets it from PatientState"), "Chronic-stress severity, 0 healthy to 1 typical depressed");

    /// <summary>An observable's definition if an earlier layer made it, else null.</summary>
    public static Expr? Observable(ModelBuilder b, string name)
    {
        if (!b.HasSymbol(name)) return null;
        try { return b.GetObservable(name).Definition; }
        catch (KeyNotFoundException) { return null; }
    }

    /// <summary>activation_&lt;T&gt;_&lt;cell&gt; from the targets layer, or null when that layer does not place T on the cell.</summary>
    public static Expr? Activation(ModelBuilder b, string target, string cell) => Observable(b, MechanismNames.Activation(target, cell));

    /// <summary>
    /// The value of <paramref name="e"/> in the untreated model: every state at its initial value (the PK
    /// amounts 0, so no drug; the mechanism's deviation states 0), time 0, and optionally some
    /// parameters fixed (e.g. a receptor's expression set to 1 for a reference level). The result
    /// depends on parameters only, so it can be a derived parameter: knockouts (expression 0) and the
    /// patient state flow into the untreated baselines without recompiling.
    /// </summary>
    public static Expr Untreated(Expr e, IReadOnlyDictionary<string, double>? fixedParameters = null) => Rewrite.Leaves(e, leaf => leaf switch
    {
        StateVar s => s.Initial,
        TimeVar => 0.0,
        Param p when fixedParameters is not null && fixedParameters.TryGetValue(p.Name, out var v) => v,
        _ => null,
    });

    /// <summary>
    /// The untreated value of <paramref name="e"/> as a derived parameter named <paramref name="name"/>
    /// (computed once per parameter set, not in the right-hand side).
    /// </summary>
    public static Expr UntreatedParameter(ModelBuilder b, string name, Expr e, string unit, string description,
        IReadOnlyDictionary<string, double>? fixedParameters = null)
    {
        if (b.HasSymbol(name)) return b.GetParameter(name);
        Expr value = Untreated(e, fixedParameters);
        return value is Constant ? value : b.Derived(name, value, unit, description);
    }

    /// <summary>
    /// Smooth max(x, 0) that is exactly 0 at 0 and vanishes for x ≪ −ε: x·σ(2x/ε) with the logistic σ.
    /// Dips to −0.14ε near x ≈ −0.6ε only, so a sustained negative input leaves no spurious offset
    /// (unlike a shifted soft-plus). Inputs are bounded (|x| ≪ 300ε) so the exponential cannot overflow.
    /// </summary>
    public static Expr Rectify(Expr x, double epsilon) => x / (1.0 + Expr.Exp(-2.0 / epsilon * x));

    /// <summary>
    /// Smooth max(x, 0) that is never negative and exactly 0 only at 0: (√(x² + ε²) − ε)·½(1 + x/√(x² + ε²)) (an
    /// algebraic sigmoid, so no exponential can overflow for any input; it falls as ε²/4|x| for x ≪ 0). Unlike
    /// <see cref="Rectify"/> it has no dip below zero, so a rate built from it cannot push a pool that must stay
    /// non-negative (spines, internalised receptors) below zero; ≈ x − ε for x ≫ ε.
    /// </summary>
    public static Expr NonNegative(Expr x, double epsilon)
    {
        Expr root = Expr.Sqrt(x * x + epsilon * epsilon);
        return (root - epsilon) * 0.5 * (1.0 + x / root);
    }

    /// <summary>Smooth max(x, 0): ½(x + √(x² + ε²)); equals ε/2 at 0 and x (to within ε²/4x) for x ≫ ε.</summary>
    public static Expr SoftPlus(Expr x, double epsilon) => 0.5 * (x + Expr.Sqrt(x * x + epsilon * epsilon));

    /// <summary>Smooth clamp of x to [lo, hi] (two soft rectifiers; error ≤ ε/2 at the bounds).</summary>
    public static Expr SoftClamp(Expr x, double lo, double hi, double epsilon) =>
        hi - SoftPlus(hi - (lo + SoftPlus(x - lo, epsilon)), epsilon);
}
