using KetaSim.Modeling.Expressions;

namespace KetaSim.Modeling.Models;

/// <summary>
/// A composed model, as equations: dy_i/dt = Rhs[i]. Immutable; <see cref="Compile"/> turns it into
/// delegates once, and the compiled form is shared by every subject of a virtual trial.
/// </summary>
public sealed class Model(
    string name,
    IReadOnlyList<StateVar> states,
    IReadOnlyList<Param> parameters,
    IReadOnlyList<(Param Param, Expr Definition)> derived,
    IReadOnlyList<Expr> rhs,
    IReadOnlyList<Flow> flows,
    IReadOnlyList<Observable> observables)
{
    public string Name { get; } = name;
    public IReadOnlyList<StateVar> States { get; } = states;

    /// <summary>Base parameters: p[0 .. Parameters.Count).</summary>
    public IReadOnlyList<Param> Parameters { get; } = parameters;

    /// <summary>Derived parameters, in evaluation order: p[Parameters.Count ..).</summary>
    public IReadOnlyList<(Param Param, Expr Definition)> DerivedParameters { get; } = derived;

    public IReadOnlyList<Expr> Rhs { get; } = rhs;
    public IReadOnlyList<Flow> Flows { get; } = flows;
    public IReadOnlyList<Observable> Observables { get; } = observables;

    public int ParameterVectorLength => Parameters.Count + DerivedParameters.Count;

    public int StateIndex(string name) => States.FirstOrDefault(s => s.Name == name)?.Index
        ?? throw new KeyNotFoundException($"Model {Name} has no state '{name}'.");

    public int ParameterIndex(string name) => Parameters.FirstOrDefault(p => p.Name == name)?.Index
        ?? throw new KeyNotFoundException($"Model {Name} has no base parameter '{name}'.");

    public int ObservableIndex(string name) => Observables.FirstOrDefault(o => o.Name == name)?.Index
        ?? throw new KeyNotFoundException($"Model {Name} has no observable '{name}'.");

    public bool HasObservable(string name) => Observables.Any(o => o.Name == name);

    /// <summary>The published/default base parameter values, as a fresh vector with room for derived ones.</summary>
    public double[] DefaultParameters()
    {
        var p = new double[ParameterVectorLength];
        foreach (var q in Parameters) p[q.Index] = q.Value;
        return p;
    }

    public double[] InitialState() => States.Select(s => s.Initial).ToArray();

    /// <summary>The symbolic Jacobian entry ∂Rhs[i]/∂y[j].</summary>
    public Expr JacobianEntry(int i, int j) => Differentiate.ByState(Rhs[i], j);

    public CompiledModel Compile() => ModelCompiler.Compile(this);
}
