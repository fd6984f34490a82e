using KetaSim.Biology.Dosing;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// A pharmacokinetic model of one compound: contributes its states, parameters, flows and
/// observables to a <see cref="ModelBuilder"/>, and says where each route's dose goes.
/// </summary>
public interface IPkModule
{
    /// <summary>Canonical compound name doses refer to ("ketamine", "esketamine", "escitalopram", ...).</summary>
    string Compound { get; }

    /// <summary>Unique id of this model (compound + species + parameter set), used to cache composed models.</summary>
    string Key { get; }

    /// <summary>One-line description with the primary source.</summary>
    string Description { get; }

    /// <summary>Adds the model to <paramref name="b"/>; shared covariates (WT_kg, AGE_y, EAST_ASIAN) are created once.</summary>
    void Contribute(ModelBuilder b);

    /// <summary>Routing bound to the model's default parameter values.</summary>
    IDoseRouting Routing { get; }

    /// <summary>
    /// Routing bound to one subject's parameter vector (base values set, derived filled in): routes whose
    /// split or timing depends on parameters (nasal fraction, release duration, lag) read them here, so
    /// per-subject values need no recompilation.
    /// </summary>
    IDoseRouting RoutingFor(Model model, double[] parameters);

    /// <summary>The observables this module reports by default (concentrations).</summary>
    IReadOnlyList<string> DefaultObservables { get; }

    /// <summary>
    /// The variant of this model that can take the given routes. A model carries absorption depots only
    /// when a scenario uses them, so an IV-only virtual trial does not pay for an oral gut depot.
    /// </summary>
    IPkModule ForRoutes(IReadOnlyCollection<Route> routes) => this;
}
