using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;

namespace KetaSim.Biology.Compounds;

/// <summary>Where a datum was written: file (as the user named it, or the embedded file name) and 1-based line.</summary>
public readonly record struct DataLocation(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}

/// <summary>
/// How one ligand binds one target. <see cref="AffinityUm"/> is the equilibrium dissociation (or
/// half-maximal) concentration of the unbound ligand, µM; <see cref="Efficacy"/> is 0 for an antagonist,
/// channel blocker or inhibitor, 1 for a full agonist, in between for a partial agonist.
/// </summary>
public sealed record TargetBinding(string Target, double AffinityUm, double Hill, double Efficacy, string Source, DataLocation Location)
{
    public Provenance Provenance => SourceText.ToProvenance(Source);
}

/// <summary>
/// A moiety's safety-relevant properties that are not receptor binding at a KetaSim target (docs/model/safety.md).
/// <see cref="SympathomimeticPotency"/>: indirect sympathomimetic (pressor, chronotropic) potency per µM of
/// unbound concentration, relative to S-ketamine (= 1); blood pressure and heart rate are driven by
/// Σ potency × unbound concentration (0: no known sympathomimetic action, as for a ligand without the block).
/// <see cref="NmdaCnsWeight"/>: weight of this moiety's NMDA block in the central side effects (dissociation,
/// sedation, NMDA-antagonist drug liking); 1 (the default, also without the block) counts its block in full.
/// </summary>
public sealed record LigandSafety(double SympathomimeticPotency, double NmdaCnsWeight, string Source, DataLocation Location)
{
    public Provenance Provenance => SourceText.ToProvenance(Source);
}

/// <summary>A drug moiety (parent or metabolite) and its binding to the KetaSim targets (none for e.g. midazolam).</summary>
/// <param name="Safety">Safety-relevant actions outside the targets (null: none known in the library).</param>
public sealed record Ligand(string Name, string Description, IReadOnlyDictionary<string, TargetBinding> Targets, string? Note, DataLocation Location, LigandSafety? Safety = null)
{
    /// <summary>The name as it appears in parameter and observable names ("s-ketamine" → "s_ketamine").</summary>
    public string Id => SymbolId(Name);

    public static string SymbolId(string name) => name.Replace('-', '_');
}

/// <summary>
/// A ligand's unbound brain concentration as a PK observable: <c>Fraction × observable</c> (µM). Several
/// sources of one ligand add up (e.g. S- and R-HNK as "hnk").
/// </summary>
/// <param name="Field">Where the ligand name was written (field path), for messages.</param>
public sealed record MoietySource(string Ligand, string Observable, double Fraction, string? Source, DataLocation Location, string Field);

/// <summary>
/// A compound's PK for one species: a built-in model (by its key) or a generic block, and the moieties
/// (ligands) it puts in the brain.
/// </summary>
public sealed record CompoundPk(Species Species, string? BuiltInModel, GenericPkParameters? Generic, IReadOnlyList<MoietySource> Moieties, DataLocation Location);

/// <summary>A drug as a user doses it: name, description, per-species PK and moieties.</summary>
/// <param name="Illustrative">True for stand-ins whose real counterparts are not public (system.md §8).</param>
public sealed record CompoundDefinition(
    string Name, string Description, bool Illustrative, string Ligand, IReadOnlyDictionary<Species, CompoundPk> Pk, DataLocation Location)
{
    /// <summary>The name as it appears in generic-PK parameter and observable names ("illustrative-mor-agonist" → "illustrative_mor_agonist").</summary>
    public string Id => KetaSim.Biology.Compounds.Ligand.SymbolId(Name);
}

/// <summary>Turns a YAML <c>source</c> text into a provenance: "assumption: why" and "calibrated: against what" are recognised.</summary>
public static class SourceText
{
    public const string AssumptionPrefix = "assumption:";
    public const string CalibratedPrefix = "calibrated:";

    public static Provenance ToProvenance(string source)
    {
        string s = source.Trim();
        if (s.StartsWith(AssumptionPrefix, StringComparison.OrdinalIgnoreCase)) return Provenance.Assume(s[AssumptionPrefix.Length..].Trim());
        if (s.StartsWith(CalibratedPrefix, StringComparison.OrdinalIgnoreCase)) return Provenance.Calibrated(s[CalibratedPrefix.Length..].Trim());
        return Provenance.Cite(s);
    }
}
