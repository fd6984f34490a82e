using System.Collections.Concurrent;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Analysis;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Calibration;

/// <summary>Computes the simulated value of one target sub-id from built-in scenario runs.</summary>
public interface ICalibrationEvaluator
{
    string Id { get; }
    double Evaluate(CalibrationContext context);
}

/// <summary>Checks a qualitative target (shape, ordering, monotone) and says what the simulation showed.</summary>
public interface IShapeEvaluator
{
    string Id { get; }
    ShapeVerdict Check(CalibrationContext context);
}

/// <summary>A shape evaluator from a delegate.</summary>
public sealed class ShapeEvaluator(string id, Func<CalibrationContext, ShapeVerdict> check) : IShapeEvaluator
{
    public string Id { get; } = id;
    public ShapeVerdict Check(CalibrationContext context) => check(context);
}

/// <summary>A layer's calibration checks; every implementation in the assembly is registered (needs a parameterless constructor).</summary>
public interface ICalibrationSet
{
    void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes);
}

/// <summary>An evaluator from a delegate.</summary>
public sealed class CalibrationEvaluator(string id, Func<CalibrationContext, double> evaluate) : ICalibrationEvaluator
{
    public string Id { get; } = id;
    public double Evaluate(CalibrationContext context) => evaluate(context);
}

/// <summary>
/// Runs each built-in scenario at most once per context, so several sub-ids (Cmax, Tmax, t½, ratios)
/// share one simulation. Thread-safe.
/// </summary>
public sealed class CalibrationContext(ScenarioRunner? runner = null)
{
    private readonly ScenarioRunner _runner = runner ?? ScenarioRunner.Shared;
    private readonly ConcurrentDictionary<string, Lazy<SimulationResult>> _runs = new(StringComparer.Ordinal);

    public SimulationResult Run(Scenario scenario) =>
        _runs.GetOrAdd(scenario.Name, _ => new Lazy<SimulationResult>(() => _runner.Run(scenario))).Value;

    /// <summary>NCA of one observable over the whole run.</summary>
    public ExposureSummary Exposure(Scenario scenario, string observable)
    {
        var r = Run(scenario);
        return ExposureMetrics.Compute(r.TimesHours, r.Observable(observable));
    }
}

/// <summary>Sub-id → evaluator. PK-1..PK-8 are implemented; MECH, CLIN and SAFE rows are pending.</summary>
public static class CalibrationRegistry
{
    private static readonly Dictionary<string, ICalibrationEvaluator> Evaluators = Build();
    private static readonly Dictionary<string, IShapeEvaluator> ShapeEvaluators = BuildShapes();

    public static IReadOnlyCollection<string> Ids => [.. Evaluators.Keys, .. ShapeEvaluators.Keys];

    public static bool TryGet(string id, out ICalibrationEvaluator evaluator) => Evaluators.TryGetValue(id, out evaluator!);

    public static bool TryGetShape(string id, out IShapeEvaluator evaluator) => ShapeEvaluators.TryGetValue(id, out evaluator!);

    /// <summary>Evaluators of qualitative targets, from every layer's calibration set.</summary>
    private static Dictionary<string, IShapeEvaluator> BuildShapes()
    {
        var list = new List<IShapeEvaluator>();
        foreach (var set in CalibrationSets()) set.Register(new List<ICalibrationEvaluator>(), list);
        return list.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Each layer registers its targets from its own file (an <see cref="ICalibrationSet"/>), so the registry
    /// does not grow into one long list. Found by reflection once, in a fixed (name) order.
    /// </summary>
    private static IEnumerable<ICalibrationSet> CalibrationSets() =>
        typeof(ICalibrationSet).Assembly.GetTypes()
            .Where(t => typeof(ICalibrationSet).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ICalibrationSet)Activator.CreateInstance(t)!);

