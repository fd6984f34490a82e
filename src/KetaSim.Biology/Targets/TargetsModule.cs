using KetaSim.Biology.Compounds;
using KetaSim.Biology.Mechanism;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Targets;

/// <summary>
/// Receptor occupancy and activation on prefrontal (and raphe) cells from the unbound brain concentration
/// of every drug moiety present (docs/model/targets.md). For each target T:
/// r_i = (C_i/K_i)^n_i for each drug ligand i, r_E = E·θ/(1 − θ) for the endogenous agonist at relative level E
/// with baseline occupancy θ; occ_i = r_i/(1 + r_E + Σ r_j).
/// <list type="bullet">
/// <item><c>occupancy_T</c>: Σ drug occupancy, 0-1 (always present; 0 without drugs).</item>
/// <item><c>occupancy_T_&lt;ligand&gt;</c>: one drug ligand's occupancy (only for ligands present).</item>
/// <item><c>activation_T_&lt;cell&gt;</c>: activation × <c>expression_T_&lt;cell&gt;</c> (a base parameter, 1; knockouts set 0).
/// Function targets (NMDA, SERT, mTORC1): function left, 1 − Σ(1 − e_i)occ_i. Receptors: operational model.</item>
/// <item><c>activation_baseline_T</c> (derived parameter): activation in the untreated brain (1 for function targets).</item>
/// <item><c>drug_binding_sum_T</c>, <c>drug_signal_sum_T</c>: Σ r_i and Σ e_i r_i, for <see cref="ActivationAtEndogenousLevel"/>.</item>
/// </list>
/// Parameters: <c>ki_T_&lt;ligand&gt;</c> (µM), <c>hill_T_&lt;ligand&gt;</c>, <c>efficacy_T_&lt;ligand&gt;</c> from the compound library;
/// <c>tau_T</c>, <c>endogenous_occupancy_T</c> from <see cref="TargetDefinitions"/>.
/// </summary>
public sealed class TargetsModule : IMechanismModule
{
    public string Key => "targets-v1@" + CompoundLibrary.Active.Fingerprint;
    public int Stage => MechanismStages.Targets;

    public static string DrugBindingSum(string target) => $"drug_binding_sum_{target}";
    public static string DrugSignalSum(string target) => $"drug_signal_sum_{target}";
    public static string BaselineActivation(string target) => $"activation_baseline_{target}";
    public static string Tau(string target) => $"tau_{target}";
    public static string EndogenousOccupancy(string target) => $"endogenous_occupancy_{target}";
    public static string LigandOccupancy(string target, string ligand) => $"occupancy_{target}_{Ligand.SymbolId(ligand)}";
    public static string Affinity(string target, string ligand) => $"ki_{target}_{Ligand.SymbolId(ligand)}";
    public static string Hill(string target, string ligand) => $"hill_{target}_{Ligand.SymbolId(ligand)}";
    public static string Efficacy(string target, string ligand) => $"efficacy_{target}_{Ligand.SymbolId(ligand)}";

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(context);
        var library = CompoundLibrary.Active;
        var concentrations = MoietyConcentrations(b, context, library);

