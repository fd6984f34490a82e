using System.Globalization;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using YamlDotNet.RepresentationModel;

namespace KetaSim.IO.Scenarios;

/// <summary>The <c>mechanism:</c> block: hypothesis, knockouts, patient state, circuit mode, measurement noise.</summary>
public sealed partial class ScenarioReader
{
    public static readonly string[] MechanismKeys = ["hypothesis", "knockouts", "patient", "circuit", "noise", "seed", "dose_hold", "suicidality"];

    /// <summary>Values of <c>mechanism.dose_hold</c>.</summary>
    public static readonly string[] DoseHoldNames = ["label", "none"];
    public static readonly string[] PatientKeys =
        ["stress", "baseline_madrs", "responsiveness", "placebo_responsiveness", "placebo", "trd", "serotonergic_responsiveness",
         "resting_systolic", "resting_diastolic", "baseline_suicidal_thoughts"];
    public static readonly string[] KnockoutKeys = ["target", "cell"];

    /// <summary>Largest responsiveness multiplier accepted (1 is typical): a guard against typos, not biology.</summary>
    public const double MaxResponsiveness = 10;

    /// <summary>
    /// <c>mechanism.dose_hold</c>: <c>label</c> holds a dose when pre-dose blood pressure is above 140/90 mmHg
    /// (150 systolic from 65 y); <c>none</c> (the default) gives every dose.
    /// </summary>
    private static KetaSim.Biology.Safety.DoseHoldPolicy? ReadDoseHold(MapNode root) =>
        root.Map("mechanism", MechanismKeys) is { } map ? ReadDoseHoldKey(map) : null;

    /// <summary>The <c>dose_hold</c> key of <paramref name="map"/> (a scenario's mechanism block, a trial or an arm); null when absent or <c>none</c>.</summary>
    internal static KetaSim.Biology.Safety.DoseHoldPolicy? ReadDoseHoldKey(MapNode map)
    {
        if (map.String("dose_hold", string.Join(", ", DoseHoldNames)) is not { } text) return null;
        return text.Trim().ToLowerInvariant() switch
        {
            "label" => KetaSim.Biology.Safety.DoseHoldPolicy.Label,
            "none" => null,
            _ => throw map.Error("dose_hold", $"unknown dose-hold rule{NearestName.Hint(text, DoseHoldNames)}",
                "label (hold when pre-dose BP > 140/90 mmHg, > 150 systolic from 65 y), none"),
        };
    }

    private static MechanismSettings? ReadMechanism(MapNode root, Dictionary<string, int> lines)
    {
        // `mechanism: {}` turns the mechanism on with every default; an absent (or empty) key runs PK only.
        var map = root.Map("mechanism", MechanismKeys);
        if (map is null) return null;
        return ReadMechanismSettings(map, lines);
    }