    private static Dictionary<string, ICalibrationEvaluator> Build()
    {
        var list = new List<ICalibrationEvaluator>();
        void Add(string id, Func<CalibrationContext, double> f) => list.Add(new CalibrationEvaluator(id, f));

        var iv = BuiltInScenarios.KetamineIv05;
        Add("PK-1/Cmax", c => c.Exposure(iv, "ketamine_plasma_ng_per_ml").Cmax);
        Add("PK-1/Tmax", c => c.Exposure(iv, "ketamine_plasma_ng_per_ml").TmaxHours * 60);
        Add("PK-2/HalfLife", c => c.Exposure(iv, "ketamine_plasma_ng_per_ml").TerminalHalfLifeHours);
        Add("PK-3/NkKAucRatio", c => c.Exposure(iv, "norketamine_plasma_ng_per_ml").AucLast / c.Exposure(iv, "ketamine_plasma_ng_per_ml").AucLast);

        foreach (var mg in new[] { 28, 56, 84 })
        {
            var s = BuiltInScenarios.EsketamineNasal(mg);
            Add($"PK-4/{mg}mg/Cmax", c => c.Exposure(s, "esketamine_plasma_ng_per_ml").Cmax);
            Add($"PK-5/{mg}mg/AUC24", c => c.Exposure(s, "esketamine_plasma_ng_per_ml").AucLast);
        }
        var esk84 = BuiltInScenarios.EsketamineNasal(84);
        double lastSprayHours = 2 * Dosing.NasalSession.DeviceSpacingHours;
        Add("PK-6/84mg/TmaxAfterLastSpray", c => (c.Exposure(esk84, "esketamine_plasma_ng_per_ml").TmaxHours - lastSprayHours) * 60);

        foreach (var mg in new[] { 10, 20 })
        {
            var s = BuiltInScenarios.EscitalopramDaily(mg);
            Add($"PK-7/{mg}mg/Cavg", c => EscitalopramCavgDay14(c, s));
        }
        Add("PK-7/HalfLife", c => EscitalopramTerminalHalfLife(c, BuiltInScenarios.EscitalopramDaily(10)));

        var mouse = BuiltInScenarios.MouseKetamineIp10;
        Add("PK-8/Ratio30to5", c => At(c.Run(mouse), "ketamine_brain_ng_per_ml", 0.5) / At(c.Run(mouse), "ketamine_brain_ng_per_ml", 5.0 / 60));
        Add("PK-8/Ratio3hToPeak", c => At(c.Run(mouse), "ketamine_brain_ng_per_ml", 3.0) / c.Exposure(mouse, "ketamine_brain_ng_per_ml").Cmax);

        foreach (var set in CalibrationSets()) set.Register(list, new List<IShapeEvaluator>());
        return list.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>Average concentration over the day-14 dosing interval: AUC(τ) / τ.</summary>
    public static double EscitalopramCavgDay14(CalibrationContext c, Scenario s)
    {
        var r = c.Run(s);
        double t0 = BuiltInScenarios.EscitalopramLastDoseHours;
        return ExposureMetrics.AucBetween(r.TimesHours, r.Observable("escitalopram_plasma_ng_per_ml"), t0, t0 + 24) / 24;
    }

    /// <summary>Terminal t½ by NCA on the profile after the last (day-14) dose, followed 8 days.</summary>
    public static double EscitalopramTerminalHalfLife(CalibrationContext c, Scenario s)
    {
        var r = c.Run(s);
        int from = Array.FindIndex(r.TimesHours, t => t >= BuiltInScenarios.EscitalopramLastDoseHours - 1e-9);
        return ExposureMetrics.Compute(r.TimesHours, r.Observable("escitalopram_plasma_ng_per_ml"), from, r.TimesHours.Length).TerminalHalfLifeHours;
    }

    /// <summary>The observable at an output time that must be on the grid.</summary>
    public static double At(SimulationResult r, string observable, double hours)
    {
        int i = Array.FindIndex(r.TimesHours, t => Math.Abs(t - hours) < 1e-9);
        if (i < 0) throw new InvalidOperationException($"No output at {hours} h in the run.");
        return r.Observable(observable)[i];
    }
}

/// <summary>Evaluates a list of targets: pass/fail for those with an evaluator, pending for the rest.</summary>
public static class CalibrationRun
{
    /// <summary>
    /// Evaluates <paramref name="targets"/> with this assembly's calibration sets plus <paramref name="extraSets"/>:
    /// layers above this one (the virtual-trial cohorts of CLIN-2/3/8/10 live with the trial runner and its file
    /// format) register their evaluators there; an extra evaluator replaces a built-in one of the same id.
    /// </summary>
    public static IReadOnlyList<CalibrationResult> Evaluate(IEnumerable<CalibrationTarget> targets, CalibrationContext? context = null,
        IEnumerable<ICalibrationSet>? extraSets = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        context ??= new CalibrationContext();
        var extraBands = new Dictionary<string, ICalibrationEvaluator>(StringComparer.Ordinal);
        var extraShapes = new Dictionary<string, IShapeEvaluator>(StringComparer.Ordinal);
        foreach (var set in extraSets ?? [])
        {
            var bands = new List<ICalibrationEvaluator>();
            var shapes = new List<IShapeEvaluator>();
            set.Register(bands, shapes);
            foreach (var e in bands) extraBands[e.Id] = e;
            foreach (var e in shapes) extraShapes[e.Id] = e;
        }
        bool TryGetShape(string id, out IShapeEvaluator e) => extraShapes.TryGetValue(id, out e!) || CalibrationRegistry.TryGetShape(id, out e);
        bool TryGet(string id, out ICalibrationEvaluator e) => extraBands.TryGetValue(id, out e!) || CalibrationRegistry.TryGet(id, out e);
        var results = new List<CalibrationResult>();
        foreach (var t in targets)
        {
            if (t.Kind != CalibrationTarget.BandKind && TryGetShape(t.Id, out var shape))
            {
                var verdict = shape.Check(context);
                results.Add(new CalibrationResult(t.Id, t.Observable, t.Target, null, null, null, t.Unit,
                    verdict.Pass ? CalibrationStatus.Pass : CalibrationStatus.Fail, t.Kind, verdict.Description));
                continue;
            }
            if (!TryGet(t.Id, out var evaluator) || !t.IsBand)
            {
                results.Add(new CalibrationResult(t.Id, t.Observable, t.Target, null, t.Lower, t.Upper, t.Unit, CalibrationStatus.Pending));
                continue;
            }
            double value = evaluator.Evaluate(context);
            results.Add(new CalibrationResult(t.Id, t.Observable, t.Target, value, t.Lower, t.Upper, t.Unit,
                t.Contains(value) ? CalibrationStatus.Pass : CalibrationStatus.Fail));
        }
        return results;
    }
}
