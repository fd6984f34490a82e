using KetaSim.Modeling.Expressions;

namespace KetaSim.Modeling.Models;

/// <summary>
/// Assembles a model from modules. Each module declares its states, parameters, flows and
/// observables here; modules find each other's symbols by name, so the PK module's unbound brain
/// concentration can drive the targets module without either knowing the other's code.
/// </summary>
public sealed class ModelBuilder(string name)
{
    private readonly List<StateVar> _states = [];
    private readonly List<Param> _parameters = [];
    private readonly List<(Param Param, Expr Definition)> _derived = [];
    private readonly List<Flow> _flows = [];
    private readonly List<(StateVar State, Expr Term)> _terms = [];
    private readonly List<Observable> _observables = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public StateVar State(string name, string unit, string description, double initial = 0)
    {
        Claim(name);
        var s = new StateVar(name, _states.Count, unit, description, initial);
        _states.Add(s);
        return s;
    }

    /// <summary>
    /// A base parameter. <paramref name="range"/> is its plausible range in <paramref name="unit"/> with its basis
    /// (<see cref="PlausibleRange"/>); without one the default rule for the provenance kind applies
    /// (<see cref="PlausibleRange.ForProvenance"/>). A stated range must contain the value.
    /// </summary>
    public Param Parameter(string name, double value, string unit, Provenance provenance, string description, PlausibleRange? range = null)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"Parameter {name} must be finite, got {value}.");
        if (range is not null && !range.Contains(value))
            throw new ArgumentException($"Parameter {name} = {value} lies outside its own plausible range {range.Bounds}.");
        Claim(name);
        var p = new Param(name, _parameters.Count, value, unit, provenance, description, IsDerived: false)
        {
            Range = range ?? PlausibleRange.ForProvenance(value, provenance.Kind),
        };
        _parameters.Add(p);
        return p;
    }

    /// <summary>A parameter computed from other parameters (never from states or time).</summary>
    public Param Derived(string name, Expr definition, string unit, string description)
    {
        if (!Differentiate.ByTime(definition).IsConstant(0) || Mentions<StateVar>(definition))
            throw new ArgumentException($"Derived parameter {name} may depend on parameters only.");
        Claim(name);
        // Indexed after all base parameters at Build time; placeholder index here.
        var p = new Param(name, -1, double.NaN, unit, Provenance.Derived(definition.ToString()), description, IsDerived: true);
        _derived.Add((p, definition));
        return p;
    }

    /// <summary>rate leaves <paramref name="from"/> and yield × rate enters <paramref name="to"/>.</summary>
    public void Flow(StateVar? from, StateVar? to, Expr rate, string description, double yield = 1.0)
    {
        if (from is null && to is null) throw new ArgumentException("A flow needs a source or a destination.");
        _flows.Add(new Flow(from, to, rate, yield, description));
    }

    /// <summary>A non-conservative term added to d(state)/dt (turnover, feedback, a score's drift).</summary>
    public void Rate(StateVar state, Expr term) => _terms.Add((state, term));

    public Observable Observe(string name, string unit, Expr definition, string description)
    {
        Claim(name);
        var o = new Observable(name, _observables.Count, unit, description, definition);
        _observables.Add(o);
        return o;
    }

    public StateVar GetState(string name) => _states.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"Model {Name} has no state '{name}'.");

    public Param GetParameter(string name) => _parameters.FirstOrDefault(p => p.Name == name)
        ?? _derived.Select(d => d.Param).FirstOrDefault(p => p.Name == name)
        ?? throw new KeyNotFoundException($"Model {Name} has no parameter '{name}'.");

    public Observable GetObservable(string name) => _observables.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"Model {Name} has no observable '{name}'.");

    public bool HasSymbol(string name) => _names.Contains(name);

    public Model Build()
    {
        // Derived parameters go after the base ones; rewrite references to them with final indices.
        var map = new Dictionary<Param, Param>();
        var derived = new List<(Param, Expr)>();
        foreach (var (p, def) in _derived)
        {
            var placed = p with { Index = _parameters.Count + derived.Count };
            map[p] = placed;
            derived.Add((placed, Rebind(def, map)));
        }

        var rhs = new Expr[_states.Count];
        for (int i = 0; i < rhs.Length; i++) rhs[i] = 0.0;
        foreach (var f in _flows)
        {
            Expr rate = Rebind(f.Rate, map);
            if (f.From is not null) rhs[f.From.Index] -= rate;
            if (f.To is not null) rhs[f.To.Index] += f.Yield * rate;
        }
        foreach (var (s, term) in _terms) rhs[s.Index] += Rebind(term, map);

        var observables = _observables.Select(o => o with { Definition = Rebind(o.Definition, map) }).ToList();
        var flows = _flows.Select(f => f with { Rate = Rebind(f.Rate, map) }).ToList();
        return new Model(Name, [.. _states], [.. _parameters], derived, rhs, flows, observables);
    }

    private void Claim(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Symbol names may not be empty.");
        if (!_names.Add(name)) throw new ArgumentException($"Model {Name} already has a symbol named '{name}'.");
    }

    private static bool Mentions<T>(Expr e) => e is T || e.Children.Any(Mentions<T>);

    private static Expr Rebind(Expr e, IReadOnlyDictionary<Param, Param> map) => Rewrite.Leaves(e, leaf => leaf is Param { IsDerived: true } p
        ? map.TryGetValue(p, out var placed) ? placed
            : throw new InvalidOperationException($"Derived parameter {p.Name} is used before it is defined.")
        : null);
}
