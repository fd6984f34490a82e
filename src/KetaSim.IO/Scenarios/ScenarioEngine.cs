using KetaSim.Biology.Compounds;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Output;
using KetaSim.Modeling.Models;

namespace KetaSim.IO.Scenarios;

/// <summary>The bridge from scenario files to the biology: what a file may name, and running it.</summary>
public static class ScenarioEngine
{
    /// <summary>Compounds and routes from <see cref="PkLibrary"/> (asked afresh each time, so compounds
    /// registered later are known); observables, parameters and knockouts from the composed model.</summary>
    public static ScenarioCatalog Catalog { get; } = new(
        RoutesOf,
        scenario => ModelOf(scenario).Observables.Select(o => o.Name).ToArray(),
        scenario => ModelOf(scenario).Parameters.Select(p => p.Name).ToArray())
    {
        KnockoutsFor = scenario => MechanismTerms.KnockoutsOf(ModelOf(scenario).Parameters.Select(p => p.Name)),
        ParameterInfoFor = scenario => ModelOf(scenario).Parameters,
        UseCompounds = UseCompoundLibrary,
    };

    /// <summary>
    /// Makes a user compound library (merged over the built-in one) the active one, or the built-in one
    /// when <paramref name="path"/> is null. The library is process-wide (PK and targets resolve compounds
    /// through <see cref="CompoundLibrary.Active"/>), so each scenario read sets it.
    /// </summary>
    public static void UseCompoundLibrary(string? path)
    {
        var library = path is null ? CompoundLibrary.BuiltIn : CompoundLibrary.Load(path);
        if (!ReferenceEquals(CompoundLibrary.Active, library)) CompoundLibrary.Active = library;
    }

    public static ScenarioReader Reader { get; } = new(Catalog);

