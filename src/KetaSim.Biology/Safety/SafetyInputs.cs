using KetaSim.Biology.Compounds;
using KetaSim.Biology.Mechanism;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Safety;

/// <summary>
/// What the safety layer reads, found from the compound library and the targets layer for whatever the
/// scenario doses (any mix of racemic ketamine, esketamine, midazolam, a user's NMDA blocker or MOR agonist, or none):
/// <list type="bullet">
/// <item><see cref="Sympathomimetic"/>: Σ potency_i × unbound concentration_i (µM, S-ketamine-equivalent) over the
/// moieties whose ligand carries a <c>safety.sympathomimetic_potency</c> in the library; null when none does;</item>
/// <item><see cref="NmdaLigands"/>: the dosed ligands that bind NMDA, each with its weight in the central side effects
/// (library <c>safety.nmda_cns_weight</c>, default 1), by name;</item>
/// <item><see cref="BindsMor"/>: some dosed moiety binds MOR (so MOR agonism can differ from the untreated brain);</item>
/// <item><see cref="Midazolam"/>: midazolam plasma (ng/mL); GABA-A is not a KetaSim target, so it stays a plasma driver.</item>
/// </list>
/// </summary>
internal sealed record SafetyInputs(Expr? Sympathomimetic, IReadOnlyDictionary<string, double> NmdaLigands, bool BindsMor, Expr? Midazolam)
{
    public const string MidazolamObservable = "midazolam_plasma_ng_per_ml";


    public static SafetyInputs From(ModelBuilder b, MechanismContext context, CompoundLibrary library)
    {
        Expr? sympathomimetic = null;
        var nmda = new SortedDictionary<string, double>(StringComparer.Ordinal);
        bool mor = false;
        foreach (var compound in context.Compounds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // The targets layer (stage 10) has already refused compounds the library lacks.
            if (library.MoietiesOf(compound, context.Species) is not { } moieties) continue;
            foreach (var m in moieties)
            {
                var ligand = library.Ligands[m.Ligand];
                if (ligand.Targets.ContainsKey(MechanismNames.Targets.Nmda)) nmda[ligand.Name] = ligand.Safety?.NmdaCnsWeight ?? 1.0;
                mor |= ligand.Targets.ContainsKey(MechanismNames.Targets.Mor);
                if (ligand.Safety is not { SympathomimeticPotency: > 0 } safety) continue;
                var o = b.GetObservable(m.Observable);
                Expr term = o.Definition * (safety.SympathomimeticPotency * m.Fraction * UnitToMicromolar(o));
                sympathomimetic = sympathomimetic is null ? term : sympathomimetic + term;
            }
        }
        Expr? midazolam = b.HasSymbol(MidazolamObservable) ? b.GetObservable(MidazolamObservable).Definition : null;
        return new SafetyInputs(sympathomimetic, nmda, mor, midazolam);
    }

    private static double UnitToMicromolar(Observable o) => o.Unit switch
    {
        "uM" or "µM" => 1.0,
        "nM" => 1e-3,
        "mM" => 1e3,
        _ => throw new InvalidOperationException($"Observable '{o.Name}' is in {o.Unit}; a moiety's concentration must be molar (uM, nM or mM)."),
    };
}
