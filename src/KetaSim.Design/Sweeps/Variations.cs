using System.Globalization;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Sweeps;

/// <summary>How several <c>--vary</c> options combine.</summary>
public enum CombinationMode
{
    /// <summary>Every combination of their values (a full factorial grid).</summary>
    Factorial,
    /// <summary>The i-th values together (all options list as many values): paired settings such as a regimen's dose and schedule.</summary>
    Listed,
}

/// <summary>One <c>--vary KEY=V1,V2,...</c>: a setting and the values to try.</summary>
public sealed record Variation(string Key, IReadOnlyList<string> Values, string Text);

/// <summary>One variant of the scenario: its settings (key, value as given) and the scenario they make.</summary>
public sealed record Variant(IReadOnlyList<KeyValuePair<string, string>> Settings, Scenario Scenario)
{
    /// <summary>"hypothesis=mor-gated knockout=MOR@SST": unambiguous, used in CSV column names and JSON.</summary>
    public string Label => string.Join(" ", Settings.Select(s => $"{s.Key}={s.Value}"));

    /// <summary>"mor-gated, MOR@SST": short, for legends.</summary>
    public string ShortLabel => string.Join(", ", Settings.Select(s => s.Value));
}

/// <summary>
/// Parses <c>--vary</c> options and builds the variants of a scenario (the grid of all combinations when
/// several are given). Every bad value is an <see cref="InputException"/> naming the option, the value
/// and what is allowed.
/// </summary>
public static class Variations
{
    public const string Option = "--vary";

    /// <summary>The settings that can be varied, with what each means.</summary>
    public static IReadOnlyList<(string Key, string Meaning)> Keys { get; } =
    [
        ("hypothesis", "mechanism hypothesis: " + string.Join(", ", Hypotheses.All)),
        ("drug", "replaces the scenario's first drug in every dose of it"),
        ("dose", "amount per dose of the scenario's first drug, e.g. 0.25mg/kg"),
        ("knockout", "none, or TARGET@CELL, several joined by '+' (MOR@SST+KOR@SST)"),
        ("placebo", "treatment context: " + string.Join(", ", MechanismTerms.PlaceboNames)),
        ("stress", "patient stress severity 0-1"),
        ("circuit", "circuit mode: " + string.Join(", ", MechanismTerms.CircuitNames)),
        ("param:NAME", "any base parameter of the model, in its unit or with a unit, e.g. param:spine_transient_lifetime_days=4d,6d"),
        ("dose:DRUG", "amount per dose of every dose of DRUG, e.g. dose:esketamine=56mg,84mg"),
        ("schedule:DRUG", "when DRUG is given (docs/schedules.md), values separated by '|', e.g. schedule:ketamine=once|twice weekly for 2 weeks"),
    ];

    /// <summary>The prefixes of the targeted keys (<c>param:NAME</c>, <c>dose:DRUG</c>, <c>schedule:DRUG</c>).</summary>
    public static IReadOnlyList<string> TargetedPrefixes { get; } = ["param", "dose", "schedule"];

    /// <summary>Most variants one comparison runs (the product of the value counts).</summary>
    public const int MaxVariants = 64;

    private static string KeyList => string.Join(", ", Keys.Select(k => k.Key));