    /// <summary>The composed model of a scenario (PK modules, plus the mechanism layers when it has a mechanism block).</summary>
    public static Model ModelOf(Scenario scenario) =>
        ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(scenario), ScenarioRunner.MechanismFor(scenario)).Model;

    /// <summary>
    /// What a mechanism run reports when the file lists no observables: the names the layers share
    /// (<see cref="MechanismNames"/>) that this model has, after the PK defaults.
    /// </summary>
    public static IReadOnlyList<string> DefaultMechanismObservables(Model model)
    {
        string[] chain =
        [
            .. MechanismNames.Targets.All.Select(MechanismNames.Occupancy),
            MechanismNames.SerotoninRel, MechanismNames.RapheFiringRel, MechanismNames.AutoreceptorSensitivity, MechanismNames.SerotonergicPlasticityDrive,
            MechanismNames.SstRateRel, MechanismNames.PyrRateRel, MechanismNames.PyrReactivation,
            MechanismNames.BdnfRel, MechanismNames.TrkBSignal, MechanismNames.Mtorc1Activity, MechanismNames.SynapticProteinRel,
            MechanismNames.SpineDensityRel, MechanismNames.Mglur5SurfaceFraction,
            MechanismNames.Madrs, MechanismNames.MadrsFast, MechanismNames.MadrsSlow, MechanismNames.MadrsPlacebo, MechanismNames.Hamd17,
            Biology.Symptoms.SuicidalIdeationNames.Item10, Biology.Symptoms.SuicidalIdeationNames.CgiSsR,
            Biology.Symptoms.SymptomNames.StressBehaviourIndex,
            MechanismNames.SystolicMmHg, MechanismNames.DiastolicMmHg, MechanismNames.HeartRateBpm,
            MechanismNames.Cadss, MechanismNames.Moaas, MechanismNames.DrugLiking,
        ];
        return chain.Where(model.HasObservable).ToArray();
    }

    /// <summary>Runs a scenario read from a file; problems the file caused are reported against it.</summary>
    public static RunResult Run(ScenarioDocument document)
    {
        var scenario = document.Scenario;
        var (run, held) = RunScenarioWithRules(document, scenario);
        var model = run.Result.Model;
        var pkDefaults = run.Modules.SelectMany(m => m.DefaultObservables).Distinct(StringComparer.Ordinal).ToArray();
        var names = scenario.Observables.Count > 0 ? scenario.Observables
            : scenario.Mechanism is null ? pkDefaults
            : [.. pkDefaults, .. DefaultMechanismObservables(model).Except(pkDefaults)];
        var series = names.Select(n => SeriesOf(run, n)).ToArray();
        IReadOnlyList<FigurePanel>? chain = null;
        if (scenario.Mechanism is not null)
        {
            var all = model.Observables.ToDictionary(o => o.Name, o => SeriesOf(run, o.Name), StringComparer.Ordinal);
            chain = ChainFigure.Panels(all, pkDefaults.Where(n => n.Contains("_plasma_", StringComparison.Ordinal)));
        }
        return new RunResult(scenario.Name, scenario.Description, run.Result.TimesHours, series)
        {
            Chain = chain, HeldDoses = held,
            Administrations = Administration.Of(run.Scenario.Doses, run.Scenario.Subject.WeightKg),
            Warnings = Biology.Validity.ValidityDomain.Check(run),
        }.Validate();
    }

    /// <summary>Runs <paramref name="scenario"/> (the document's own, or a variant of it), reporting problems against the document.</summary>
    public static ScenarioRun RunScenario(ScenarioDocument document, Scenario scenario) => RunScenarioWithRules(document, scenario).Run;

    /// <summary>
    /// Runs a scenario with its regimen rules (the dose-hold rule when <c>mechanism.dose_hold</c> is set) and
    /// returns the doses the rule held.
    /// </summary>
    public static (ScenarioRun Run, IReadOnlyList<KetaSim.Biology.Safety.HeldDose> Held) RunScenarioWithRules(ScenarioDocument document, Scenario scenario)
    {
        try
        {
            var result = ScenarioRunner.Shared.RunWithRules(scenario);
            if (result.Run is null)
                throw new InputException(document.File, document.LineOf("doses"), "doses", $"{scenario.Doses.Count} dose record(s)",
                    "every dose was held by the dose-hold rule (pre-dose blood pressure above the limit), so there is nothing to simulate",
                    "a patient whose resting blood pressure is within the rule's limits, or mechanism.dose_hold: none");
            return (result.Run, result.Held);
        }
        catch (DoseValidationException e)
        {
            throw new InputException(document.File, document.LineOf("doses"), "doses", e.Value, e.Message.TrimEnd('.'), e.Allowed);
        }
        catch (KetaSim.Numerics.Ode.IntegrationException e)
        {
            // Located at the solver settings, else at the parameter overrides (what the message says to relax).
            var line = document.Lines.TryGetValue("solver", out var l) ? l : document.LineOf("parameters");
            throw IntegrationFailed(document.File, line, $"scenario '{scenario.Name}'", e);
        }
    }

    /// <summary>The solver gave up on settings or parameters the user chose: bad input naming what failed, where in
    /// simulated time, and what to relax.</summary>
    public static InputException IntegrationFailed(string file, int line, string what, KetaSim.Numerics.Ode.IntegrationException e) =>
        new(file, line, "solver", null, $"the integration of {what} failed ({e.Message.TrimEnd('.')}; t in hours from the start of the run)",
            "looser solver settings (rtol >= 1e-8, atol >= 1e-12, a larger or no max_step), or parameter overrides within their plausible ranges (ketasim params)", e);

    /// <summary>One observable of a run, with its unit and description.</summary>
    public static ObservableSeries SeriesOf(ScenarioRun run, string name)
    {
        var model = run.Result.Model;
        var o = model.Observables[model.ObservableIndex(name)];
        var values = run.Result.Observables[o.Index];
        // A concentration cannot be negative: values just below zero are integration noise (|x| below the
        // solver's absolute tolerance) and are written as 0.
        if (Output.ObservableMetrics.IsConcentration(o.Unit) && values.Any(v => v < 0))
            values = [.. values.Select(v => v < 0 ? 0.0 : v)];
        return new ObservableSeries(o.Name, o.Unit, o.Description, values);
    }

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
