using KetaSim.Biology.Compounds;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Design.Combination;

/// <summary>
/// What the model can and cannot say about each compound's own side effects (docs/model/safety.md): dissociation, sedation and
/// NMDA drug liking follow NMDA block; opioid sedation and drug liking follow MOR agonism; blood pressure and heart rate
/// follow a ligand's sympathomimetic potency. Everything else a compound may do (nausea, respiratory depression, …) is not
/// modelled, and a BP rise of 0 for a ligand without sympathomimetic data means unknown, not safe.
/// </summary>
public static class CompoundLiabilities
{
    public sealed record Entry(string Compound, IReadOnlyList<string> Modelled, IReadOnlyList<string> Lacking);

    public static Entry Of(string compound, Species species, CompoundLibrary? library = null)
    {
        library ??= CompoundLibrary.Active;
        var modelled = new List<string>();
        var lacking = new List<string>();
        if (species != Species.Human)
            return new Entry(compound, modelled, ["the side-effect scales (blood pressure, CADSS, MOAA/S, drug liking) are clinical and exist only in human models"]);
        if (!library.TryGetCompound(compound, out var def) || !def.Pk.TryGetValue(species, out var pk))
            return new Entry(compound, modelled, ["not in the compound library for this species: no liabilities known"]);
        var ligands = pk.Moieties.Select(m => m.Ligand).Distinct(StringComparer.Ordinal)
            .Select(l => library.Ligands.TryGetValue(l, out var x) ? x : null).Where(l => l is not null).Select(l => l!).ToArray();
        bool nmda = ligands.Any(l => l.Targets.TryGetValue("NMDA", out var b) && (l.Safety?.NmdaCnsWeight ?? 1) > 0);
        bool mor = ligands.Any(l => l.Targets.TryGetValue("MOR", out var b) && b.Efficacy > 0);
        bool sympathomimetic = ligands.Any(l => l.Safety is { SympathomimeticPotency: > 0 });
        if (nmda) modelled.Add("NMDA block: dissociation (CADSS), sedation (MOAA/S), drug liking");
        if (mor) modelled.Add("MOR agonism: opioid sedation (MOAA/S) and drug liking (potencies are assumptions, safety.md)");
        if (sympathomimetic) modelled.Add("sympathomimetic potency: blood pressure and heart rate");
        else lacking.Add("no sympathomimetic data: its predicted blood-pressure and heart-rate rise is 0 because nothing is known, not because it is known to be safe");
        if (mor) lacking.Add("opioid liabilities beyond sedation and liking (respiratory depression, nausea, constipation, dependence, hypotension) are not modelled");
        if (!nmda && !mor) lacking.Add("no dissociation, sedation or drug-liking pathway in the model for its targets; other off-target effects are not modelled");
        return new Entry(def.Name, modelled, lacking);
    }
}
