using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;

namespace KetaSim.Design.Sweeps;

/// <summary>One variant of a trial: its settings and the trial definition they make.</summary>
public sealed record TrialVariant(IReadOnlyList<KeyValuePair<string, string>> Settings, TrialDefinition Trial)
{
    public string Label => string.Join(" ", Settings.Select(s => $"{s.Key}={s.Value}"));
    public string ShortLabel => string.Join(", ", Settings.Select(s => s.Value));
}

/// <summary>
/// <c>ketasim trial TRIAL --vary ...</c>: the settings a trial sweep may vary and the trial each variant makes. A
/// setting acts on every arm: <c>param:NAME</c> sets the typical value of a parameter in every arm whose model has it
/// (subjects' between-subject variability still acts around it); <c>dose:DRUG</c> the amount of every dose of DRUG
/// (arm regimens and phase regimens); <c>schedule:DRUG</c> DRUG's dose times in the arms' regimens; <c>population</c>
/// a built-in population; <c>hypothesis</c> the mechanism hypothesis.
/// </summary>
public static class TrialVariations
{
    public static IReadOnlyList<(string Key, string Meaning)> Keys { get; } =
    [
        ("param:NAME", "a model parameter's typical value in every arm, e.g. param:spine_consolidated_lifetime_days=8w,12w"),
        ("dose:DRUG", "amount of every dose of DRUG in every arm and phase, e.g. dose:esketamine=56mg,84mg"),
        ("schedule:DRUG", "DRUG's dose times in every arm's regimen (docs/schedules.md), values separated by '|'"),
        ("population", "built-in population: " + string.Join(", ", PopulationLibrary.Names)),
        ("hypothesis", "mechanism hypothesis: " + string.Join(", ", Biology.Mechanism.Hypotheses.All)),
    ];

    private static readonly string[] PlainKeys = ["population", "hypothesis"];

    private static string KeyList => string.Join(", ", Keys.Select(k => k.Key));

    /// <summary>Parses one <c>--vary</c> for a trial (the scenario grammar; the keys a trial allows).</summary>
    public static Variation Parse(string file, string text)
    {
        int eq = text.IndexOf('=');
        var key = eq > 0 ? text[..eq].Trim() : text;
        if (eq > 0 && !key.Contains(':') && !PlainKeys.Contains(key.ToLowerInvariant()))
            throw Variations.Error(file, text, $"a trial cannot vary '{key}'{NearestName.Hint(key, PlainKeys.Concat(Variations.TargetedPrefixes))}", KeyList);
        if (eq > 0 && PlainKeys.Contains(key.ToLowerInvariant()))
        {
            // The scenario parser knows hypothesis but not population: parse the values the same way.
            var values = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (values.Any(v => v.Length == 0)) throw Variations.Error(file, text, "a value is empty", "one or more values separated by commas");
            var dup = values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw Variations.Error(file, text, $"value '{dup.Key}' given twice", "each value once");
            return new Variation(key.ToLowerInvariant(), values, text);
        }
        return Variations.Parse(file, text);
    }

    /// <summary>The variants of <paramref name="trial"/>; every value is checked before any runs.</summary>
    public static IReadOnlyList<TrialVariant> Expand(string file, TrialDefinition trial, IReadOnlyList<Variation> variations, CombinationMode combination)
    {
        if (variations.Count == 0) throw Variations.Error(file, "", "nothing to vary", $"at least one --vary KEY=V1,V2 with a key from {KeyList}");
        if (trial.EnrolUntil is not null)
            throw Variations.Error(file, variations[0].Text, "a trial that enrols until a phase fills cannot be swept (each variant would enrol a different number)",
                "a trial without enrol_until, or one run per setting");
        var grid = Variations.Grid(file, variations, combination);
        var variants = new List<TrialVariant>();
        foreach (var settings in grid)
        {
            var t = trial;
            foreach (var (key, value) in settings.OrderBy(kv => kv.Key.StartsWith("schedule:", StringComparison.Ordinal) ? 0 : 1))
                t = Apply(file, t, key, value, variations.First(v => v.Key == key).Text);
            variants.Add(new TrialVariant(settings, t));
        }
        return variants;
    }

