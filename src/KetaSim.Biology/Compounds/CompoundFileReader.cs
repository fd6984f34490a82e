using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using YamlDotNet.RepresentationModel;

namespace KetaSim.Biology.Compounds;

/// <summary>
/// Reads one compound-library file (top-level keys <c>ligands</c> and/or <c>compounds</c>; docs/compounds.md)
/// and checks everything that one file can show: value ranges, target names, sources, PK blocks.
/// Checks across files (does every moiety have binding data?) are <see cref="CompoundLibrary"/>'s.
/// </summary>
internal static class CompoundFileReader
{
    public const string EfficacyRule = "efficacy must be in [0, 1] (0 antagonist/blocker/inhibitor, 1 full agonist, between: partial agonist)";
    public const string SourceRule = "a citation, or 'assumption: <reason>'";

    private static readonly string[] TopKeys = ["ligands", "compounds"];
    private static readonly string[] LigandKeys = ["description", "targets", "note", "safety"];
    private static readonly string[] SafetyKeys = ["sympathomimetic_potency", "nmda_cns_weight", "source"];
    public const string SympathomimeticRule =
        "sympathomimetic potency relative to S-ketamine (= 1) per µM unbound, a number in [0, 100]; leave it out when none is known";
    public const string NmdaCnsWeightRule =
        "weight of the moiety's NMDA block in dissociation, sedation and drug liking, a number in [0, 1] (default 1)";
    public const string SafetyBlockRule =
        "a safety block gives sympathomimetic_potency and/or nmda_cns_weight, with a source (docs/compounds.md)";
    private static readonly string[] BindingKeys = ["ki_um", "ec50_um", "ic50_um", "hill", "efficacy", "source"];
    private static readonly string[] AffinityKeys = ["ki_um", "ec50_um", "ic50_um"];
    private static readonly string[] CompoundKeys = ["description", "illustrative", "ligand", "pk"];
    private static readonly string[] SpeciesKeys = ["model", "generic", "moieties"];
    private static readonly string[] MoietyKeys = ["ligand", "observable", "fraction", "source"];
    private static readonly string[] GenericKeys =
    [
        "description", "reference_weight_kg", "molar_mass_g_per_mol", "clearance_l_per_h", "central_volume_l",
        "peripheral_volume_l", "intercompartmental_clearance_l_per_h", "unbound_fraction", "kp_uu_brain", "routes",
    ];
    private static readonly string[] ValueKeys = ["value", "source"];
    private static readonly string[] RouteKeys = ["ka_per_h", "bioavailability", "lag_h"];

    public static IReadOnlyDictionary<string, Species> SpeciesNames { get; } = new Dictionary<string, Species>(StringComparer.Ordinal)
    {
        ["human"] = Species.Human,
        ["mouse"] = Species.Mouse,
    };

    public sealed record FileContents(IReadOnlyList<Ligand> Ligands, IReadOnlyList<CompoundDefinition> Compounds);

    public static FileContents Read(string file, string text)
    {
        var y = YamlData.Parse(file, text);
        var ligands = new List<Ligand>();
        var compounds = new List<CompoundDefinition>();
        if (y.Root is null) return new FileContents(ligands, compounds);
        foreach (var (key, _, value) in y.Map(y.Root, "", TopKeys))
        {
            if (key == "ligands")
                foreach (var (name, nameNode, body) in y.Map(value, "ligands", null))
                    ligands.Add(ReadLigand(y, name, nameNode, body));
            else
                foreach (var (name, nameNode, body) in y.Map(value, "compounds", null))
                    compounds.Add(ReadCompound(y, name, nameNode, body));
        }
        return new FileContents(ligands, compounds);
    }

