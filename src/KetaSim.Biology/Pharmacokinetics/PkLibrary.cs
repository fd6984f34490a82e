using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// Compound name → PK model. Names are case-insensitive; "ketamine" resolves by species (a mouse
/// subject gets the mouse i.p. preset). Modules are stateless, so one instance per name is shared.
/// </summary>
public static class PkLibrary
{
    private static readonly RacemicKetaminePk HumanKetamine = new();
    private static readonly MouseKetaminePk MouseKetamine = new();
    private static readonly EsketamineNasalPk Esketamine = new();
    private static readonly OralSsriPk Escitalopram = new(OralSsriParameterSet.EscitalopramDefault);
    private static readonly OralSsriPk EscitalopramAreberg = new(OralSsriParameterSet.EscitalopramAreberg2006);
    private static readonly OralSsriPk Citalopram = new(OralSsriParameterSet.CitalopramLabel);

    private static readonly Dictionary<string, Func<Species, IPkModule>> Entries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ketamine"] = s => s == Species.Mouse ? MouseKetamine : HumanKetamine,
        ["racemic-ketamine"] = s => s == Species.Mouse ? MouseKetamine : HumanKetamine,
        ["mouse-ketamine"] = _ => MouseKetamine,
        ["esketamine"] = _ => Esketamine,
        ["escitalopram"] = _ => Escitalopram,
        ["escitalopram-areberg2006"] = _ => EscitalopramAreberg,
        ["citalopram"] = _ => Citalopram,
    };

    /// <summary>Every name (and alias) the library knows.</summary>
    public static IReadOnlyCollection<string> Names => Entries.Keys;

    public static bool Contains(string compound) => compound is not null && Entries.ContainsKey(compound);

    /// <summary>The PK model for a compound and species; throws naming the known compounds if unknown.</summary>
    public static IPkModule Get(string compound, Species species = Species.Human)
    {
        if (compound is not null && Entries.TryGetValue(compound, out var factory))
        {
            var module = factory(species);
            if (species == Species.Mouse && module is not MouseKetaminePk)
                throw new ArgumentException($"No mouse PK model for '{compound}'; the mouse presets are: ketamine (mouse-ketamine).");
            return module;
        }
        throw new ArgumentException($"No PK model for compound '{compound}'. Known compounds: {string.Join(", ", Names.Order(StringComparer.OrdinalIgnoreCase))}.");
    }
}
