using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Symptoms;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;

namespace KetaSim.Biology.Scenarios;

/// <summary>
/// One subject's course simulated segment by segment on one compiled model: the ODE state and the clock continue from
/// one segment to the next (dose and contact times are absolute), and between segments the caller may change parameters
/// (the placebo context of a new trial phase), read observables at the current time (a decision point: a phase end, a
/// dosing rule at a session) and give further doses. Nothing changes between segments ⇒ the same course as one
/// unsegmented run, to solver tolerance (the integrator restarts at each cut, as it does at every dose).
/// Not thread-safe: one instance per subject and thread.
/// </summary>
public sealed class SegmentedRun
{
    private readonly Scenario _frame;
    private readonly CompiledModel _compiled;
    private readonly ModelSystem _system;
    private readonly Dictionary<string, IDoseRouting> _routing;
    private readonly DoseEvents _events = new();
    private readonly Simulator _simulator;
    private readonly double[] _observables;
    private double[] _y;

    /// <summary>
    /// Starts a course at <paramref name="startHours"/> (negative for a pre-run before t = 0). <paramref name="frame"/>
    /// gives the subject, mechanism settings, parameter overrides and solver; its <see cref="Scenario.Doses"/> name
    /// every compound and route the course may dose (they choose the model; they are not given: see <see cref="Give"/>).
    /// </summary>
    public SegmentedRun(ScenarioRunner runner, Scenario frame, double startHours = 0, Func<IOdeIntegrator>? integratorFactory = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(frame);
        if (!double.IsFinite(startHours)) throw new ArgumentOutOfRangeException(nameof(startHours), startHours, "must be finite");
        _frame = frame;
        var modules = ScenarioRunner.ModulesFor(frame);
        _compiled = runner.CompiledModelFor(modules, ScenarioRunner.MechanismFor(frame));
        var parameters = ScenarioRunner.ParametersFor(_compiled, frame);
        _routing = ScenarioRunner.RoutingFor(frame, _compiled.Model, parameters);
        _system = _compiled.CreateSystem(parameters);
        _simulator = new Simulator((integratorFactory ?? runner.IntegratorFactory)(), frame.Solver);
        _observables = new double[_compiled.Model.Observables.Count];
        _y = _compiled.Model.InitialState();
        TimeHours = startHours;
    }

    public CompiledModel Compiled => _compiled;
    public Model Model => _compiled.Model;

    /// <summary>The current time, h: where the last segment ended.</summary>
    public double TimeHours { get; private set; }

    /// <summary>The parameter vector now in force (base then derived).</summary>
    public IReadOnlyList<double> Parameters => _system.Parameters;

    /// <summary>The state at <see cref="TimeHours"/> (before any event at that time).</summary>
    public ReadOnlySpan<double> State => _y;

    /// <summary>Every dose and contact event given so far (absolute times).</summary>
    public DoseEvents Events => _events;

    /// <summary>Sets a base parameter from now on (derived ones recomputed); false when the model has no such parameter.</summary>
    public bool SetParameter(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"parameter '{name}' must be finite");
        var p = Model.Parameters.FirstOrDefault(x => x.Name == name);
        if (p is null) return false;
        _system.Parameters[p.Index] = value;
        _system.Rederive();
        return true;
    }

    /// <summary>The placebo context from now on (<see cref="MechanismNames.Patient.PlaceboKindCode"/>).</summary>
    public void SetPlacebo(PlaceboKind kind) => SetParameter(MechanismNames.Patient.PlaceboKindCode, (int)kind);

    /// <summary>True when the model has the observable.</summary>
    public bool Has(string observable) => Model.HasObservable(observable);

    /// <summary>An observable at the current time and state with the parameters now in force.</summary>
    public double Observable(string name)
    {
        _compiled.Observables(TimeHours, _y, _system.Parameters, _observables);
        return _observables[Model.ObservableIndex(name)];
    }

    /// <summary>
    /// Gives doses (absolute times, none before <see cref="TimeHours"/>) and care contacts: every parenteral or nasal dose is
    /// a session (<see cref="CareContacts"/>), merged with the contacts given here.
    /// </summary>
    /// <summary>Contacts given so far (merged), so later ones merge with them as one list would.</summary>
    private readonly List<CareContact> _contactsGiven = [];

    public void Give(IReadOnlyList<DoseRecord> doses, IReadOnlyList<CareContact>? contacts = null)
    {
        ArgumentNullException.ThrowIfNull(doses);
        foreach (var d in doses)
            if (d.TimeHours + d.LagHours < TimeHours - 1e-9)
                throw new ArgumentException($"A dose at {d.TimeHours} h lies before the current time of the run ({TimeHours} h).", nameof(doses));
        if (contacts is not null)
            foreach (var c in contacts)
                if (c.TimeHours < TimeHours - 1e-9)
                    throw new ArgumentException($"A care contact at {c.TimeHours} h lies before the current time of the run ({TimeHours} h).", nameof(contacts));
        DoseExpansion.AddToEvents(doses, _frame.Subject.WeightKg, _routing, Model, _events);
        var given = _frame with { Doses = doses, CareContacts = contacts ?? [] };
        CareContacts.AddToEvents(given, _compiled, _system.Parameters, _events, _contactsGiven);
    }

    /// <summary>
    /// Runs on to <paramref name="untilHours"/>; the result holds <paramref name="outputTimesHours"/> (those in
    /// [<see cref="TimeHours"/>, until]) and always <paramref name="untilHours"/> itself, the last row. Values at an event
    /// time are those just before the event (it is applied by the next segment).
    /// </summary>
    public SimulationResult Advance(double untilHours, IReadOnlyList<double>? outputTimesHours = null)
    {
        if (!(untilHours > TimeHours) || !double.IsFinite(untilHours))
            throw new ArgumentOutOfRangeException(nameof(untilHours), untilHours, $"must be finite and after the current time ({TimeHours} h)");
        int count = 1;
        if (outputTimesHours is not null)
            foreach (var t in outputTimesHours)
                if (t >= TimeHours && t < untilHours) count++;
        var times = new double[count];
        int k = 0;
        if (outputTimesHours is not null)
            foreach (var t in outputTimesHours)
                if (t >= TimeHours && t < untilHours) times[k++] = t;
        times[k] = untilHours;
        if (count > 2) Array.Sort(times);
        var result = _simulator.Run(_system, _events, times, _y, TimeHours);
        for (int i = 0; i < _y.Length; i++) _y[i] = result.States[i][^1];
        TimeHours = untilHours;
        return result;
    }
}