    private static void CheckName(YamlData y, YamlNode node, string field, string name)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || !char.IsAsciiLetterLower(name[0]))
            throw y.Error(node, field, name, "names are lower-case letters, digits and hyphens, starting with a letter (e.g. s-ketamine)");
    }

    private static Ligand ReadLigand(YamlData y, string name, YamlNode nameNode, YamlNode body)
    {
        string path = $"ligands.{name}";
        CheckName(y, nameNode, "ligands", name);
        string description = "", note = "";
        var targets = new Dictionary<string, TargetBinding>(StringComparer.Ordinal);
        LigandSafety? safety = null;
        bool hasTargets = false;
        foreach (var (key, _, value) in y.Map(body, path, LigandKeys))
        {
            switch (key)
            {
                case "description": description = y.Scalar(value, $"{path}.description", "a text"); break;
                case "note": note = y.Scalar(value, $"{path}.note", "a text"); break;
                case "safety": safety = ReadSafety(y, $"{path}.safety", value); break;
                default:
                    hasTargets = true;
                    if (value is YamlScalarNode { Value: null or "" }) break; // "targets:" with nothing: binds none of the targets
                    foreach (var (target, targetNode, binding) in y.Map(value, $"{path}.targets", null))
                    {
                        if (!MechanismNames.Targets.All.Contains(target))
                            throw y.Error(targetNode, $"{path}.targets", target,
                                $"unknown target; allowed: {string.Join(", ", MechanismNames.Targets.All)}");
                        targets[target] = ReadBinding(y, $"{path}.targets.{target}", target, binding);
                    }
                    break;
            }
        }
        if (!hasTargets)
            throw y.Error(nameNode, $"{path}.targets", null, $"every ligand lists its targets (an empty mapping {{}} when it binds none of: {string.Join(", ", MechanismNames.Targets.All)})");
        return new Ligand(name, description, targets, note.Length == 0 ? null : note, y.Location(nameNode), safety);
    }

    /// <summary>The optional <c>safety:</c> block of a ligand: properties the safety layer reads that are not target binding.</summary>
    private static LigandSafety ReadSafety(YamlData y, string path, YamlNode body)
    {
        var fields = y.Map(body, path, SafetyKeys);
        double Read(string key, double fallback, double max, string rule)
        {
            if (fields.FirstOrDefault(f => f.Key == key) is not { Value: { } node }) return fallback;
            double v = y.Number(node, $"{path}.{key}", rule);
            if (!(v >= 0 && v <= max)) throw y.Error(node, $"{path}.{key}", YamlData.Show(node), rule);
            return v;
        }
        if (!fields.Any(f => f.Key is "sympathomimetic_potency" or "nmda_cns_weight"))
            throw y.Error(body, $"{path}.sympathomimetic_potency", null, SafetyBlockRule);
        double potency = Read("sympathomimetic_potency", 0, 100, SympathomimeticRule);
        double weight = Read("nmda_cns_weight", 1, 1, NmdaCnsWeightRule);
        string source = ReadSource(y, body, fields, path);
        return new LigandSafety(potency, weight, source, y.Location(body));
    }

    private static TargetBinding ReadBinding(YamlData y, string path, string target, YamlNode body)
    {
        var fields = y.Map(body, path, BindingKeys);
        var affinity = fields.Where(f => AffinityKeys.Contains(f.Key)).ToList();
        if (affinity.Count != 1)
            throw y.Error(affinity.Count == 0 ? body : affinity[1].KeyNode, path, null,
                "give exactly one affinity: ki_um, ec50_um or ic50_um (µM, unbound concentration)");
        string affField = $"{path}.{affinity[0].Key}";
        double k = y.Number(affinity[0].Value, affField, "a positive concentration in µM");
        if (!(k > 0)) throw y.Error(affinity[0].Value, affField, YamlData.Show(affinity[0].Value), "affinity must be a positive concentration in µM");

        double hill = 1;
        if (fields.FirstOrDefault(f => f.Key == "hill") is { Value: { } hillNode })
        {
            hill = y.Number(hillNode, $"{path}.hill", "a Hill coefficient in (0, 5]");
            if (!(hill > 0 && hill <= 5)) throw y.Error(hillNode, $"{path}.hill", YamlData.Show(hillNode), "Hill coefficient must be in (0, 5]");
        }

        if (fields.FirstOrDefault(f => f.Key == "efficacy") is not { Value: { } effNode })
            throw y.Error(body, $"{path}.efficacy", null, EfficacyRule);
        double efficacy = y.Number(effNode, $"{path}.efficacy", EfficacyRule);
        if (!(efficacy >= 0 && efficacy <= 1)) throw y.Error(effNode, $"{path}.efficacy", YamlData.Show(effNode), EfficacyRule);

        string source = ReadSource(y, body, fields, path);
        return new TargetBinding(target, k, hill, efficacy, source, y.Location(body));
    }

    private static string ReadSource(YamlData y, YamlNode owner, IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> fields, string path)
    {
        if (fields.FirstOrDefault(f => f.Key == "source") is not { Value: { } node })
            throw y.Error(owner, $"{path}.source", null, $"every value needs a source: {SourceRule}");
        string s = y.Scalar(node, $"{path}.source", SourceRule).Trim();
        string rest = s;
        foreach (var prefix in new[] { SourceText.AssumptionPrefix, SourceText.CalibratedPrefix })
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) rest = rest[prefix.Length..].Trim();
        if (rest.Length == 0) throw y.Error(node, $"{path}.source", s, $"the source is empty; give {SourceRule}");
        return s;
    }

    private static CompoundDefinition ReadCompound(YamlData y, string name, YamlNode nameNode, YamlNode body)
    {
        string path = $"compounds.{name}";
        CheckName(y, nameNode, "compounds", name);
        string description = "", ligand = name;
        bool illustrative = false;
        DataLocation? ligandLocation = null;
        YamlNode? pkNode = null;
        foreach (var (key, _, value) in y.Map(body, path, CompoundKeys))
        {
            switch (key)
            {
                case "description": description = y.Scalar(value, $"{path}.description", "a text"); break;
                case "illustrative": illustrative = y.Bool(value, $"{path}.illustrative"); break;
                case "ligand": ligand = y.Scalar(value, $"{path}.ligand", "a ligand name from ligands"); ligandLocation = y.Location(value); break;
                default: pkNode = value; break;
            }
        }
        if (description.Trim().Length == 0) throw y.Error(nameNode, $"{path}.description", null, "every compound needs a description");
        string noPk = "a compound needs PK: under pk, per species (human, mouse), either 'model: <built-in key>' " +
            $"(allowed: {string.Join(", ", PkLibrary.BuiltInModelKeys)}) or a 'generic:' block (docs/compounds.md)";
        if (pkNode is null or YamlScalarNode { Value: null or "" }) throw y.Error(nameNode, $"{path}.pk", null, noPk);
        var pk = new Dictionary<Species, CompoundPk>();
        foreach (var (speciesName, speciesNode, block) in y.Map(pkNode, $"{path}.pk", [.. SpeciesNames.Keys]))
        {
            var species = SpeciesNames[speciesName];
            pk[species] = ReadSpeciesPk(y, $"{path}.pk.{speciesName}", name, ligand, ligandLocation, species, speciesNode, block, noPk);
        }
        if (pk.Count == 0) throw y.Error(pkNode, $"{path}.pk", null, noPk);
        return new CompoundDefinition(name, description, illustrative, ligand, pk, y.Location(nameNode));
    }

    private static CompoundPk ReadSpeciesPk(YamlData y, string path, string compound, string ligand, DataLocation? ligandLocation, Species species, YamlNode speciesNode, YamlNode block, string noPk)
    {
        var fields = y.Map(block, path, SpeciesKeys);
        var model = fields.FirstOrDefault(f => f.Key == "model");
        var generic = fields.FirstOrDefault(f => f.Key == "generic");
        var moietiesField = fields.FirstOrDefault(f => f.Key == "moieties");
        if (model.Value is null && generic.Value is null) throw y.Error(speciesNode, path, null, noPk);
        if (model.Value is not null && generic.Value is not null)
            throw y.Error(generic.KeyNode, $"{path}.generic", null, "give either 'model' (a built-in PK model) or 'generic', not both");

        string? builtIn = null;
        GenericPkParameters? parameters = null;
        if (model.Value is not null)
        {
            builtIn = y.Scalar(model.Value, $"{path}.model", "a built-in PK model key");
            if (!PkLibrary.IsBuiltInModel(builtIn))
                throw y.Error(model.Value, $"{path}.model", builtIn, $"unknown built-in PK model; allowed: {string.Join(", ", PkLibrary.BuiltInModelKeys)}");
            if (PkLibrary.BuiltInModelSpecies(builtIn) != species)
                throw y.Error(model.Value, $"{path}.model", builtIn, $"this built-in PK model is for {PkLibrary.BuiltInModelSpecies(builtIn).ToString().ToLowerInvariant()}s, not {species.ToString().ToLowerInvariant()}s");
        }
        else
        {
            parameters = ReadGeneric(y, $"{path}.generic", compound, species, generic.Value!);
        }

        var moieties = new List<MoietySource>();
        if (moietiesField.Value is not null)
        {
            var seq = y.Sequence(moietiesField.Value, $"{path}.moieties", "each item: {ligand, observable, fraction?, source?}");
            int i = 0;
            foreach (var item in seq.Children)
                moieties.Add(ReadMoiety(y, $"{path}.moieties[{i++}]", item));
        }
        else if (parameters is not null)
        {
            moieties.Add(new MoietySource(ligand, $"{Ligand.SymbolId(compound)}_brain_unbound_um", 1.0, null, ligandLocation ?? y.Location(speciesNode), $"compounds.{compound}.ligand"));
        }
        else
        {
            throw y.Error(speciesNode, $"{path}.moieties", null,
                "a built-in PK model needs its moieties listed: each {ligand, observable} maps a ligand to the model's unbound-brain observable (µM)");
        }
        return new CompoundPk(species, builtIn, parameters, moieties, y.Location(speciesNode));
    }

    private static MoietySource ReadMoiety(YamlData y, string path, YamlNode item)
    {
        var fields = y.Map(item, path, MoietyKeys);
        string Get(string key, string allowed) => fields.FirstOrDefault(f => f.Key == key) is { Value: { } v }
            ? y.Scalar(v, $"{path}.{key}", allowed)
            : throw y.Error(item, $"{path}.{key}", null, allowed);
        string ligand = Get("ligand", "the ligand (a name under ligands) this PK observable carries");
        var ligandNode = fields.First(f => f.Key == "ligand").Value;
        string observable = Get("observable", "the PK model's unbound brain observable, in µM (e.g. s_ketamine_brain_unbound_um)");
        double fraction = 1;
        string? source = null;
        if (fields.FirstOrDefault(f => f.Key == "fraction") is { Value: { } fNode })
        {
            fraction = y.Number(fNode, $"{path}.fraction", "a fraction in (0, 1]");
            if (!(fraction > 0 && fraction <= 1)) throw y.Error(fNode, $"{path}.fraction", YamlData.Show(fNode), "fraction must be in (0, 1]");
            source = ReadSource(y, item, fields, path);
        }
        return new MoietySource(ligand, observable, fraction, source, y.Location(ligandNode), $"{path}.ligand");
    }

    private static GenericPkParameters ReadGeneric(YamlData y, string path, string compound, Species species, YamlNode body)
    {
        var fields = y.Map(body, path, GenericKeys);
        YamlNode? Find(string key) => fields.FirstOrDefault(f => f.Key == key).Value;
        double Plain(string key, string allowed)
        {
            var node = Find(key) ?? throw y.Error(body, $"{path}.{key}", null, allowed);
            double v = y.Number(node, $"{path}.{key}", allowed);
            if (!(v > 0)) throw y.Error(node, $"{path}.{key}", YamlData.Show(node), allowed);
            return v;
        }
        SourcedValue? Sourced(string key, bool required, double max, string allowed)
        {
            var node = Find(key);
            if (node is null)
                return required ? throw y.Error(body, $"{path}.{key}", null, $"{allowed}, written {{ value: <number>, source: <{SourceRule}> }}") : null;
            string field = $"{path}.{key}";
            var parts = y.Map(node, field, ValueKeys);
            var valueNode = parts.FirstOrDefault(p => p.Key == "value").Value
                ?? throw y.Error(node, $"{field}.value", null, allowed);
            double v = y.Number(valueNode, $"{field}.value", allowed);
            if (!(v > 0 && v <= max)) throw y.Error(valueNode, $"{field}.value", YamlData.Show(valueNode), allowed);
            string source = ReadSource(y, node, parts, field);
            return new SourcedValue(v, SourceText.ToProvenance(source));
        }

        string description = Find("description") is { } d ? y.Scalar(d, $"{path}.description", "a text") : $"{compound} generic PK ({species.ToString().ToLowerInvariant()})";
        double refWeight = Plain("reference_weight_kg", "the body weight the values are given for, kg (> 0), e.g. 70 (human) or 0.025 (mouse)");
        double mw = Plain("molar_mass_g_per_mol", "molar mass in g/mol (> 0)");
        var cl = Sourced("clearance_l_per_h", true, double.MaxValue, "clearance, L/h (> 0)")!;
        var v1 = Sourced("central_volume_l", true, double.MaxValue, "central volume, L (> 0)")!;
        var v2 = Sourced("peripheral_volume_l", false, double.MaxValue, "peripheral volume, L (> 0)");
        var q = Sourced("intercompartmental_clearance_l_per_h", false, double.MaxValue, "inter-compartmental clearance, L/h (> 0)");
        if ((v2 is null) != (q is null))
            throw y.Error(body, $"{path}.{(v2 is null ? "peripheral_volume_l" : "intercompartmental_clearance_l_per_h")}", null,
                "a two-compartment block needs both peripheral_volume_l and intercompartmental_clearance_l_per_h");
        var fu = Sourced("unbound_fraction", true, 1, "plasma unbound fraction in (0, 1]")!;
        var kpuu = Sourced("kp_uu_brain", true, 100, "unbound brain-to-plasma partition Kp,uu in (0, 100]")!;

        var routesNode = Find("routes") ?? throw y.Error(body, $"{path}.routes", null,
            $"at least one route; allowed: {string.Join(", ", GenericPkParameters.RouteNames.Keys)}");
        var routes = new List<GenericRoute>();
        foreach (var (name, nameNode, routeBody) in y.Map(routesNode, $"{path}.routes", [.. GenericPkParameters.RouteNames.Keys]))
        {
            string rp = $"{path}.routes.{name}";
            if (name == "iv")
            {
                if (routeBody is not YamlScalarNode { Value: null or "" }) y.Map(routeBody, rp, []);
                routes.Add(new GenericRoute(name, GenericPkParameters.RouteNames[name], null, null, null));
                continue;
            }
            var rf = y.Map(routeBody is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : routeBody, rp, RouteKeys);
            SourcedValue Need(string key, double max, string allowed)
            {
                var node = rf.FirstOrDefault(f => f.Key == key).Value
                    ?? throw y.Error(nameNode, $"{rp}.{key}", null, $"{allowed}, written {{ value: <number>, source: <{SourceRule}> }}");
                var parts = y.Map(node, $"{rp}.{key}", ValueKeys);
                var valueNode = parts.FirstOrDefault(p => p.Key == "value").Value ?? throw y.Error(node, $"{rp}.{key}.value", null, allowed);
                double v = y.Number(valueNode, $"{rp}.{key}.value", allowed);
                bool ok = key == "lag_h" ? v >= 0 && v <= max : v > 0 && v <= max;
                if (!ok) throw y.Error(valueNode, $"{rp}.{key}.value", YamlData.Show(valueNode), allowed);
                return new SourcedValue(v, SourceText.ToProvenance(ReadSource(y, node, parts, $"{rp}.{key}")));
            }
            var ka = Need("ka_per_h", double.MaxValue, "absorption rate constant, 1/h (> 0)");
            var f = Need("bioavailability", 1, "bioavailability in (0, 1]");
            SourcedValue? lag = rf.Any(x => x.Key == "lag_h") ? Need("lag_h", 1000, "absorption lag, h (>= 0)") : null;
            routes.Add(new GenericRoute(name, GenericPkParameters.RouteNames[name], ka, f, lag));
        }
        if (routes.Count == 0) throw y.Error(routesNode, $"{path}.routes", null, $"at least one route; allowed: {string.Join(", ", GenericPkParameters.RouteNames.Keys)}");
        return new GenericPkParameters(compound, species, refWeight, mw, cl, v1, v2, q, fu, kpuu, routes, description);
    }
}
