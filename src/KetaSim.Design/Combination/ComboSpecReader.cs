using KetaSim.Biology.Compounds;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;
using YamlDotNet.RepresentationModel;

namespace KetaSim.Design.Combination;

/// <summary>
/// Reads a combination design spec (docs/design/combination.md). Every problem is an <see cref="InputException"/> naming the
/// file, line, field, value and what is allowed. The base scenario is found through <paramref name="resolveScenario"/> (a path
/// relative to the spec file, or a built-in resource), so built-in specs and user files read the same way.
/// </summary>
public static class ComboSpecReader
{
    public static readonly string[] RootKeys = ["name", "description", "scenario", "compounds", "reference", "target", "burden", "low_dose_fraction", "cohort", "search", "keep_background"];
    public static readonly string[] CompoundKeys = ["drug", "route", "doses"];
    public static readonly string[] ReferenceKeys = ["drug", "route", "amount", "duration", "start", "label"];
    public static readonly string[] TargetKeys = ["metric", "equal_to", "better", "tolerance", "max_effect"];
    public static readonly string[] BurdenKeys = ["metric", "weight", "worse"];
    public static readonly string[] CohortKeys = ["population", "size", "seed"];
    public static readonly string[] SearchKeys = ["samples", "directions", "refine_rounds", "refine_directions", "solo_points", "seed"];

    public static ComboSpec Read(string file, string text, Func<string, (string File, string Text)> resolveScenario, string? compounds = null)
    {
        var yaml = YamlInput.Parse(file, text);
        var root = yaml.RootMap(RootKeys);
        var name = root.String("name", "a short name") ?? Path.GetFileNameWithoutExtension(file);
        var description = root.String("description", "free text") ?? "";

        var scenarioPath = root.RequireString("scenario", "the base scenario file (subject, duration, mechanism), relative to this file");
        (string File, string Text) scenarioSource;
        try { scenarioSource = resolveScenario(scenarioPath); }
        catch (InputException e) { throw root.Error("scenario", e.Problem, e.Allowed); }
        var document = ScenarioEngine.Reader.Read(scenarioSource.File, scenarioSource.Text, compounds);
        var scenario = document.Scenario;
        if (scenario.Mechanism is null)
            throw root.Error("scenario", $"the base scenario '{scenarioPath}' has no mechanism block, so it has no symptom or side-effect observables",
                "a scenario with a 'mechanism:' block (docs/scenario-format.md)");

        var searched = ReadCompounds(root, scenario);
        var reference = ReadReference(root, scenario);
        var names = searched.Select(c => c.Template.Compound).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool keep = root.Bool("keep_background") ?? false;
        var others = scenario.Doses.Where(d => !names.Contains(d.Compound)).ToArray();
        DoseRecord[] background = keep ? others : [];
        // A metric must be readable in every run the designer makes: drug-free, each compound alone, all together, the reference.
        var runs = new List<DoseRecord[]> { background, background.Concat(searched.Select(c => c.Template)).ToArray() };
        runs.AddRange(searched.Select(c => background.Append(c.Template).ToArray()));
        if (reference is not null) runs.Add(background.Append(reference).ToArray());
        var each = runs.Select(doses => ScenarioObjective.ObservablesOf(scenario with { Doses = doses })).ToArray();
        var observables = new Observables(each.SelectMany(o => o).ToHashSet(StringComparer.Ordinal),
            each.Skip(1).Aggregate(each[0].ToHashSet(StringComparer.Ordinal), (acc, o) => { acc.IntersectWith(o); return acc; }));
        var target = ReadTarget(root, observables, scenario.DurationHours);
        var burden = ReadBurden(root, observables, scenario.DurationHours);
        double lowDose = 1.0 / 3.0;
        if (root.Number("low_dose_fraction", "a fraction in (0, 1], e.g. 0.333") is { } f)
        {
            if (!(f > 0 && f <= 1)) throw root.Error("low_dose_fraction", "not a fraction in (0, 1]", "a fraction in (0, 1], e.g. 0.333 (each dose at most a third of its solo effective dose)");
            lowDose = f;
        }
        var cohort = ReadCohort(root);
        var search = ReadSearch(root);
        // The base scenario's doses of compounds not searched: given in every run only when asked (background medication),
        // otherwise left out, and said so.
        return new ComboSpec(file, name, description, document, searched, reference, target, burden, lowDose, cohort, search)
        {
            Background = keep ? others : [],
            Dropped = keep ? [] : others,
        };
    }