        foreach (var target in TargetDefinitions.All)
        {
            var bound = concentrations
                .Where(c => library.Ligands[c.Key].Targets.ContainsKey(target.Name))
                .Select(c => (Ligand: library.Ligands[c.Key], Concentration: c.Value))
                .ToList();
            Contribute(b, target, bound);
        }
    }

    /// <summary>Unbound brain concentration (µM) of each ligand the dosed compounds put in the brain, ordered by name.</summary>
    private static SortedDictionary<string, Expr> MoietyConcentrations(ModelBuilder b, MechanismContext context, CompoundLibrary library)
    {
        var sum = new SortedDictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var compound in context.Compounds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var moieties = library.MoietiesOf(compound, context.Species) ?? throw new InvalidOperationException(
                $"Compound '{compound}' has no {context.Species.ToString().ToLowerInvariant()} entry in the compound library, so its receptor binding is unknown; add it to data/compounds (docs/compounds.md).");
            foreach (var m in moieties)
            {
                if (!b.HasSymbol(m.Observable))
                    throw new InvalidOperationException($"Compound '{compound}': moiety {m.Ligand} reads observable '{m.Observable}', which its PK model does not make ({m.Location}).");
                var o = b.GetObservable(m.Observable);
                Expr c = o.Definition * (UnitToMicromolar(o) * m.Fraction);
                sum[m.Ligand] = sum.TryGetValue(m.Ligand, out var prior) ? prior + c : c;
            }
        }
        return sum;
    }

    private static double UnitToMicromolar(Observable o) => o.Unit switch
    {
        "uM" or "µM" => 1.0,
        "nM" => 1e-3,
        "mM" => 1e3,
        _ => throw new InvalidOperationException($"Observable '{o.Name}' is in {o.Unit}; a moiety's brain concentration must be molar (uM, nM or mM)."),
    };

    private static void Contribute(ModelBuilder b, TargetDefinition target, IReadOnlyList<(Ligand Ligand, Expr Concentration)> ligands)
    {
        string t = target.Name;
        Expr ratioSum = 0.0, signalSum = 0.0, blockSum = 0.0;
        var ratios = new List<(Ligand Ligand, Expr Ratio)>();
        foreach (var (ligand, c) in ligands)
        {
            var binding = ligand.Targets[t];
            var k = b.Parameter(Affinity(t, ligand.Name), binding.AffinityUm, "uM", binding.Provenance, $"{ligand.Name} affinity (Ki / EC50 / IC50, unbound) at {t}");
            var n = b.Parameter(Hill(t, ligand.Name), binding.Hill, "1", binding.Provenance, $"{ligand.Name} Hill coefficient at {t}");
            var e = b.Parameter(Efficacy(t, ligand.Name), binding.Efficacy, "1", binding.Provenance, $"{ligand.Name} efficacy at {t} (0 antagonist/blocker, 1 full agonist)",
                PlausibleRange.Fraction("efficacy runs from 0 (antagonist/blocker) to 1 (full agonist)"));
            var r = ReceptorPharmacology.BindingRatio(c, k, n);
            ratios.Add((ligand, r));
            ratioSum += r;
            signalSum += e * r;
            blockSum += (1.0 - e) * r;
        }

        // Endogenous agonist: r_E = E·θ/(1 − θ), so that alone (E = 1) it occupies θ.
        Expr endogenousRatio = 0.0;
        Expr baselineStimulus = 0.0;
        if (target.Endogenous is { } endo)
        {
            var theta = b.Parameter(EndogenousOccupancy(t), endo.BaselineOccupancy, "1", endo.Source,
                $"Fraction of {t} occupied by its endogenous agonist ({endo.Name}) in the untreated brain", PlausibleRange.Of(0, 0.99, "an occupancy below 1 (the endogenous ratio θ/(1 − θ) diverges at 1)"));
            Expr level = endo.LevelSymbol is { } name && b.HasSymbol(name) ? Level(b, name) : 1.0;
            endogenousRatio = level * (theta / (1.0 - theta));
            baselineStimulus = theta;
        }
        Expr denominator = 1.0 + endogenousRatio + ratioSum;

        b.Observe(MechanismNames.Occupancy(t), "1", ratioSum / denominator, $"{t}: total drug occupancy (all drug ligands, competitive), 0-1");
        foreach (var (ligand, r) in ratios)
            b.Observe(LigandOccupancy(t, ligand.Name), "1", ReceptorPharmacology.Occupancy(r, denominator), $"{t}: occupancy by {ligand.Name}, 0-1");

        Expr activation;
        if (target.Kind == TargetKind.Function)
        {
            activation = 1.0 - blockSum / denominator;
            b.Derived(BaselineActivation(t), 1.0, "1", $"{t}: activation (function left) in the untreated brain");
        }
        else
        {
            var tau = b.Parameter(Tau(t), target.Tau, "1", target.TauSource, $"{t}: operational transducer ratio τ (receptor reserve)");
            b.Observe(DrugBindingSum(t), "1", ratioSum, $"{t}: Σ (C_i/K_i)^n_i over drug ligands (for layers that recompute activation at another endogenous level)");
            b.Observe(DrugSignalSum(t), "1", signalSum, $"{t}: Σ efficacy_i·(C_i/K_i)^n_i over drug ligands");
            Expr stimulus = (endogenousRatio + signalSum) / denominator;
            activation = ReceptorPharmacology.Operational(stimulus, tau);
            b.Derived(BaselineActivation(t), ReceptorPharmacology.Operational(baselineStimulus, tau), "1",
                $"{t}: activation (operational, normalised to a full agonist) in the untreated brain");
        }

        foreach (var cell in target.Cells)
        {
            var expression = b.Parameter(MechanismNames.Expression(t, cell), 1.0, "1", Provenance.Assume(
                $"{t} is expressed on {cell} cells (system.md §2-3); 1 = normal expression, 0 = knocked out (set by scenario knockouts)"),
                $"Expression of {t} on {cell} cells (0 when knocked out)", PlausibleRange.Fraction("0 = knocked out, 1 = normal expression"));
            b.Observe(MechanismNames.Activation(t, cell), "1", activation * expression, $"{t} on {cell}: {target.Meaning}; × expression");
        }
    }

    /// <summary>The level of a later layer's symbol: an observable's definition or a state.</summary>
    private static Expr Level(ModelBuilder b, string name)
    {
        try { return b.GetObservable(name).Definition; }
        catch (KeyNotFoundException) { return b.GetState(name); }
    }

    /// <summary>
    /// A receptor's activation (operational, 0-1, before expression) with its endogenous agonist at
    /// <paramref name="endogenousLevelRel"/> × baseline, and the drugs as this module bound them. For a layer
    /// contributing after the targets that owns the endogenous level, e.g. the serotonin layer:
    /// <c>ActivationAtEndogenousLevel(b, "HT1A", serotoninRel) * b.GetParameter(MechanismNames.Expression("HT1A", "raphe"))</c>.
    /// For a receptor without endogenous tone (TrkB, ...) the level is ignored.
    /// </summary>
    public static Expr ActivationAtEndogenousLevel(ModelBuilder b, string target, Expr endogenousLevelRel)
    {
        ArgumentNullException.ThrowIfNull(b);
        var def = TargetDefinitions.Get(target);
        if (def.Kind != TargetKind.Receptor)
            throw new ArgumentException($"{target} is a {def.Kind.ToString().ToLowerInvariant()} target (no endogenous agonist); read {MechanismNames.Activation(target, def.Cells[0])} instead.");
        Expr ratioSum = b.GetObservable(DrugBindingSum(target)).Definition;
        Expr signalSum = b.GetObservable(DrugSignalSum(target)).Definition;
        Expr endogenous = 0.0;
        if (def.Endogenous is not null)
        {
            var theta = b.GetParameter(EndogenousOccupancy(target));
            endogenous = endogenousLevelRel * (theta / (1.0 - theta));
        }
        Expr stimulus = (endogenous + signalSum) / (1.0 + endogenous + ratioSum);
        return ReceptorPharmacology.Operational(stimulus, b.GetParameter(Tau(target)));
    }
}