/// <summary>
/// A medication taken since long before t = 0 (<see cref="DoseRecord.Continued"/>): given alone for
/// <see cref="PreRunHours"/> before t = 0 with placebo kind none and no care contacts, so its concentrations and its slow
/// serotonergic drive are at steady state at t = 0.
/// </summary>
public static class ContinuedMedication
{
    /// <summary>
    /// Length of the pre-run: 24 weeks, which is about 100 terminal half-lives of escitalopram or citalopram (~30-35 h) and
    /// about 4 time constants of the slowest serotonergic process in the model (the plasticity drive, τ ≈ 1000 h): the
    /// concentrations repeat from one dose to the next and the drive is within ~3% of its plateau.
    /// </summary>
    public const double PreRunHours = 24 * 168;

    /// <summary>Interval used for a continued record that gives a single dose (no interval of its own): once daily, h.</summary>
    public const double DefaultIntervalHours = 24;

    /// <summary>The pre-run doses of the continued records, at t in [−<see cref="PreRunHours"/>, 0): each record's
    /// first dose repeated at its own interval (the gap to its next dose; the gap to the next continued dose of the same
    /// compound and route for schedule-expanded records; else daily), ending one interval before its first dose at t ≥ 0.</summary>
    public static IReadOnlyList<DoseRecord> PreRunDoses(IReadOnlyList<DoseRecord> doses)
    {
        ArgumentNullException.ThrowIfNull(doses);
        var result = new List<DoseRecord>();
        foreach (var group in doses.Where(d => d.Continued).GroupBy(d => (d.Compound.ToLowerInvariant(), d.Route)))
        {
            var times = group.SelectMany(d => Enumerable.Range(0, d.AdditionalDoses + 1).Select(k => d.TimeHours + k * d.IntervalHours)).Order().ToArray();
            var first = group.OrderBy(d => d.TimeHours).First();
            double interval = times.Length > 1 ? times[1] - times[0] : DefaultIntervalHours;
            if (!(interval > 0)) interval = DefaultIntervalHours;
            int n = (int)Math.Ceiling(PreRunHours / interval - 1e-9);
            double firstPre = times[0] - n * interval;
            result.Add(first with { TimeHours = firstPre, AdditionalDoses = n - 1, IntervalHours = n > 1 ? interval : 0, Continued = false });
        }
        return result;
    }

    /// <summary>
    /// Runs the pre-run on a course started at −<see cref="PreRunHours"/> and leaves it at t = 0, with the placebo context
    /// <paramref name="placebo"/> and, when the model has it, <see cref="SymptomsModule.SerotonergicDriveAtBaselineName"/>
    /// set to the serotonergic drive at the end of the pre-run (its effect is part of the baseline rating).
    /// </summary>
    public static void PreRun(SegmentedRun run, IReadOnlyList<DoseRecord> doses, PlaceboKind placebo)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Math.Abs(run.TimeHours + PreRunHours) > 1e-9)
            throw new ArgumentException($"The course must start at -{PreRunHours} h for the pre-run; it is at {run.TimeHours} h.", nameof(run));
        run.SetPlacebo(PlaceboKind.None);
        run.Give(PreRunDoses(doses));
        run.Advance(0);
        if (run.Has(MechanismNames.SerotonergicPlasticityDrive))
            run.SetParameter(SymptomsModule.SerotonergicDriveAtBaselineName, run.Observable(MechanismNames.SerotonergicPlasticityDrive));
        run.SetPlacebo(placebo);
    }
}
