using KetaSim.Biology.Dosing;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>A routing defined by a delegate (each PK module supplies its own).</summary>
internal sealed class PkRouting(string compound, IReadOnlyCollection<Route> routes, Action<DoseOccurrence, Model, DoseEvents> apply) : IDoseRouting
{
    public string Compound { get; } = compound;
    public IReadOnlyCollection<Route> SupportedRoutes { get; } = routes;

    public void Apply(DoseOccurrence dose, Model model, DoseEvents events)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(events);
        if (!SupportedRoutes.Contains(dose.Route))
            throw new ArgumentException($"{Compound} cannot be given by route {dose.Route}; supported: {string.Join(", ", SupportedRoutes)}.");
        apply(dose, model, events);
    }
}

/// <summary>Helpers the routings share.</summary>
public static class PkDosing
{
    /// <summary>
    /// An IV dose (bolus, or infusion over DurationHours) of fraction × amount × F into a state.
    /// An infusion without a duration is given as a bolus.
    /// </summary>
    public static void AddIntravenous(DoseOccurrence dose, int state, double fraction, DoseEvents events)
    {
        double amount = dose.AmountMg * dose.Bioavailability * fraction;
        if (dose.Route == Route.IvInfusion && dose.DurationHours is { } d && d > 0)
            events.AddInput(dose.TimeHours, dose.TimeHours + d, state, amount / d);
        else
            events.AddBolus(dose.TimeHours, state, amount);
    }

    /// <summary>The value of a parameter (base or derived) in a parameter vector of <paramref name="model"/>.</summary>
    public static double Value(Model model, double[] parameters, string name)
    {
        foreach (var p in model.Parameters) if (p.Name == name) return parameters[p.Index];
        foreach (var (p, _) in model.DerivedParameters) if (p.Name == name) return parameters[p.Index];
        throw new KeyNotFoundException($"Model {model.Name} has no parameter '{name}'.");
    }

    /// <summary>A default parameter vector with derived values filled in (compiles nothing).</summary>
    public static double[] DefaultsWithDerived(Model model)
    {
        var p = model.DefaultParameters();
        foreach (var (param, definition) in model.DerivedParameters) p[param.Index] = Modeling.Expressions.Evaluate.At(definition, 0, [], p);
        return p;
    }
}
