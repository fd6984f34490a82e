using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Compounds;

/// <summary>
/// The data-driven drug library: ligands (moieties) with their binding to the KetaSim targets, and
/// compounds with per-species PK (a built-in model or a generic block) and the moieties they put in the
/// brain. Built-in data is embedded from data/compounds/*.yaml; a user file or directory is merged over it
/// (a ligand or compound of the same name replaces the built-in one as a whole). Immutable; thread-safe.
/// </summary>
public sealed class CompoundLibrary
{
    private static readonly Lazy<CompoundLibrary> BuiltInLibrary = new(LoadBuiltIn);
    private static CompoundLibrary? _active;
    private readonly ConcurrentDictionary<(string, Species), IPkModule> _modules = new();

    private CompoundLibrary(IReadOnlyDictionary<string, Ligand> ligands, IReadOnlyDictionary<string, CompoundDefinition> compounds, string fingerprint)
    {
        Ligands = ligands;
        Compounds = compounds;
        Fingerprint = fingerprint;
    }

    /// <summary>Ligands by name (case-sensitive, lower case).</summary>
    public IReadOnlyDictionary<string, Ligand> Ligands { get; }

    /// <summary>Compounds by name (case-insensitive lookup).</summary>
    public IReadOnlyDictionary<string, CompoundDefinition> Compounds { get; }

    /// <summary>Short hash of the library's text: part of the targets module's cache key, so models compiled from other data are never reused.</summary>
    public string Fingerprint { get; }

    /// <summary>The library shipped in the assembly (data/compounds/*.yaml).</summary>
    public static CompoundLibrary BuiltIn => BuiltInLibrary.Value;

    /// <summary>
    /// The library PK and targets resolve compounds from: <see cref="BuiltIn"/> unless a front end has set
    /// one loaded with <see cref="Load"/> (set it before running scenarios).
    /// </summary>
    public static CompoundLibrary Active
    {
        get => Volatile.Read(ref _active) ?? BuiltIn;
        set => Volatile.Write(ref _active, value);
    }