    private static List<ComboSpecCompound> ReadCompounds(MapNode root, Scenario scenario)
    {
        const string allowed = "a list of { drug: NAME, route: ROUTE, doses: [LOW, HIGH] }, e.g. { drug: illustrative-mor-agonist, route: oral, doses: [0.5 mg, 40 mg] }";
        var node = root.Require("compounds", allowed);
        var seq = root.Input.Sequence(node, "compounds", allowed);
        if (seq.Children.Count == 0) throw root.Input.Error(seq, "compounds", "no compounds given", allowed);
        var result = new List<ComboSpecCompound>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var m = root.Input.Map(seq.Children[i], $"compounds[{i}]", CompoundKeys);
            var (drug, route) = DrugAndRoute(m, scenario.Subject.Species);
            if (!seen.Add(drug)) throw m.Error("drug", $"{drug} is listed twice", "each compound once");
            var dosesNode = m.Require("doses", "[LOW, HIGH], e.g. [0.5 mg, 40 mg]");
            var range = m.Input.Sequence(dosesNode, m.Child("doses"), "[LOW, HIGH], e.g. [0.5 mg, 40 mg]");
            if (range.Children.Count != 2)
                throw m.Input.Error(range, m.Child("doses"), $"{range.Children.Count} value(s) given", "exactly two doses [LOW, HIGH], e.g. [0.5 mg, 40 mg]");
            var lo = ToDoseAmount(m.Input.Quantity(range.Children[0], m.Child("doses") + "[0]", Units.DoseAmount));
            var hi = ToDoseAmount(m.Input.Quantity(range.Children[1], m.Child("doses") + "[1]", Units.DoseAmount));
            if (lo.Unit != hi.Unit)
                throw m.Input.Error(range, m.Child("doses"), "the two bounds are in different units", "both in mg, or both in mg/kg");
            if (!(lo.Value > 0)) throw m.Input.Error(range.Children[0], m.Child("doses") + "[0]", "the lowest dose must be positive (the search is in log dose)", "a dose above 0");
            if (!(hi.Value > lo.Value))
                throw m.Input.Error(range, m.Child("doses"), hi.Value == lo.Value ? "the range is empty (LOW = HIGH)" : "the range is reversed (LOW > HIGH)",
                    "[LOW, HIGH] with 0 < LOW < HIGH");
            var limit = DoseLimits.For(drug, route);
            double weight = scenario.Subject.WeightKg;
            if (hi.ToMg(weight) > limit.MaxMg(weight) * (1 + 1e-12))
                throw m.Input.Error(range.Children[1], m.Child("doses") + "[1]", $"{hi} exceeds the largest plausible dose", $"at most {limit} per dose ({limit.Provenance})");
            var template = scenario.Doses.FirstOrDefault(d => string.Equals(d.Compound, drug, StringComparison.OrdinalIgnoreCase) && d.Route == route);
            template = template is null ? new DoseRecord { Compound = drug, Route = route, Amount = lo } : template with { Amount = lo };
            if (template.DurationHours is null && template.RateMgPerHour is null && DoseExpansion.InfusionRoutes.Contains(route))
                throw m.Error("route", $"an {RouteNames.NameOf(route)} needs a duration, which the base scenario gives for {drug} only if it doses it by that route",
                    $"a dose of {drug} by {RouteNames.NameOf(route)} with its duration in the base scenario, or another route");
            bool illustrative = CompoundLibrary.Active.TryGetCompound(drug, out var def) && def.Illustrative;
            result.Add(new ComboSpecCompound(template, lo.Value, hi.Value, lo.Unit, illustrative));
        }
        return result;
    }

    private static (string Drug, Route Route) DrugAndRoute(MapNode m, Species species)
    {
        var routes = ScenarioEngine.Catalog.RoutesFor(species);
        var names = routes.Keys.Order(StringComparer.Ordinal).ToArray();
        var text = m.RequireString("drug", string.Join(", ", names));
        var drug = names.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw m.Error("drug", $"unknown drug for a {species.ToString().ToLowerInvariant()}{NearestName.Hint(text, names)}", string.Join(", ", names));
        var supported = routes[drug];
        string supportedText = string.Join(", ", supported.OrderBy(r => r).Select(RouteNames.NameOf));
        var routeText = m.RequireString("route", supportedText);
        if (!RouteNames.TryParse(routeText, out var route))
            throw m.Error("route", $"unknown route{NearestName.Hint(routeText, RouteNames.Canonical)}", $"{supportedText} for {drug}");
        if (!supported.Contains(route))
            throw m.Error("route", $"{drug} has no {RouteNames.NameOf(route)} model for a {species.ToString().ToLowerInvariant()}", $"{supportedText} for {drug}");
        return (drug, route);
    }

    private static DoseRecord? ReadReference(MapNode root, Scenario scenario)
    {
        if (root.Map("reference", ReferenceKeys) is not { } m) return null;
        var (drug, route) = DrugAndRoute(m, scenario.Subject.Species);
        var amountQ = m.RequireQuantity("amount", Units.DoseAmount);
        var amount = ToDoseAmount(amountQ);
        double? duration = m.Quantity("duration", Units.Time)?.InBaseUnit;
        if (DoseExpansion.InfusionRoutes.Contains(route) && duration is null) throw m.Error("duration", $"an {RouteNames.NameOf(route)} needs its duration", "a time such as 40 min");
        if (!DoseExpansion.InfusionRoutes.Contains(route) && duration is not null) throw m.Error("duration", $"{RouteNames.NameOf(route)} is instantaneous and takes no duration", "no duration");
        double start = m.Quantity("start", Units.Time)?.InBaseUnit ?? 0;
        var record = new DoseRecord { Compound = drug, Route = route, Amount = amount, DurationHours = duration, TimeHours = start };
        try { DoseExpansion.Validate(record, scenario.Subject.WeightKg); }
        catch (DoseValidationException e) { throw m.Error("amount", $"{e.Value} is not allowed", e.Allowed); }
        var limit = DoseLimits.For(drug, route);
        if (!(amount.Value > 0) || amount.ToMg(scenario.Subject.WeightKg) > limit.MaxMg(scenario.Subject.WeightKg) * (1 + 1e-12))
            throw m.Error("amount", "not a plausible dose", $"more than 0 and at most {limit} per dose ({limit.Provenance})");
        if (!(start >= 0 && start < scenario.DurationHours)) throw m.Error("start", "the reference dose must start within the scenario", "0 h <= start < the scenario's duration");
        return record;
    }

    /// <summary>The observables of any run (<see cref="Any"/>) and of every run the designer makes (<see cref="Every"/>).</summary>
    private sealed record Observables(HashSet<string> Any, HashSet<string> Every);

    private static OutputMetric Metric(MapNode m, string key, Observables observables, double durationHours)
    {
        var text = m.RequireString(key, OutputMetric.Grammar);
        OutputMetric metric;
        try { metric = OutputMetric.Parse(text, observables.Any, m.Input.File, m.Child(key)); }
        catch (InputException e) { throw m.Error(key, e.Problem, e.Allowed); }
        if (!observables.Every.Contains(metric.Observable))
            throw m.Error(key, $"'{metric.Observable}' exists only in runs that dose a particular compound, but the designer also runs the drug-free patient, " +
                "each compound alone and the reference", "an observable every run has, e.g. madrs, cadss, moaas, drug_liking, sbp_mmhg (human), stress_behaviour_index (mouse)");
        if (metric.HasTime && metric.TimeHours > durationHours * (1 + 1e-12))
            throw m.Error(key, $"its time ({metric.TimeHours:G4} h) is after the base scenario ends ({durationHours:G4} h)",
                "a time within the base scenario's duration, or a longer duration there");
        return metric;
    }

    private static ComboTargetSpec ReadTarget(MapNode root, Observables observables, double durationHours)
    {
        var m = root.Map("target", TargetKeys) ?? throw root.Error("target", "no target given",
            "target: { metric: madrs_change@24h, equal_to: reference } or { metric: ..., equal_to: -10 }");
        var metric = Metric(m, "metric", observables, durationHours);
        double? value = null;
        var eq = m.RequireString("equal_to", "'reference' (the comparator's own value) or a number in the metric's unit");
        if (!string.Equals(eq.Trim(), "reference", StringComparison.OrdinalIgnoreCase))
            value = m.Number("equal_to", "'reference' or a number in the metric's unit, e.g. -10");
        else if (!root.Has("reference"))
            throw m.Error("equal_to", "the target is the reference's value but the spec has no reference", "a 'reference:' dose, or a number");
        var sense = DefaultSense(metric);
        if (m.String("better", "lower or higher") is { } better)
            sense = better.Trim().ToLowerInvariant() switch
            {
                "lower" => EffectSense.LowerIsBetter,
                "higher" => EffectSense.HigherIsBetter,
                _ => throw m.Error("better", "neither 'lower' nor 'higher'", "lower (e.g. a MADRS change) or higher (e.g. a responder share)"),
            };
        else if (sense is null)
            throw m.Error("better", $"'{metric.Text}' has no known good direction", "better: lower, or better: higher");
        double? abs = null, rel = null;
        if (m.String("tolerance", "a number in the metric's unit, or a percentage of the target such as 2%") is { } tol)
        {
            var t = tol.Trim();
            bool percent = t.EndsWith('%');
            if (!double.TryParse(percent ? t[..^1] : t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var tv) || !(tv >= 0) || !double.IsFinite(tv))
                throw m.Error("tolerance", "not a non-negative number or percentage", "e.g. 0.2 (metric units) or 2%");
            if (percent) rel = tv / 100; else abs = tv;
        }
        double? maxEffect = null;
        if (m.Number("max_effect", "a positive number in the metric's unit") is { } me)
        {
            if (!(me > 0)) throw m.Error("max_effect", "not positive", "the largest drug effect possible, as a positive magnitude in the metric's unit (e.g. 32 MADRS points)");
            maxEffect = me;
        }
        return new ComboTargetSpec(metric, value, sense!.Value, abs, rel, maxEffect);
    }

    /// <summary>MADRS-based values fall with benefit; response and remission shares rise; anything else must say.</summary>
    internal static EffectSense? DefaultSense(OutputMetric metric) => metric.Statistic switch
    {
        MetricStatistic.ResponseAt or MetricStatistic.RemissionAt => EffectSense.HigherIsBetter,
        _ when metric.Observable.StartsWith("madrs", StringComparison.Ordinal) || metric.Observable.StartsWith("hamd", StringComparison.Ordinal) => EffectSense.LowerIsBetter,
        _ => null,
    };

    private static List<(OutputMetric, double, EffectSense)> ReadBurden(MapNode root, Observables observables, double durationHours)
    {
        const string allowed = "a list of { metric: METRIC, weight: W }, e.g. { metric: cadss_peak, weight: 1 }; { metric: moaas_trough, weight: 2 } (MOAA/S: lower is worse)";
        var node = root.Require("burden", allowed);
        var seq = root.Input.Sequence(node, "burden", allowed);
        if (seq.Children.Count == 0) throw root.Input.Error(seq, "burden", "no side effects given", allowed);
        var result = new List<(OutputMetric, double, EffectSense)>();
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var m = root.Input.Map(seq.Children[i], $"burden[{i}]", BurdenKeys);
            var metric = Metric(m, "metric", observables, durationHours);
            double weight = m.Number("weight", "a number >= 0") ?? 1;
            if (!(weight >= 0)) throw m.Error("weight", "a weight must be 0 or more", "a number >= 0 (points of burden per unit of the metric)");
            var worse = metric.Observable == "moaas" ? EffectSense.LowerIsBetter : EffectSense.HigherIsBetter;
            if (m.String("worse", "higher or lower") is { } w)
                worse = w.Trim().ToLowerInvariant() switch
                {
                    "higher" => EffectSense.HigherIsBetter,
                    "lower" => EffectSense.LowerIsBetter,
                    _ => throw m.Error("worse", "neither 'higher' nor 'lower'", "higher (e.g. CADSS, blood pressure) or lower (e.g. MOAA/S)"),
                };
            if (result.Any(r => r.Item1.Text == metric.Text)) throw m.Error("metric", "listed twice", "each side effect once");
            result.Add((metric, weight, worse));
        }
        return result;
    }

    private static Cohort? ReadCohort(MapNode root)
    {
        if (root.Map("cohort", CohortKeys) is not { } m) return null;
        var name = m.RequireString("population", string.Join(", ", PopulationLibrary.Names));
        var match = PopulationLibrary.Names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw m.Error("population", $"no built-in population of that name{NearestName.Hint(name, PopulationLibrary.Names)}", string.Join(", ", PopulationLibrary.Names));
        int size = Whole(m, "size", 1, 100_000) ?? Cohort.DefaultSize;
        ulong seed = (ulong)(Whole(m, "seed", 0, int.MaxValue) ?? (long)Cohort.DefaultSeed);
        return new Cohort(PopulationLibrary.Get(match), size, seed);
    }

    private static ComboSettings ReadSearch(MapNode root)
    {
        var s = new ComboSettings();
        if (root.Map("search", SearchKeys) is not { } m) return s;
        return s with
        {
            Samples = Whole(m, "samples", 0, 100_000) ?? s.Samples,
            Directions = Whole(m, "directions", 1, 10_000) ?? s.Directions,
            RefineRounds = Whole(m, "refine_rounds", 0, 100) ?? s.RefineRounds,
            RefineDirections = Whole(m, "refine_directions", 1, 10_000) ?? s.RefineDirections,
            SoloPoints = Whole(m, "solo_points", 3, 1_000) ?? s.SoloPoints,
            Seed = (ulong)(Whole(m, "seed", 0, int.MaxValue) ?? (long)s.Seed),
        };
    }

    /// <summary>As the scenario reader turns a written amount into a dose (µg/kg kept as such, other per-kg units as mg/kg, else mg).</summary>
    internal static DoseAmount ToDoseAmount(Quantity q) => q.Unit.Symbol switch
    {
        "ug/kg" => new DoseAmount(q.Value, DoseUnit.MicrogramPerKg),
        _ when q.Unit.PerKg => DoseAmount.MgPerKg(q.InBaseUnit),
        _ => DoseAmount.Mg(q.InBaseUnit),
    };

    private static int? Whole(MapNode m, string key, long min, long max)
    {
        if (m.Number(key, $"a whole number from {min} to {max}") is not { } v) return null;
        if (v != Math.Floor(v) || v < min || v > max) throw m.Error(key, "not a whole number in range", $"a whole number from {min} to {max}");
        return (int)v;
    }
}
