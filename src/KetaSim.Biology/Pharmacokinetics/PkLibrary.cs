using KetaSim.Biology.Compounds;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// Compound name → PK model. Names are case-insensitive. A name resolves through the active compound
/// library (<see cref="CompoundLibrary.Active"/>, data/compounds): its per-species block names a built-in
/// model (by key) or a generic one- or two-compartment block (<see cref="GenericPkModule"/>); so
/// "ketamine" gives the mouse i.p. preset to a mouse subject and the racemic S/R model to a human.
/// A few aliases name one built-in model directly. Modules are stateless and shared.
/// </summary>
public static class PkLibrary
{
    private static readonly RacemicKetaminePk HumanKetamine = new();
    private static readonly MouseKetaminePk MouseKetamine = new();
    private static readonly EsketamineNasalPk Esketamine = new();
    private static readonly OralSsriPk Escitalopram = new(OralSsriParameterSet.EscitalopramDefault);
    private static readonly OralSsriPk EscitalopramAreberg = new(OralSsriParameterSet.EscitalopramAreberg2006);
    private static readonly OralSsriPk Citalopram = new(OralSsriParameterSet.CitalopramLabel);

    /// <summary>The built-in (coded) PK models by key, with the species each describes.</summary>
    private static readonly Dictionary<string, (IPkModule Module, Species Species)> BuiltIn = new(StringComparer.Ordinal)
    {
        [HumanKetamine.Key] = (HumanKetamine, Species.Human),
        [MouseKetamine.Key] = (MouseKetamine, Species.Mouse),
        [Esketamine.Key] = (Esketamine, Species.Human),
        [Escitalopram.Key] = (Escitalopram, Species.Human),
        [EscitalopramAreberg.Key] = (EscitalopramAreberg, Species.Human),
        [Citalopram.Key] = (Citalopram, Species.Human),
    };

    /// <summary>Names that select one built-in model whatever the library says (kept for existing scenarios).</summary>
    private static readonly Dictionary<string, Func<Species, IPkModule>> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["racemic-ketamine"] = s => s == Species.Mouse ? MouseKetamine : HumanKetamine,
        ["mouse-ketamine"] = _ => MouseKetamine,
        ["escitalopram-areberg2006"] = _ => EscitalopramAreberg,
    };

    /// <summary>Keys of the built-in models a library compound may name (<c>model:</c>).</summary>
    public static IReadOnlyList<string> BuiltInModelKeys { get; } = [.. BuiltIn.Keys.Order(StringComparer.Ordinal)];

    public static bool IsBuiltInModel(string key) => key is not null && BuiltIn.ContainsKey(key);

    public static IPkModule BuiltInModel(string key) => BuiltIn.TryGetValue(key, out var m) ? m.Module
        : throw new ArgumentException($"No built-in PK model '{key}'; allowed: {string.Join(", ", BuiltInModelKeys)}.");

    public static Species BuiltInModelSpecies(string key) => BuiltIn.TryGetValue(key, out var m) ? m.Species
        : throw new ArgumentException($"No built-in PK model '{key}'; allowed: {string.Join(", ", BuiltInModelKeys)}.");

    /// <summary>Every compound name of the active library and every alias.</summary>
    public static IReadOnlyCollection<string> Names => [.. CompoundLibrary.Active.Compounds.Keys.Concat(Aliases.Keys).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static bool Contains(string compound) => compound is not null && (CompoundLibrary.Active.Compounds.ContainsKey(compound) || Aliases.ContainsKey(compound));

    /// <summary>The PK model for a compound and species; throws naming the known compounds if unknown, or the compounds that have a model for the species.</summary>
    public static IPkModule Get(string compound, Species species = Species.Human)
    {
        if (compound is not null)
        {
            if (CompoundLibrary.Active.PkModule(compound, species) is { } fromLibrary) return fromLibrary;
            if (Aliases.TryGetValue(compound, out var factory))
            {
                // An alias names one model explicitly ("mouse-ketamine" is the mouse preset whatever the subject);
                // only a human model given to a mouse is refused.
                var module = factory(species);
                if (species == Species.Mouse && BuiltIn[module.Key].Species != Species.Mouse)
                    throw new ArgumentException($"No mouse PK model for '{compound}'.");
                return module;
            }
        }
        throw new ArgumentException($"No PK model for compound '{compound}'. Known compounds: {string.Join(", ", Names.Order(StringComparer.OrdinalIgnoreCase))}.");
    }
}
