using KetaSim.Biology.Mechanism;
using KetaSim.Modeling;

namespace KetaSim.Biology.Targets;

/// <summary>How a target's activation is read out.</summary>
public enum TargetKind
{
    /// <summary>
    /// A channel, transporter or enzyme that drugs block or inhibit (NMDA, SERT, mTORC1): activation is the
    /// function left, 1 − Σ (1 − efficacy_i)·occ_i (1 with no drug; channel blockers and inhibitors have efficacy 0).
    /// </summary>
    Function,

    /// <summary>
    /// A receptor (GPCR or TrkB) read through the operational model (Black &amp; Leff 1983): stimulus
    /// S = Σ efficacy_i·occ_i over drugs and the endogenous ligand, response τS/(1 + τS) normalised to a full
    /// agonist at saturation, τ/(1 + τ), so activation = S(1 + τ)/(1 + τS) in [0, 1].
    /// </summary>
    Receptor,
}

/// <summary>
/// A receptor's endogenous agonist (efficacy 1) that competes with drugs, so an antagonist removes its tone.
/// </summary>
/// <param name="Name">What the ligand is (opioid peptides, prokineticin 2, serotonin).</param>
/// <param name="BaselineOccupancy">Fraction of receptors it occupies in the untreated brain.</param>
/// <param name="LevelSymbol">A symbol (observable or state) of a later layer giving its level relative to baseline, used when present; else the level is 1.</param>
public sealed record EndogenousLigand(string Name, double BaselineOccupancy, Provenance Source, string? LevelSymbol = null);

/// <summary>One target: kind, the cells that carry it, operational τ, endogenous tone, and what its activation means.</summary>
public sealed record TargetDefinition(
    string Name, TargetKind Kind, IReadOnlyList<string> Cells, double Tau, Provenance TauSource, EndogenousLigand? Endogenous, string Meaning);

/// <summary>The targets of system.md §2, the cells that carry them, and their pharmacological constants (with provenance).</summary>
public static class TargetDefinitions
{
    /// <summary>One τ for the G-protein-coupled receptors and TrkB: no target-specific transducer ratios are in the sources.</summary>
    public const double DefaultTau = 3.0;

    private static readonly Provenance TauAssumption = Provenance.Assume(
        "moderate receptor reserve (τ = 3): a full agonist's EC50 is 4× below its Kd and a partial agonist of efficacy 0.5 reaches 80% of the full response; no target-specific transducer ratio in prefrontal neurons is published in our sources");

    private static readonly Provenance NotOperational = Provenance.Assume("not used: activation of a blocked channel, transporter or enzyme is the function left, not an operational response");

    public static IReadOnlyList<TargetDefinition> All { get; } =
    [
        new(MechanismNames.Targets.Nmda, TargetKind.Function, [Cells.Sst, Cells.Pyr, Cells.Pv], 0, NotOperational, null,
            "fraction of NMDA receptor current not blocked (1 − channel-blocker occupancy); glutamate is not modelled as a competitor because ketamine blocks the open channel (uncompetitive)"),
        new(MechanismNames.Targets.Mor, TargetKind.Receptor, [Cells.Sst, Cells.Pv], DefaultTau, TauAssumption,
            new EndogenousLigand("opioid peptides (enkephalins, β-endorphin)", 0.1, Provenance.Assume(
                "a modest endogenous opioid tone: 10% of MOR occupied at rest, so the default mor-gated hypothesis has tone to gate (system.md §3) and naltrexone can remove it; no direct measurement in prefrontal cortex")),
            "MOR Gi/o signalling relative to a full agonist at saturation (operational model), endogenous opioid tone included"),
        new(MechanismNames.Targets.Kor, TargetKind.Receptor, [Cells.Sst], DefaultTau, TauAssumption, null,
            "KOR Gi/o signalling relative to a full agonist at saturation; drug-driven only (dynorphin tone not modelled)"),
        new(MechanismNames.Targets.Rxfp3, TargetKind.Receptor, [Cells.Sst], DefaultTau, TauAssumption, null,
            "RXFP3 Gi/o signalling relative to a full agonist at saturation; drug-driven only (relaxin-3 tone not modelled)"),
        new(MechanismNames.Targets.Prokr2, TargetKind.Receptor, [Cells.Sst], DefaultTau, TauAssumption,
            new EndogenousLigand("prokineticin 2", 0.1, Provenance.Assume(
                "a modest prokineticin tone: 10% of PROKR2 occupied at rest, so an antagonist lowers Gq drive below baseline (system.md §3); no measurement available")),
            "PROKR2 Gq signalling relative to a full agonist at saturation, endogenous prokineticin tone included"),
        new(MechanismNames.Targets.Sert, TargetKind.Function, [Cells.Raphe], 0, NotOperational, null,
            "fraction of serotonin transport not inhibited (1 − inhibitor occupancy), on serotonergic (raphe) neurons"),
        new(MechanismNames.Targets.Ht1a, TargetKind.Receptor, [Cells.Raphe, Cells.Pyr], DefaultTau, TauAssumption,
            new EndogenousLigand("serotonin", 0.2, Provenance.Assume(
                "5-HT1A autoreceptors are tonically activated (antagonists raise raphe firing in awake animals): 20% occupied at rest"),
                MechanismNames.SerotoninRel),
            "5-HT1A Gi/o signalling relative to a full agonist at saturation; serotonin tone at its baseline level unless serotonin_extracellular_rel exists when targets contribute (it does not at stage 10: the serotonin layer uses TargetsModule.ActivationAtEndogenousLevel)"),
        new(MechanismNames.Targets.TrkB, TargetKind.Receptor, [Cells.Pyr], DefaultTau, TauAssumption, null,
            "TrkB activation by DRUGS only, relative to a full agonist at saturation (0 without a TrkB-binding drug); BDNF's own TrkB activation belongs to the plasticity layer"),
        new(MechanismNames.Targets.Mglur5, TargetKind.Receptor, [Cells.Pyr], DefaultTau, TauAssumption, null,
            "mGluR5 activation by drugs relative to a full agonist at saturation; glutamate tone is not modelled here (surface mGluR5 is the plasticity layer's)"),
        new(MechanismNames.Targets.Mtorc1, TargetKind.Function, [Cells.Pyr], 0, NotOperational, null,
            "fraction of mTORC1 kinase capacity not inhibited (1 − inhibitor occupancy); the plasticity layer multiplies its mTORC1 activity by it"),
    ];

    public static TargetDefinition Get(string target) => All.FirstOrDefault(t => t.Name == target)
        ?? throw new ArgumentException($"Unknown target '{target}'; allowed: {string.Join(", ", All.Select(t => t.Name))}.");
}
