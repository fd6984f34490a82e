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
}