    private static TrialDefinition Apply(string file, TrialDefinition trial, string key, string value, string text)
    {
        if (key == "population")
        {
            var name = PopulationLibrary.Names.FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase))
                ?? throw Variations.Error(file, text, $"unknown population '{value}'{NearestName.Hint(value, PopulationLibrary.Names)}", string.Join(", ", PopulationLibrary.Names));
            var population = PopulationLibrary.Get(name);
            if (trial.Arms.Any(a => a.RegimenTemplate.Subject.Species != population.Species))
                throw Variations.Error(file, text, $"population '{name}' is of another species than the trial's regimens", "a population of the regimens' species");
            return trial with { Population = population };
        }
        if (key == "hypothesis")
        {
            var h = MechanismTerms.Hypothesis(value)
                ?? throw Variations.Error(file, text, $"unknown hypothesis '{value}'{NearestName.Hint(value, Biology.Mechanism.Hypotheses.All)}", string.Join(", ", Biology.Mechanism.Hypotheses.All));
            return MapArms(trial, s => s.Mechanism is { } m ? s with { Mechanism = m with { Hypothesis = h } } : s);
        }
        if (key.StartsWith("param:", StringComparison.Ordinal))
        {
            var name = key["param:".Length..];
            var having = trial.Arms.Where(a => ScenarioEngine.ModelOf(a.RegimenTemplate).Parameters.Any(p => p.Name == name && !p.IsDerived)).Select(a => a.Name).ToHashSet();
            if (having.Count == 0)
            {
                var known = trial.Arms.SelectMany(a => ScenarioEngine.ModelOf(a.RegimenTemplate).Parameters.Where(p => !p.IsDerived).Select(p => p.Name)).Distinct();
                throw Variations.Error(file, text, $"no arm's model has a parameter '{name}'{NearestName.Hint(name, known)}",
                    "a base parameter of an arm's model ('ketasim params' on a scenario lists them)");
            }
            return trial with
            {
                Arms = trial.Arms.Select(a => having.Contains(a.Name)
                    ? a with { RegimenTemplate = ParameterValues.Apply(file, a.RegimenTemplate, name, value, text, ScenarioEngine.Catalog) } : a).ToArray(),
            };
        }
        if (key.StartsWith("dose:", StringComparison.Ordinal))
        {
            var drug = key["dose:".Length..];
            if (RuleDoses(trial, drug))
                throw Variations.Error(file, text, $"{drug} is given by a dosing rule with dose levels in a phase", "vary the rule's levels in the trial file");
            bool any = false;
            Scenario ApplyTo(Scenario s)
            {
                var positions = Positions(s, drug);
                if (positions.Count == 0) return s;
                any = true;
                return Variations.WithDose(file, s, positions, value, text);
            }
            var t = MapArms(trial, ApplyTo);
            var weight = trial.Arms.Count > 0 ? trial.Arms[0].RegimenTemplate : null;
            t = t with { Phases = t.Phases.Select(p => p with { Regimen = Doses(p.Regimen, weight, ApplyTo), ArmRegimens = p.ArmRegimens.ToDictionary(kv => kv.Key, kv => Doses(kv.Value, weight, ApplyTo), StringComparer.Ordinal) }).ToArray() };
            if (!any) throw NoDrug(file, text, trial, drug);
            return t;
        }
        if (key.StartsWith("schedule:", StringComparison.Ordinal))
        {
            var drug = key["schedule:".Length..];
            if (trial.Phases.Any(p => Positions(Wrap(p.Regimen.Doses), drug).Count > 0 || p.ArmRegimens.Values.Any(r => Positions(Wrap(r.Doses), drug).Count > 0)))
                throw Variations.Error(file, text, $"{drug} is given in a phase's regimen, whose times the phase sets", "a drug given in the arms' regimens");
            bool any = false;
            var t = MapArms(trial, s =>
            {
                if (Positions(s, drug).Count == 0) return s;
                any = true;
                return DoseSchedules.Apply(file, s with { DurationHours = trial.DurationHours }, drug, value, text) with { DurationHours = s.DurationHours };
            });
            if (!any) throw NoDrug(file, text, trial, drug);
            return t;
        }
        throw Variations.Error(file, text, $"a trial cannot vary '{key}'", KeyList);
    }

    private static InputException NoDrug(string file, string text, TrialDefinition trial, string drug)
    {
        var drugs = trial.Arms.SelectMany(a => a.RegimenTemplate.Doses.Select(d => d.Compound))
            .Concat(trial.Phases.SelectMany(p => p.Regimen.Doses.Concat(p.ArmRegimens.Values.SelectMany(r => r.Doses)).Select(d => d.Compound)))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return Variations.Error(file, text, $"no arm gives {drug}{NearestName.Hint(drug, drugs)}",
            drugs.Length == 0 ? "a trial whose arms give drugs" : "a drug the trial gives: " + string.Join(", ", drugs));
    }

    private static bool RuleDoses(TrialDefinition trial, string drug) =>
        trial.Phases.Any(p => IsRule(p.Regimen, drug) || p.ArmRegimens.Values.Any(r => IsRule(r, drug)));

    private static bool IsRule(PhaseRegimen r, string drug) =>
        r.Rule is { } rule && string.Equals(rule.Template.Compound, drug, StringComparison.OrdinalIgnoreCase);

    private static HashSet<int> Positions(Scenario s, string drug) =>
        Enumerable.Range(0, s.Doses.Count).Where(i => string.Equals(s.Doses[i].Compound, drug, StringComparison.OrdinalIgnoreCase)).ToHashSet();

    private static Scenario Wrap(IReadOnlyList<Biology.Dosing.DoseRecord> doses) => new() { Name = "phase", Doses = doses, DurationHours = double.MaxValue };

    /// <summary>A phase regimen's doses through <paramref name="map"/> (as a scenario with the trial's subject, for per-kg limits).</summary>
    private static PhaseRegimen Doses(PhaseRegimen r, Scenario? like, Func<Scenario, Scenario> map)
    {
        if (r.Doses.Count == 0) return r;
        var s = (like ?? Wrap(r.Doses)) with { Doses = r.Doses };
        return r with { Doses = map(s).Doses };
    }

    private static TrialDefinition MapArms(TrialDefinition trial, Func<Scenario, Scenario> map) =>
        trial with { Arms = trial.Arms.Select(a => a with { RegimenTemplate = map(a.RegimenTemplate) }).ToArray() };
}