    /// <summary>Reads a user file (*.yaml) or every *.yaml/*.yml in a directory, merged over <see cref="BuiltIn"/>.</summary>
    public static CompoundLibrary Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IEnumerable<string> files;
        if (Directory.Exists(path))
            files = Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        else if (File.Exists(path))
            files = [path];
        else
            throw new ModelDataException(path, 0, "", null, "no such file or directory; give a compound-library .yaml file or a directory of them");
        return Parse(files.Select(f => (f, Inputs.InputFiles.ReadText(f, f, "a compound-library YAML file"))), BuiltIn);
    }

    /// <summary>
    /// Builds a library from (file name, YAML text) pairs, merged over <paramref name="over"/> (null: a
    /// library of these files only). Within the new files a name may appear once.
    /// </summary>
    public static CompoundLibrary Parse(IEnumerable<(string File, string Text)> files, CompoundLibrary? over = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ligands = new Dictionary<string, Ligand>(over?.Ligands ?? new Dictionary<string, Ligand>(), StringComparer.Ordinal);
        var compounds = new Dictionary<string, CompoundDefinition>(over?.Compounds ?? new Dictionary<string, CompoundDefinition>(), StringComparer.OrdinalIgnoreCase);
        var seenLigands = new Dictionary<string, DataLocation>(StringComparer.Ordinal);
        var seenCompounds = new Dictionary<string, DataLocation>(StringComparer.OrdinalIgnoreCase);
        var hash = new StringBuilder(over?.Fingerprint ?? "");
        foreach (var (file, text) in files)
        {
            hash.Append('\0').Append(file).Append('\0').Append(text);
            var contents = CompoundFileReader.Read(file, text);
            foreach (var l in contents.Ligands)
            {
                if (seenLigands.TryGetValue(l.Name, out var first))
                    throw new ModelDataException(l.Location.File, l.Location.Line, "ligands", l.Name, $"ligand defined twice (first at {first}); define each once");
                seenLigands[l.Name] = l.Location;
                ligands[l.Name] = l;
            }
            foreach (var c in contents.Compounds)
            {
                if (seenCompounds.TryGetValue(c.Name, out var first))
                    throw new ModelDataException(c.Location.File, c.Location.Line, "compounds", c.Name, $"compound defined twice (first at {first}); define each once");
                seenCompounds[c.Name] = c.Location;
                compounds[c.Name] = c;
            }
        }
        string fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..12].ToLowerInvariant();
        var library = new CompoundLibrary(ligands, compounds, fingerprint);
        library.Validate();
        return library;
    }

    /// <summary>Checks across files: every moiety has binding data, and every built-in model makes the observables its moieties name.</summary>
    private void Validate()
    {
        var observablesByModel = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var c in Compounds.Values)
            foreach (var (species, pk) in c.Pk)
            {
                string path = $"compounds.{c.Name}.pk.{species.ToString().ToLowerInvariant()}";
                HashSet<string>? observables = null;
                if (pk.BuiltInModel is { } key)
                {
                    if (!observablesByModel.TryGetValue(key, out observables))
                    {
                        var b = new ModelBuilder("validate-" + key);
                        PkLibrary.BuiltInModel(key).Contribute(b);
                        observables = [.. b.Build().Observables.Select(o => o.Name)];
                        observablesByModel[key] = observables;
                    }
                }
                for (int i = 0; i < pk.Moieties.Count; i++)
                {
                    var m = pk.Moieties[i];
                    if (!Ligands.ContainsKey(m.Ligand))
                        throw new ModelDataException(m.Location.File, m.Location.Line, m.Field, m.Ligand, $"moiety without binding data: no ligand of that name; define it under ligands (known: {string.Join(", ", Ligands.Keys.Order(StringComparer.Ordinal))})");
                    if (observables is not null && !observables.Contains(m.Observable))
                        throw new ModelDataException(m.Location.File, m.Location.Line, $"{path}.moieties[{i}].observable", m.Observable,
                            $"the built-in PK model {pk.BuiltInModel} has no such observable; its unbound brain observables: {string.Join(", ", observables.Where(o => o.EndsWith("_unbound_um", StringComparison.Ordinal)).Order(StringComparer.Ordinal))}");
                }
            }
    }

    public bool TryGetCompound(string name, out CompoundDefinition compound) => Compounds.TryGetValue(name, out compound!);

    /// <summary>The PK model of a library compound for a species; null when the compound is not in the library. Throws when it has no block for that species.</summary>
    public IPkModule? PkModule(string compound, Species species)
    {
        if (!Compounds.TryGetValue(compound, out var c)) return null;
        if (!c.Pk.TryGetValue(species, out var pk))
            throw new ArgumentException($"No {species.ToString().ToLowerInvariant()} PK model for '{c.Name}'; compounds with one: " +
                string.Join(", ", Compounds.Values.Where(x => x.Pk.ContainsKey(species)).Select(x => x.Name).Order(StringComparer.Ordinal)) + ".");
        return _modules.GetOrAdd((c.Name, species), _ => pk.BuiltInModel is { } key ? PkLibrary.BuiltInModel(key) : new GenericPkModule(pk.Generic!));
    }

    /// <summary>
    /// The moieties a dosed compound puts in the brain of a species (ligand, PK observable, fraction), or
    /// null when the compound is not in the library.
    /// </summary>
    public IReadOnlyList<MoietySource>? MoietiesOf(string compound, Species species) =>
        Compounds.TryGetValue(compound, out var c) && c.Pk.TryGetValue(species, out var pk) ? pk.Moieties : null;

    private static CompoundLibrary LoadBuiltIn()
    {
        var assembly = typeof(CompoundLibrary).Assembly;
        const string prefix = "data/compounds/";
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
        if (files.Count == 0) throw new InvalidOperationException("The built-in compound library (data/compounds/*.yaml) is not embedded in KetaSim.Biology.");
        return Parse(files);
    }
}
