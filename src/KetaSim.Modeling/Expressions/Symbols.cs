namespace KetaSim.Modeling.Expressions;

/// <summary>A state variable of the ODE system (an amount or a level), addressed by its index in y.</summary>
public sealed record StateVar(string Name, int Index, string Unit, string Description, double Initial) : Expr
{
    public override IEnumerable<Expr> Children => [];
    public override string ToString() => Name;
}

/// <summary>
/// A parameter, addressed by its index in the parameter vector p. Base parameters are inputs (their
/// values can change per subject without recompiling); derived ones are computed from them once per
/// parameter set, before integration, so the right-hand side never recomputes them.
/// </summary>
public sealed record Param(string Name, int Index, double Value, string Unit, Provenance Provenance, string Description, bool IsDerived) : Expr
{
    /// <summary>Values the parameter can plausibly take, in its unit (null for derived parameters): see <see cref="PlausibleRange"/>.</summary>
    public PlausibleRange? Range { get; init; }

    public override IEnumerable<Expr> Children => [];
    public override string ToString() => Name;
}