    /// <summary>Parses "KEY=V1,V2"; <paramref name="file"/> names the scenario in messages.</summary>
    public static Variation Parse(string file, string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0)
            throw Error(file, text, "expected KEY=VALUE1,VALUE2,...", $"keys {KeyList}, e.g. --vary hypothesis=nmda-disinhibition,mor-gated");
        var key = text[..eq].Trim();
        int colon = key.IndexOf(':');
        if (colon >= 0)
        {
            var prefix = key[..colon].Trim().ToLowerInvariant();
            var target = key[(colon + 1)..].Trim();
            if (!TargetedPrefixes.Contains(prefix))
                throw Error(file, text, $"cannot vary '{key}'{NearestName.Hint(prefix, TargetedPrefixes)}", KeyList);
            if (target.Length == 0)
                throw Error(file, text, $"'{prefix}:' names no {(prefix == "param" ? "parameter" : "drug")}", $"{prefix}:NAME=V1,V2, e.g. {prefix}:{Example(prefix + ":")}");
            // Parameter names are case-sensitive; drug names are not.
            key = prefix == "param" ? $"param:{target}" : $"{prefix}:{target.ToLowerInvariant()}";
        }
        else
        {
            key = key.ToLowerInvariant();
            if (!Keys.Any(k => k.Key == key))
                throw Error(file, text, $"cannot vary '{key}'{NearestName.Hint(key, Keys.Select(k => k.Key))}", KeyList);
        }
        // '|' separates values that contain commas (schedules); otherwise commas do.
        var list = text[(eq + 1)..];
        var values = list.Split(list.Contains('|') ? '|' : ',', StringSplitOptions.TrimEntries);
        if (values.Length == 0 || values.Any(v => v.Length == 0))
            throw Error(file, text, "a value is empty", $"one or more values separated by commas (or '|'), e.g. {key}={Example(key)}");
        var dup = values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw Error(file, text, $"value '{dup.Key}' given twice", "each value once");
        return new Variation(key, values, text);
    }

    /// <summary>
    /// The variants: every combination of the values (<see cref="CombinationMode.Factorial"/>, the last option varying
    /// fastest), or the i-th value of every option together (<see cref="CombinationMode.Listed"/>: all options list as
    /// many values). Each value is checked against what the scenario's model allows.
    /// </summary>
    public static IReadOnlyList<Variant> Expand(ScenarioDocument document, IReadOnlyList<Variation> variations, ScenarioCatalog catalog,
        CombinationMode combination = CombinationMode.Factorial)
    {
        if (variations.Count == 0) throw Error(document.File, "", "nothing to vary", $"at least one {Option} KEY=V1,V2 with a key from {KeyList}");
        var grid = Grid(document.File, variations, combination);

        var baseScenario = document.Scenario;
        var primary = baseScenario.Doses.Count > 0 ? baseScenario.Doses[0].Compound : null;
        // The doses `drug` and `dose` act on: those of the scenario's first drug (doses keep their positions).
        var primaryDoses = Enumerable.Range(0, baseScenario.Doses.Count)
            .Where(i => string.Equals(baseScenario.Doses[i].Compound, primary, StringComparison.OrdinalIgnoreCase)).ToHashSet();
        var variants = new List<Variant>();
        foreach (var settings in grid)
        {
            var s = baseScenario;
            // Drugs before schedules before doses (a dose applies to the new drug and to every time of the new schedule).
            foreach (var (key, value) in settings.OrderBy(kv => Order(kv.Key)))
            {
                var text = variations.First(v => v.Key == key).Text;
                s = Apply(document, s, primary, primaryDoses, key, value, text, catalog);
            }
            CheckKnockouts(document, s, settings, variations, catalog);
            variants.Add(new Variant(settings, s with { Name = baseScenario.Name }));
        }
        return variants;
    }

    /// <summary>The settings of every variant, in order; the count limited to <see cref="MaxVariants"/>.</summary>
    public static List<List<KeyValuePair<string, string>>> Grid(string file, IReadOnlyList<Variation> variations, CombinationMode combination)
    {
        var twice = variations.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw Error(file, twice.Last().Text, $"'{twice.Key}' is varied twice", "each key in one --vary, values separated by commas");
        var all = string.Join(" ", variations.Select(v => v.Text));
        if (variations.FirstOrDefault(v => v.Key == "drug") is { } drug && variations.Any(v => v.Key.StartsWith("schedule:", StringComparison.Ordinal)))
            throw Error(file, drug.Text, "'drug' replaces the first drug while a schedule: variation changes doses", "vary the drug or the schedules, not both in one comparison");
        if (combination == CombinationMode.Listed)
        {
            int n = variations[0].Values.Count;
            var odd = variations.FirstOrDefault(v => v.Values.Count != n);
            if (odd is not null)
                throw Error(file, odd.Text, $"listed combinations need the same number of values in every --vary ({variations[0].Key} has {n}, {odd.Key} has {odd.Values.Count})",
                    "as many values in each --vary as there are variants, or --combine factorial for every combination");
            if (n > MaxVariants) throw Error(file, all, $"{n} variants is too many", $"at most {MaxVariants} variants");
            return Enumerable.Range(0, n).Select(i => variations.Select(v => new KeyValuePair<string, string>(v.Key, v.Values[i])).ToList()).ToList();
        }
        long count = variations.Aggregate(1L, (n, v) => n * v.Values.Count);
        if (count > MaxVariants)
            throw Error(file, all, $"{count} variants is too many", $"at most {MaxVariants} combinations (or --combine listed to pair values instead of crossing them)");
        var grid = new List<List<KeyValuePair<string, string>>> { new() };
        foreach (var v in variations)
            grid = grid.SelectMany(g => v.Values.Select(value => new List<KeyValuePair<string, string>>(g) { new(v.Key, value) })).ToList();
        return grid;
    }

    private static int Order(string key) => key == "drug" ? 0 : key.StartsWith("schedule:", StringComparison.Ordinal) ? 1 : key == "dose" || key.StartsWith("dose:", StringComparison.Ordinal) ? 2 : 3;

    private static Scenario Apply(ScenarioDocument document, Scenario s, string? primary, IReadOnlySet<int> primaryDoses, string key, string value, string text, ScenarioCatalog catalog)
    {
        var file = document.File;
        if (key.StartsWith("param:", StringComparison.Ordinal)) return ParameterValues.Apply(file, s, key["param:".Length..], value, text, catalog);
        if (key.StartsWith("dose:", StringComparison.Ordinal)) return WithDose(file, s, DosesOf(file, s, key["dose:".Length..], text), value, text);
        if (key.StartsWith("schedule:", StringComparison.Ordinal)) return DoseSchedules.Apply(file, s, key["schedule:".Length..], value, text);
        if (key is "drug" or "dose" && primary is null) throw Error(file, text, "the scenario gives no drug", "a scenario with doses");
        var mech = s.Mechanism ?? new MechanismSettings();
        switch (key)
        {
            case "hypothesis":
                var h = MechanismTerms.Hypothesis(value)
                    ?? throw Error(file, text, $"unknown hypothesis '{value}'{NearestName.Hint(value, Hypotheses.All)}", string.Join(", ", Hypotheses.All));
                return s with { Mechanism = mech with { Hypothesis = h } };
            case "placebo":
                if (!MechanismTerms.TryParsePlacebo(value, out var kind))
                    throw Error(file, text, $"unknown placebo kind '{value}'{NearestName.Hint(value, MechanismTerms.PlaceboNames)}", string.Join(", ", MechanismTerms.PlaceboNames));
                return s with { Mechanism = mech with { Patient = mech.Patient with { Placebo = kind } } };
            case "circuit":
                if (!MechanismTerms.TryParseCircuit(value, out var mode))
                    throw Error(file, text, $"unknown circuit mode '{value}'{NearestName.Hint(value, MechanismTerms.CircuitNames)}", string.Join(", ", MechanismTerms.CircuitNames));
                return s with { Mechanism = mech with { CircuitMode = mode } };
            case "stress":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var stress) || !(stress >= 0 && stress <= 1))
                    throw Error(file, text, $"stress '{value}' is not a number from 0 to 1", "numbers 0 <= stress <= 1 (0 healthy, 1 typical depressed)");
                return s with { Mechanism = mech with { Patient = mech.Patient with { StressSeverity = stress } } };
            case "knockout":
                return s with { Mechanism = mech with { Knockouts = ParseKnockouts(file, text, value) } };
            case "drug":
                return WithDrug(file, s, primary!, primaryDoses, value, text, catalog);
            case "dose":
                // A schedule variation of the first drug changed its doses: they are found by name (no `drug` variation can be in play then).
                return WithDose(file, s, s.Doses.Count == document.Scenario.Doses.Count ? primaryDoses : DosesOf(file, s, primary!, text), value, text);
            default:
                throw Error(file, text, $"cannot vary '{key}'", KeyList);
        }
    }

    private static List<Knockout> ParseKnockouts(string file, string text, string value)
    {
        var list = new List<Knockout>();
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase)) return list;
        foreach (var part in value.Split('+', StringSplitOptions.TrimEntries))
        {
            if (!MechanismTerms.TryParseKnockout(part, out var ko, out var problem, out var allowed))
                throw Error(file, text, $"{problem} ('{part}')", $"none, or {allowed}");
            if (!list.Contains(ko)) list.Add(ko);
        }
        return list;
    }

    /// <summary>The variant's knockouts must exist in its model (which depends on its drugs and hypothesis).</summary>
    private static void CheckKnockouts(ScenarioDocument document, Scenario s, IReadOnlyList<KeyValuePair<string, string>> settings,
        IReadOnlyList<Variation> variations, ScenarioCatalog catalog)
    {
        if (catalog.KnockoutsFor is not { } koFor || s.Mechanism is not { Knockouts.Count: > 0 } mech) return;
        var known = koFor(s);
        foreach (var ko in mech.Knockouts)
        {
            if (known.Contains(ko.ToString())) continue;
            var text = variations.FirstOrDefault(v => v.Key == "knockout")?.Text ?? ko.ToString();
            throw Error(document.File, text, $"the model has no {ko.Target} receptor on {ko.Cell} cells to knock out",
                "none, " + (known.Count == 0 ? "(this model places no knockable receptor)" : string.Join(", ", known)));
        }
    }

    /// <summary>The positions of <paramref name="drug"/>'s doses in the scenario; none is an input error naming the drugs it has.</summary>
    internal static HashSet<int> DosesOf(string file, Scenario s, string drug, string text)
    {
        var set = Enumerable.Range(0, s.Doses.Count).Where(i => string.Equals(s.Doses[i].Compound, drug, StringComparison.OrdinalIgnoreCase)).ToHashSet();
        if (set.Count == 0)
        {
            var drugs = s.Doses.Select(d => d.Compound).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            throw Error(file, text, $"the scenario gives no {drug}{NearestName.Hint(drug, drugs)}",
                drugs.Length == 0 ? "a scenario with doses" : "a drug the scenario gives: " + string.Join(", ", drugs));
        }
        return set;
    }

    private static Scenario WithDrug(string file, Scenario s, string primary, IReadOnlySet<int> primaryDoses, string value, string text, ScenarioCatalog catalog)
    {
        var routes = catalog.RoutesFor(s.Subject.Species);
        var species = s.Subject.Species.ToString().ToLowerInvariant();
        var drug = routes.Keys.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase))
            ?? throw Error(file, text, $"unknown drug '{value}' for a {species}{NearestName.Hint(value, routes.Keys)}", string.Join(", ", routes.Keys.Order(StringComparer.Ordinal)));
        var doses = s.Doses.Select((d, i) =>
        {
            if (!primaryDoses.Contains(i)) return d;
            if (!routes[drug].Contains(d.Route))
                throw Error(file, text, $"{drug} has no {RouteNames.NameOf(d.Route)} model for a {species}, the route of the scenario's {primary} doses",
                    $"drugs with a {RouteNames.NameOf(d.Route)} model: " + string.Join(", ", routes.Where(r => r.Value.Contains(d.Route)).Select(r => r.Key).Order(StringComparer.Ordinal)));
            return CheckDose(file, text, d with { Compound = drug }, s.Subject.WeightKg);
        }).ToArray();
        return s with { Doses = doses };
    }

    internal static Scenario WithDose(string file, Scenario s, IReadOnlySet<int> primaryDoses, string value, string text)
    {
        if (!Units.TryParse(value, Units.DoseAmount, out var q, out var problem))
            throw Error(file, text, $"'{value}': {problem}", $"amounts with one of the units {Units.DoseAmount.AllowedText}, e.g. 0.25mg/kg,0.5mg/kg");
        var amount = ScenarioReader.ToDoseAmount(q);
        var doses = s.Doses.Select((d, i) => primaryDoses.Contains(i) ? CheckDose(file, text, d with { Amount = amount }, s.Subject.WeightKg) : d).ToArray();
        return s with { Doses = doses };
    }

    /// <summary>The same limits a scenario file's doses meet (DoseLimits, nasal devices, the dose layer's own checks).</summary>
    internal static DoseRecord CheckDose(string file, string text, DoseRecord d, double weightKg)
    {
        var limit = DoseLimits.For(d.Compound, d.Route);
        string allowed = $"more than 0 and at most {limit} per {d.Compound} {RouteNames.NameOf(d.Route)} dose";
        double mg = d.Amount.ToMg(weightKg);
        if (!(d.Amount.Value > 0) || mg > limit.MaxMg(weightKg) * (1 + 1e-12))
            throw Error(file, text, $"{d.Amount} is outside the plausible {d.Compound} {RouteNames.NameOf(d.Route)} dose", allowed);
        try
        {
            if (d.Route == Route.Intranasal && string.Equals(d.Compound, "esketamine", StringComparison.OrdinalIgnoreCase)) NasalSession.DeviceCount(mg);
            DoseExpansion.Validate(d, weightKg);
        }
        catch (DoseValidationException e)
        {
            throw Error(file, text, $"{e.Value} is not allowed for {d.Compound} {RouteNames.NameOf(d.Route)}", e.Allowed);
        }
        return d;
    }

    private static string Example(string key) => key switch
    {
        "hypothesis" => "nmda-disinhibition,mor-gated,direct-mor",
        "drug" => "ketamine,esketamine",
        "dose" => "0.25mg/kg,0.5mg/kg",
        "knockout" => "none,MOR@SST",
        "placebo" => "saline,active-placebo",
        "stress" => "0,0.5,1",
        "param:" => "spine_transient_lifetime_days=4d,6d",
        "dose:" => "esketamine=56mg,84mg",
        "schedule:" => "ketamine=once|twice weekly for 2 weeks",
        _ when key.StartsWith("param:", StringComparison.Ordinal) => "1,2",
        _ when key.StartsWith("dose:", StringComparison.Ordinal) => "0.25mg/kg,0.5mg/kg",
        _ when key.StartsWith("schedule:", StringComparison.Ordinal) => "once|weekly x 4",
        _ => "quasi-steady-state,dynamic",
    };

    public static InputException Error(string file, string value, string problem, string allowed) =>
        new(file, 0, Option, value.Length == 0 ? null : value, problem, allowed);
}
