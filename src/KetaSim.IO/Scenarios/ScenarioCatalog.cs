using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;

namespace KetaSim.IO.Scenarios;

/// <summary>
/// What a scenario file may name: for each species, the compounds and their routes; and the
/// observables and parameters of the model a scenario builds (null functions: not checked at read time).
/// </summary>
public sealed record ScenarioCatalog(
    Func<Species, IReadOnlyDictionary<string, IReadOnlyCollection<Route>>> RoutesFor,
    Func<Scenario, IReadOnlyCollection<string>>? ObservablesFor = null,
    Func<Scenario, IReadOnlyCollection<string>>? ParametersFor = null)
{
    /// <summary>A catalog whose compounds do not depend on species.</summary>
    public ScenarioCatalog(IReadOnlyDictionary<string, IReadOnlyCollection<Route>> routesByCompound,
        Func<Scenario, IReadOnlyCollection<string>>? observablesFor = null,
        Func<Scenario, IReadOnlyCollection<string>>? parametersFor = null)
        : this(_ => routesByCompound, observablesFor, parametersFor)
    {
    }

    /// <summary>The knockouts (<c>TARGET@CELL</c>) the scenario's mechanism model allows; null: not checked at read time.</summary>
    public Func<Scenario, IReadOnlyCollection<string>>? KnockoutsFor { get; init; }

    /// <summary>The base parameters (default value, unit) of the scenario's model, for range checks of overrides; null: not checked.</summary>
    public Func<Scenario, IReadOnlyList<KetaSim.Modeling.Expressions.Param>>? ParameterInfoFor { get; init; }

    /// <summary>
    /// Makes the compounds of a user library file or directory (full path; null: the built-in library only)
    /// known before the doses are read; throws <see cref="Biology.Compounds.ModelDataException"/> for bad
    /// data. Null: the catalog takes no compound files.
    /// </summary>
    public Action<string?>? UseCompounds { get; init; }
}
