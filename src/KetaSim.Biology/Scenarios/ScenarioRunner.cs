using System.Collections.Concurrent;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;

namespace KetaSim.Biology.Scenarios;

/// <summary>
/// Runs a <see cref="Scenario"/>: composes the PK models of the dosed compounds into one model (compiled
/// once per set of modules and shared), sets the subject's covariates and the parameter overrides,
/// expands the doses and integrates. Thread-safe: the compiled model is shared, each run gets its own
/// parameter vector, events and integrator.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly ConcurrentDictionary<string, Lazy<CompiledModel>> _cache = new(StringComparer.Ordinal);
    private readonly Func<IOdeIntegrator> _integratorFactory;

    /// <param name="integratorFactory">Creates one integrator per run; default Rodas4 (stiff: the hepatic and
    /// venous exchanges are fast next to the days-long terminal phases).</param>
    public ScenarioRunner(Func<IOdeIntegrator>? integratorFactory = null) =>
        _integratorFactory = integratorFactory ?? (() => new Rodas4());

    /// <summary>Creates the integrator of one run.</summary>
    public Func<IOdeIntegrator> IntegratorFactory => _integratorFactory;

    /// <summary>Each dosed compound's dose routing for a model and parameter vector (compound names case-insensitive).</summary>
    public static Dictionary<string, IDoseRouting> RoutingFor(Scenario scenario, Model model, double[] parameters)
    {
        var routing = new Dictionary<string, IDoseRouting>(StringComparer.OrdinalIgnoreCase);
        foreach (var (compound, module) in ModulesByCompound(scenario))
            routing[compound] = module.RoutingFor(model, parameters);
        return routing;
    }

    /// <summary>A runner shared by callers that do not need their own (e.g. the calibration checks).</summary>
    public static ScenarioRunner Shared { get; } = new();

    /// <summary>The PK modules a scenario needs, one per distinct model (aliases of one model collapse); none for a
    /// mechanism scenario without doses.</summary>
    public static IReadOnlyList<IPkModule> ModulesFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var modules = new List<IPkModule>();
        foreach (var module in ModulesByCompound(scenario).Values)
            if (!modules.Any(m => m.Key == module.Key)) modules.Add(module);
        // No drug at all is a valid regimen when the mechanism runs (an inert-placebo or untreated arm): the
        // symptom course then comes from the disease state and the placebo context alone.
        if (modules.Count == 0 && scenario.Mechanism is null)
            throw new ArgumentException($"Scenario '{scenario.Name}' has no doses, so no PK model to run (a scenario without doses needs the mechanism).");
        return modules;
    }

    /// <summary>Each dosed compound's PK model, in the variant that takes every route the scenario gives it by.</summary>
    private static Dictionary<string, IPkModule> ModulesByCompound(Scenario scenario)
    {
        var byCompound = new Dictionary<string, IPkModule>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in scenario.Doses.GroupBy(d => d.Compound, StringComparer.OrdinalIgnoreCase))
        {
            var routes = group.Select(d => d.Route).Distinct().ToArray();
            byCompound[group.Key] = PkLibrary.Get(group.Key, scenario.Subject.Species).ForRoutes(routes);
        }
        return byCompound;
    }

    /// <summary>The composed, compiled model for a set of PK modules (cached by their keys, order-independent).</summary>
    public CompiledModel CompiledModelFor(IReadOnlyList<IPkModule> modules) => CompiledModelFor(modules, null);

    /// <summary>
    /// PK modules plus, when <paramref name="mechanism"/> is given, the mechanism layers on top (cached by
    /// the PK keys and the mechanism structure; parameter values such as the patient state never recompile).
    /// </summary>
    public CompiledModel CompiledModelFor(IReadOnlyList<IPkModule> modules, MechanismContext? mechanism)
    {
        var ordered = modules.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        string key = string.Join("+", ordered.Select(m => m.Key));
        if (mechanism is not null) key += "+" + MechanismAssembly.Key(mechanism) + "[" + string.Join(",", mechanism.Compounds.Order(StringComparer.Ordinal)) + "]";
        return _cache.GetOrAdd(key, _ => new Lazy<CompiledModel>(() =>
        {
            var b = new ModelBuilder(key);
            foreach (var m in ordered) m.Contribute(b);
            if (mechanism is not null) MechanismAssembly.Contribute(b, mechanism);
            return b.Build().Compile();
        })).Value;
    }

    /// <summary>The mechanism context of a scenario, or null when it runs PK only.</summary>
    public static MechanismContext? MechanismFor(Scenario scenario) => scenario.Mechanism is null ? null
        : new MechanismContext(scenario.Subject.Species, scenario.Mechanism,
            ModulesFor(scenario).Select(m => m.Compound).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());

    /// <summary>The subject's parameter vector: defaults, then covariates, then overrides (derived ones filled in).</summary>
    public static double[] ParametersFor(CompiledModel compiled, Scenario scenario)
    {
        var model = compiled.Model;
        var p = model.DefaultParameters();
        void SetIfPresent(string name, double value)
        {
            var q = model.Parameters.FirstOrDefault(x => x.Name == name);
            if (q is not null) p[q.Index] = value;
        }
        var s = scenario.Subject;
        SetIfPresent(PkCovariates.WeightKg, s.WeightKg);
        SetIfPresent(PkCovariates.AgeYears, s.AgeYears);
        SetIfPresent(PkCovariates.EastAsian, s.EastAsian ? 1 : 0);
        if (scenario.Mechanism is { } mech)
        {
            var patient = mech.Patient;
            SetIfPresent(MechanismNames.Patient.StressSeverity, patient.StressSeverity);
            SetIfPresent(MechanismNames.Patient.BaselineMadrs, patient.BaselineMadrs);
            SetIfPresent(MechanismNames.Patient.Responsiveness, patient.Responsiveness);
            SetIfPresent(MechanismNames.Patient.PlaceboResponsiveness, patient.PlaceboResponsiveness);
            SetIfPresent(MechanismNames.Patient.SerotonergicResponsiveness, patient.SerotonergicResponsiveness);
            SetIfPresent(MechanismNames.Patient.TreatmentResistant, patient.TreatmentResistant ? 1 : 0);
            SetIfPresent(MechanismNames.Patient.PlaceboKindCode, (int)patient.Placebo);
            SetIfPresent(MechanismNames.Patient.BaselineSuicidalThoughts, patient.BaselineSuicidalThoughts);
            if (patient.BaselineSystolicMmHg is { } sbp) SetIfPresent(Safety.SafetyParameters.BaselineSystolic, sbp);
            if (patient.BaselineDiastolicMmHg is { } dbp) SetIfPresent(Safety.SafetyParameters.BaselineDiastolic, dbp);
            foreach (var knockout in mech.Knockouts)
            {
                string name = MechanismNames.Expression(knockout.Target, knockout.Cell);
                var q = model.Parameters.FirstOrDefault(x => x.Name == name)
                    ?? throw new ArgumentException($"Scenario '{scenario.Name}': knockout {knockout} names a receptor the model does not place on that cell; " +
                        $"allowed: {string.Join(", ", model.Parameters.Where(x => x.Name.StartsWith("expression_", StringComparison.Ordinal)).Select(x => x.Name["expression_".Length..].Replace('_', '@')))}.");
                p[q.Index] = 0;
            }
        }
        foreach (var (name, value) in scenario.ParameterOverrides)
        {
            var q = model.Parameters.FirstOrDefault(x => x.Name == name);
            if (q is null)
            {
                bool derived = model.DerivedParameters.Any(d => d.Param.Name == name);
                throw new ArgumentException(
                    $"Scenario '{scenario.Name}': parameter override '{name}' " +
                    (derived ? "names a derived parameter, which is computed from base ones and cannot be set; " : "is not a parameter of this model; ") +
                    $"valid names: {string.Join(", ", model.Parameters.Select(x => x.Name))}.");
            }
            if (!double.IsFinite(value))
                throw new ArgumentException($"Scenario '{scenario.Name}': parameter override '{name}' must be finite, got {value}.");
            p[q.Index] = value;
        }
        compiled.Derive(p);
        return p;
    }

    /// <summary>
    /// Runs the scenario with its regimen rules: when <see cref="Scenario.DoseHold"/> is set, doses whose
    /// pre-dose blood pressure breaks the rule are held (and reported); otherwise a plain run.
    /// </summary>
    public Safety.DoseHoldResult RunWithRules(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.DoseHold is { } policy) return Safety.DoseHoldRule.Apply(scenario with { DoseHold = null }, this, policy);
        var run = RunDetailed(scenario);
        return new Safety.DoseHoldResult(scenario, run, [], []);
    }

    /// <summary>Runs the scenario and returns states and observables on the output grid.</summary>
    public SimulationResult Run(Scenario scenario) => RunDetailed(scenario).Result;

    /// <summary>Runs the scenario and also returns what was built (model, parameters, events, grid).</summary>
    public ScenarioRun RunDetailed(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!(scenario.DurationHours > 0) || !double.IsFinite(scenario.DurationHours))
            throw new ArgumentException($"Scenario '{scenario.Name}': DurationHours must be finite and > 0, got {scenario.DurationHours}.");
        if (!(scenario.OutputStepHours > 0) || !double.IsFinite(scenario.OutputStepHours))
            throw new ArgumentException($"Scenario '{scenario.Name}': OutputStepHours must be finite and > 0, got {scenario.OutputStepHours}.");

        var modules = ModulesFor(scenario);
        var compiled = CompiledModelFor(modules, MechanismFor(scenario));
        var model = compiled.Model;
        foreach (var name in scenario.Observables)
            if (!model.HasObservable(name))
                throw new ArgumentException($"Scenario '{scenario.Name}': unknown observable '{name}'; valid names: {string.Join(", ", model.Observables.Select(o => o.Name))}.");

        if (scenario.Doses.Any(d => d.Continued)) return RunContinued(scenario, modules);
        var parameters = ParametersFor(compiled, scenario);
        var routing = RoutingFor(scenario, model, parameters);

        var events = new DoseEvents();
        DoseExpansion.AddToEvents(scenario.Doses, scenario.Subject.WeightKg, routing, model, events);
        Symptoms.CareContacts.AddToEvents(scenario, compiled, parameters, events);

        var times = scenario.OutputTimesHours is { } explicitTimes
            ? OutputGrid(scenario.DurationHours, explicitTimes, events)
            : OutputGrid(scenario.DurationHours, scenario.OutputStepHours, events);
        var system = compiled.CreateSystem(parameters);
        var simulator = new Simulator(_integratorFactory(), scenario.Solver);
        var result = simulator.Run(system, events, times);
        return new ScenarioRun(scenario, modules, compiled, parameters, events, result);
    }

    /// <summary>
    /// A scenario with continued medication (<see cref="DoseRecord.Continued"/>): the pre-run of that medication alone
    /// (<see cref="ContinuedMedication"/>), then the scenario from t = 0 on the pre-run's final state.
    /// </summary>
    private ScenarioRun RunContinued(Scenario scenario, IReadOnlyList<IPkModule> modules)
    {
        var run = new SegmentedRun(this, scenario, -ContinuedMedication.PreRunHours);
        ContinuedMedication.PreRun(run, scenario.Doses, scenario.Mechanism?.Patient.Placebo ?? PlaceboKind.None);
        run.Give(scenario.Doses, scenario.CareContacts);
        var times = scenario.OutputTimesHours is { } explicitTimes
            ? OutputGrid(scenario.DurationHours, explicitTimes, run.Events)
            : OutputGrid(scenario.DurationHours, scenario.OutputStepHours, run.Events);
        var result = run.Advance(times[^1] > 0 ? times[^1] : scenario.DurationHours, times);
        return new ScenarioRun(scenario, modules, run.Compiled, [.. run.Parameters], run.Events, result);
    }

    /// <summary>
    /// 0..duration every step, plus every dose and infusion start/end inside, so Cmax at the end of an
    /// infusion is on the grid. (An output at a bolus time shows the value just before the bolus.)
    /// </summary>
    public static double[] OutputGrid(double durationHours, double stepHours, DoseEvents events)
    {
        var grid = new List<double>();
        long n = (long)Math.Floor(durationHours / stepHours + 1e-9);
        for (long k = 0; k <= n; k++) grid.Add(Math.Min(k * stepHours, durationHours));
        grid.Add(durationHours);
        return OutputGrid(durationHours, grid, events);
    }

    /// <summary>The given times in [0, duration], plus 0 and every dose and infusion start/end inside.</summary>
    public static double[] OutputGrid(double durationHours, IReadOnlyList<double> timesHours, DoseEvents events)
    {
        var set = new SortedSet<double> { 0 };
        foreach (var t in timesHours)
        {
            if (!(t >= 0 && t <= durationHours))
                throw new ArgumentException($"Output time {t} h lies outside the simulated 0-{durationHours} h.");
            set.Add(t);
        }
        foreach (var t in events.BreakpointsBetween(0, durationHours)) set.Add(t);
        // Drop grid points within 1e-9 h of an added one so times stay strictly increasing and distinct.
        var times = new List<double>();
        foreach (var t in set)
            if (times.Count == 0 || t - times[^1] > 1e-9) times.Add(t);
        return [.. times];
    }
}

/// <summary>Everything one scenario run built, for analyses that need more than the output grid.</summary>
public sealed record ScenarioRun(
    Scenario Scenario, IReadOnlyList<IPkModule> Modules, CompiledModel Compiled, double[] Parameters, DoseEvents Events, SimulationResult Result);
