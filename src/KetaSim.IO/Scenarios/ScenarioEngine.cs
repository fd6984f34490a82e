using KetaSim.Biology.Dosing;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Output;

namespace KetaSim.IO.Scenarios;

/// <summary>The bridge from scenario files to the biology: what a file may name, and running it.</summary>
public static class ScenarioEngine
{
    private static readonly Dictionary<Species, IReadOnlyDictionary<string, IReadOnlyCollection<Route>>> RoutesBySpecies =
        Enum.GetValues<Species>().ToDictionary(s => s, RoutesOf);

    /// <summary>Compounds and routes from <see cref="PkLibrary"/>; observables and parameters from the composed model.</summary>
    public static ScenarioCatalog Catalog { get; } = new(
        species => RoutesBySpecies[species],
        scenario => ModelOf(scenario).Observables.Select(o => o.Name).ToArray(),
        scenario => ModelOf(scenario).Parameters.Select(p => p.Name).ToArray());

    public static ScenarioReader Reader { get; } = new(Catalog);

    /// <summary>Runs a scenario read from a file; problems the file caused are reported against it.</summary>
    public static RunResult Run(ScenarioDocument document)
    {
        var scenario = document.Scenario;
        ScenarioRun run;
        try
        {
            run = ScenarioRunner.Shared.RunDetailed(scenario);
        }
        catch (DoseValidationException e)
        {
            throw new InputException(document.File, document.LineOf("doses"), "doses", e.Value, e.Message.TrimEnd('.'), e.Allowed);
        }
        var model = run.Result.Model;
        var names = scenario.Observables.Count > 0
            ? scenario.Observables
            : run.Modules.SelectMany(m => m.DefaultObservables).Distinct(StringComparer.Ordinal).ToArray();
        var series = names.Select(n =>
        {
            var o = model.Observables[model.ObservableIndex(n)];
            return new ObservableSeries(o.Name, o.Unit, o.Description, run.Result.Observables[o.Index]);
        }).ToArray();
        return new RunResult(scenario.Name, scenario.Description, run.Result.TimesHours, series).Validate();
    }

    private static Modeling.Models.Model ModelOf(Scenario scenario) =>
        ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(scenario)).Model;

    private static IReadOnlyDictionary<string, IReadOnlyCollection<Route>> RoutesOf(Species species)
    {
        var result = new Dictionary<string, IReadOnlyCollection<Route>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in PkLibrary.Names)
        {
            try
            {
                result[name] = PkLibrary.Get(name, species).Routing.SupportedRoutes;
            }
            catch (ArgumentException)
            {
                // No model of this compound for this species.
            }
        }
        return result;
    }
}