    /// <summary>
    /// Mechanism settings from <paramref name="map"/>: every key of <see cref="MechanismKeys"/> that the map's own
    /// allowed keys admit (a trial's <c>mechanism:</c> block allows only hypothesis, knockouts and circuit).
    /// </summary>
    internal static MechanismSettings ReadMechanismSettings(MapNode map, Dictionary<string, int> lines)
    {
        Note(lines, map);
        var settings = new MechanismSettings();

        if (map.String("hypothesis", string.Join(", ", Hypotheses.All)) is { } hText)
        {
            settings = settings with
            {
                Hypothesis = MechanismTerms.Hypothesis(hText)
                    ?? throw map.Error("hypothesis", $"unknown hypothesis{NearestName.Hint(hText, Hypotheses.All)}", string.Join(", ", Hypotheses.All)),
            };
        }
        if (map.Get("knockouts") is { } koNode) settings = settings with { Knockouts = ReadKnockouts(map, koNode, lines) };
        if (map.Map("patient", PatientKeys) is { } patient) settings = settings with { Patient = ReadPatient(patient, lines) };
        if (map.String("circuit", string.Join(", ", MechanismTerms.CircuitNames)) is { } cText)
        {
            if (!MechanismTerms.TryParseCircuit(cText, out var mode))
                throw map.Error("circuit", $"unknown circuit mode{NearestName.Hint(cText, MechanismTerms.CircuitNames)}", string.Join(", ", MechanismTerms.CircuitNames));
            settings = settings with { CircuitMode = mode };
        }
        if (map.Bool("noise") is { } noise) settings = settings with { MeasurementNoise = noise };
        if (map.Bool("suicidality") is { } suicidality) settings = settings with { Suicidality = suicidality };
        if (map.Get("seed") is { } seedNode)
        {
            var text = map.Input.Scalar(seedNode, map.Child("seed"), "a whole number 0 to 18446744073709551615");
            if (!ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                throw map.Error("seed", "not a whole number >= 0", "a whole number 0 to 18446744073709551615");
            settings = settings with { NoiseSeed = seed };
        }
        return settings;
    }

    private static List<Knockout> ReadKnockouts(MapNode map, YamlNode node, Dictionary<string, int> lines)
    {
        var input = map.Input;
        var path = map.Child("knockouts");
        const string shape = "a list such as [MOR@SST] or [{ target: MOR, cell: SST }]";
        // A single knockout may be written without the brackets.
        IReadOnlyList<YamlNode> items = node is YamlScalarNode ? [node] : [.. input.Sequence(node, path, shape).Children];
        var result = new List<Knockout>();
        for (int i = 0; i < items.Count; i++)
        {
            var itemPath = node is YamlScalarNode ? path : $"{path}[{i}]";
            lines[itemPath] = YamlInput.LineOf(items[i].Start);
            Knockout knockout;
            if (items[i] is YamlMappingNode)
            {
                var m = input.Map(items[i], itemPath, KnockoutKeys);
                Note(lines, m);
                var target = m.RequireString("target", string.Join(", ", MechanismNames.Targets.All));
                var cell = m.RequireString("cell", string.Join(", ", Cells.All));
                if (!MechanismTerms.TryMakeKnockout(target, cell, out knockout, out var problem, out var allowed, out var bad))
                    throw m.Error(bad, problem, allowed);
            }
            else
            {
                var text = input.Scalar(items[i], itemPath, shape);
                if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) && items.Count == 1) break;
                if (!MechanismTerms.TryParseKnockout(text, out knockout, out var problem, out var allowed))
                    throw input.Error(items[i], itemPath, problem, allowed);
            }
            if (result.Contains(knockout))
                throw input.Error(items[i], itemPath, $"knockout {knockout} listed twice", "each knockout once");
            result.Add(knockout);
        }
        return result;
    }

    /// <summary>A patient mapping on top of <see cref="PatientState.TypicalTrd"/>; only the keys present are read.</summary>
    internal static PatientState ReadPatient(MapNode map, Dictionary<string, int> lines) => ReadPatient(map, lines, PatientState.TypicalTrd);

    /// <summary>A patient mapping on top of <paramref name="start"/>; only the keys present are read.</summary>
    internal static PatientState ReadPatient(MapNode map, Dictionary<string, int> lines, PatientState start)
    {
        Note(lines, map);
        var p = start;
        double? Ranged(string key, double lo, double hi, string meaning)
        {
            string allowed = $"{Fmt(lo)} <= {key} <= {Fmt(hi)} ({meaning})";
            if (map.Number(key, allowed) is not { } v) return null;
            if (!(v >= lo && v <= hi)) throw map.Error(key, "out of range", allowed);
            return v;
        }
        if (Ranged("stress", 0, 1, "0 healthy, 1 typical depressed/chronically stressed") is { } s) p = p with { StressSeverity = s };
        if (Ranged("baseline_madrs", 0, 60, "the MADRS scale's range; 32 is a typical TRD trial entrant") is { } m) p = p with { BaselineMadrs = m };
        if (Ranged("responsiveness", 0, MaxResponsiveness, "a multiplier on the drug effect, 1 typical") is { } r) p = p with { Responsiveness = r };
        if (Ranged("placebo_responsiveness", 0, MaxResponsiveness, "a multiplier on the expectancy effect, 1 typical") is { } pr) p = p with { PlaceboResponsiveness = pr };
        if (Ranged("serotonergic_responsiveness", 0, MaxResponsiveness, "a multiplier on the SSRI effect, 1 typical") is { } sr) p = p with { SerotonergicResponsiveness = sr };
        if (Ranged("baseline_suicidal_thoughts", 0, 6, "MADRS item 10 at baseline: 0 none, 2 fleeting, 4 common with suicide considered, 6 explicit plans") is { } si)
        {
            if (si > p.BaselineMadrs) throw map.Error("baseline_suicidal_thoughts", $"item 10 ({Fmt(si)}) cannot exceed the MADRS total ({Fmt(p.BaselineMadrs)}), of which it is one item", $"0 <= baseline_suicidal_thoughts <= min(6, baseline_madrs)");
            p = p with { BaselineSuicidalThoughts = si };
        }
        if (map.String("placebo", string.Join(", ", MechanismTerms.PlaceboNames)) is { } text)
        {
            if (!MechanismTerms.TryParsePlacebo(text, out var kind))
                throw map.Error("placebo", $"unknown placebo kind{NearestName.Hint(text, MechanismTerms.PlaceboNames)}", string.Join(", ", MechanismTerms.PlaceboNames));
            p = p with { Placebo = kind };
        }
        if (map.Bool("trd") is { } trd) p = p with { TreatmentResistant = trd };
        if (Ranged("resting_systolic", 70, 250, "resting systolic blood pressure in mmHg") is { } sbp) p = p with { BaselineSystolicMmHg = sbp };
        if (Ranged("resting_diastolic", 40, 150, "resting diastolic blood pressure in mmHg") is { } dbp) p = p with { BaselineDiastolicMmHg = dbp };
        if (p.BaselineSystolicMmHg is { } s2 && p.BaselineDiastolicMmHg is { } d2 && d2 >= s2)
            throw map.Error("resting_diastolic", "diastolic pressure must be below systolic", $"resting_diastolic < resting_systolic ({Fmt(s2)} mmHg)");
        return p;
    }

    /// <summary>Each knockout must name a receptor the scenario's model places on that cell.</summary>
    internal void CheckKnockouts(MapNode mechanismMap, Scenario scenario)
    {
        if (Catalog.KnockoutsFor is not { } koFor || scenario.Mechanism is not { Knockouts.Count: > 0 } mech) return;
        if (mechanismMap.Get("knockouts") is not { } node) return;
        var known = koFor(scenario);
        var yaml = mechanismMap.Input;
        var at = mechanismMap.Child("knockouts");
        IReadOnlyList<YamlNode> items = node is YamlSequenceNode seq ? [.. seq.Children] : [node];
        for (int i = 0; i < mech.Knockouts.Count; i++)
        {
            var name = mech.Knockouts[i].ToString();
            if (known.Contains(name)) continue;
            var where = node is YamlSequenceNode ? $"{at}[{i}]" : at;
            var value = items[i] is YamlScalarNode ? YamlInput.ValueText(items[i]) : name;
            throw new InputException(yaml.File, YamlInput.LineOf(items[i].Start), where, value,
                $"the model has no {mech.Knockouts[i].Target} receptor on {mech.Knockouts[i].Cell} cells to knock out",
                known.Count == 0 ? "none (this model's mechanism layers place no knockable receptor)" : string.Join(", ", known));
        }
    }
}
