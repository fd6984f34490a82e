using KetaSim.Biology.Circuit;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using static KetaSim.Biology.Circuit.MechanismExpr;
using T = KetaSim.Biology.Mechanism.MechanismNames.Targets;

namespace KetaSim.Biology.Plasticity;

/// <summary>
/// The plasticity cascade (system.md §4): glutamate burst → BDNF release, and NMDA block at rest → less
/// eEF2 phosphorylation → BDNF translation; BDNF → TrkB → mTORC1 (× the mTORC1 activation rapamycin
/// lowers) → synaptic protein pool → spine formation; spines decay at a stress-set elimination rate,
/// slowed while TrkB activity keeps mGluR5 off the membrane. Every state is a deviation from the
/// untreated patient (initial 0). See docs/model/plasticity.md.
/// </summary>
public sealed class PlasticityModule : IMechanismModule
{
    public string Key => "plasticity-v1";
    public int Stage => MechanismStages.Plasticity;

    public const string BdnfExcessState = "bdnf_excess";
    public const string ProteinExcessState = "synaptic_protein_excess";
    public const string Mglur5InternalState = "mglur5_internalised";
    public const string Mglur5DownregulatedState = "mglur5_downregulated";
    public const string Mglur5DownregulatedObservable = "mglur5_downregulated_fraction";
    public const string NascentSpineState = "spine_nascent";
    public const string StableSurvivalState = "spine_stable_survival";
    public const string SpineTransientObservable = "spine_transient_rel";
    public const string SpineConsolidatedObservable = "spine_consolidated_rel";
    public const string ConsolidationSignalObservable = "spine_consolidation_signal";
    public const string StableSurvivalObservable = "spine_stable_cohort_surviving";
    /// <summary>Observable: BDNF-TrkB signal above untreated (0 at rest).</summary>
    public const string TrkBExcess = "trkb_signal_excess";

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        var burst = Observable(b, CircuitModule.GlutamateBurst);
        if (burst is null) return; // no circuit: nothing to drive plasticity
        bool mouse = context.Species == Species.Mouse;

        var kRelease = b.Parameter("bdnf_release_per_burst", 4.0, "1", Provenance.Calibrated(
            "scale of activity-dependent BDNF release per unit Pyr burst; sets the size of the downstream cascade (MECH-4, CLIN-1, CLIN-6)"), "BDNF excess per unit glutamate burst at steady state");
        var kTranslation = b.Parameter("bdnf_translation_per_block", 0.03, "1", Provenance.Assume(
            "eEF2K route (Autry 2011): NMDA block at rest raises BDNF translation; kept small next to release so MOR deletion from SST leaves < 20% of the 24-h effect (MECH-2, 2026 mouse work)"), "BDNF excess per unit NMDA block on Pyr");
        var tauBdnf = b.Parameter("bdnf_tau_h", 0.5, "h", Provenance.Assume(
            "BDNF protein and release rise within 30 min of ketamine (Autry 2011) and fall over about an hour"), "Time constant of the BDNF excess");
        var protein = b.Parameter("mtorc1_protein_tau_h", 3.0, "h", Provenance.Assume(
            "synaptic proteins (PSD-95, GluA1, synapsin) up at 2 h, sustained for hours after ketamine (Li 2010)"), "Time constant of the synaptic protein pool");
        // Formation above basal is k_e·D_s·g·(τ/τ_ref)·P = D_s·g·P/τ_ref at the typical lifetime τ = τ_ref: the human gain is
        // the mouse-calibrated 36 × (5 d / 3.5 d), which keeps the human formation per unit protein of the earlier
        // calibration (CLIN-1/5/6, the early spine contribution to Pyr) while the lifetime was lengthened for CLIN-2/3.
        var formationGain = b.Parameter("spine_formation_gain", mouse ? 36.0 : 36.0 * 4.5 / 3.5, "1", mouse
            ? Provenance.Calibrated("MECH-4 (spines up by 24 h) and CLIN-1/6/7 (slow component)")
            : Provenance.Calibrated("36 × 4.5/3.5: the formation rate per unit protein calibrated on MECH-4 and CLIN-1/6/7 with a 3.5-d lifetime, kept when the human transient lifetime became 4.5 d (CLIN-2/3, CLIN-4)"), "Spine formation above basal per unit synaptic protein excess (relative to basal formation)");
        var tauSpine = b.Parameter("spine_lifetime_days", mouse ? 8.0 : 5.0, "d", mouse
            ? Provenance.Calibrated("MECH-4: new spines still elevated at 7 d, back toward the stressed level by 14-21 d (mouse)")
            : Provenance.Calibrated("CLIN-2/3 (response and remission one week after a single infusion, Han 2016) with CLIN-4 ('gone by days 10-12': 5 d leaves < 20% of the peak at day 11) and CLIN-7 (day-8 effect after two doses)"),
            "Mean lifetime of a transient new spine at the stress-set elimination rate (unless consolidated)");
        // Formation is stated at the species' reference lifetime and does not change with a patient's own lifetime
        // (population variability on spine_lifetime_days): k_e·g·(τ/τ_ref) = g/τ_ref per unit protein, so a longer-lived
        // patient keeps new spines longer without forming more of them.
        var tauReference = b.Parameter("spine_lifetime_reference_days", mouse ? 8.0 : 4.5, "d", Provenance.Assume(
            "the typical lifetime at which spine_formation_gain is stated; not a biological quantity (formation per unit protein = gain / reference lifetime)"),
            "Lifetime at which the formation gain is stated");
        var tauMature = b.Parameter("spine_maturation_tau_h", 8.0, "h", Provenance.Assume(
            "new spines become persistent (counted by imaging) over hours: ketamine-induced formation is detectable at 12-24 h, not within the first hours (Moda-Sava 2019; Li 2010)"),
            "Time for a newly formed spine to become persistent");
        var kInternal = b.Parameter("mglur5_internalisation_per_trkb", 2.0, "1/h", Provenance.Assume(
            "TrkB activity removes some mGluR5 from the membrane within hours (second 2026 study); ~25% internalised after a single dose"), "mGluR5 internalisation rate per unit TrkB excess");
        var tauMglur5 = b.Parameter("mglur5_recovery_days", 5.0, "d", Provenance.Assume(
            "membrane mGluR5 recovers over days (2026 maintenance study: consolidation by repeated doses within a week)"), "Recovery time constant of surface mGluR5");
        var protection = b.Parameter("mglur5_weakening_share", 0.5, "1", Provenance.Assume(
            "share of spine elimination (later synaptic weakening) that runs through surface mGluR5 (mGluR5-LTD); half, the rest through other weakening routes (mGluR5 negative modulators prevent part, not all, of stress-induced synaptic loss)"), "Fraction of spine elimination removed when all mGluR5 is off the membrane");

        // BDNF: release by the burst plus translation when NMDA on Pyr is blocked at rest.
        Expr blockPyr = 0.0;
        if (Activation(b, T.Nmda, Cells.Pyr) is { } nmdaPyr)
            blockPyr = UntreatedParameter(b, "circuit_untreated_activation_NMDA_Pyr", nmdaPyr, "1", "NMDA function on Pyr without drug") - nmdaPyr;
        var bdnf = b.State(BdnfExcessState, "1", "BDNF above untreated (relative)");
        b.Rate(bdnf, (kRelease * burst + kTranslation * blockPyr - bdnf) / tauBdnf);
        b.Observe(MechanismNames.BdnfRel, "1", 1.0 + bdnf, "BDNF relative to untreated");

        // TrkB: BDNF (saturating: receptors and their downstream kinases fill up) plus any drug acting
        // at TrkB (above its untreated activation). The BDNF excess never falls near −K (the burst is rectified).
        var trkbSat = b.Parameter("trkb_saturation_bdnf", 0.25, "1", Provenance.Assume(
            "TrkB signalling saturates: half-maximal extra signal at a 25% BDNF rise; flattens the dose-response, as SYNAPSE's 28-84 mg arms are close at 24 h (Daly 2018)"),
            "BDNF excess at which the extra TrkB signal is half its maximum");
        Expr trkb = bdnf / (1.0 + bdnf / trkbSat);
        if (Activation(b, T.TrkB, Cells.Pyr) is { } trkbDrug)
            trkb += trkbDrug - UntreatedParameter(b, "plasticity_untreated_activation_TrkB_Pyr", trkbDrug, "1", "TrkB activation on Pyr without drug");
        b.Observe(TrkBExcess, "1", trkb, "TrkB signal above untreated");
        b.Observe(MechanismNames.TrkBSignal, "1", 1.0 + trkb, "TrkB signal relative to untreated");

        // mTORC1: the drug-driven TrkB excess passes mTORC1 in proportion to its remaining activity
        // (rapamycin lowers activation_mTORC1_Pyr). Basal formation is taken as mTORC1-independent over the horizon.
        Expr mtorRel = 1.0;
        if (Activation(b, T.Mtorc1, Cells.Pyr) is { } mtor)
        {
            var mtorUntreated = UntreatedParameter(b, "plasticity_reference_activation_mTORC1_Pyr", mtor, "1", "mTORC1 activity without drug",
                new Dictionary<string, double> { [MechanismNames.Expression(T.Mtorc1, Cells.Pyr)] = 1.0 });
            mtorRel = mtor / (mtorUntreated + 1e-12);
        }
        Expr mtorExcess = mtorRel * trkb;
        b.Observe(MechanismNames.Mtorc1Activity, "1", mtorRel * (1.0 + trkb), "mTORC1 activity relative to untreated");

        var proteinPool = b.State(ProteinExcessState, "1", "Synaptic protein pool above untreated (relative)");
        b.Rate(proteinPool, (mtorExcess - proteinPool) / protein);
        b.Observe(MechanismNames.SynapticProteinRel, "1", 1.0 + proteinPool, "Synaptic protein pool relative to untreated");

        // mGluR5 taken off the membrane by TrkB activity; slows later synapse weakening. Two routes back, as for other
        // GPCRs after endocytosis: most internalised receptor recycles to the membrane within days, a share is sorted
        // to lysosomes and degraded, and that part returns only as new receptor is made (weeks). One dose degrades
        // little; sessions repeated faster than resynthesis accumulate a downregulation that outlasts any one of them —
        // the slow memory of a maintenance schedule, lost over weeks after the last session.
        var kDegrade = b.Parameter("mglur5_degradation_rate_per_day", 0.15, "1/d", Provenance.Assume(
            "share of internalised mGluR5 sorted to lysosomes per day (agonist-internalised GPCRs are partly degraded rather than recycled: Marchese 2008 Trends Pharmacol Sci 29:595; ketamine lowers mGluR5 availability in human PET at 24 h, Esterlis 2018 Mol Psychiatry 23:824); small next to recycling (1/5 d), so one dose degrades a few percent"),
            "Rate at which internalised mGluR5 is degraded instead of recycled");
        var tauResynthesis = b.Parameter("mglur5_resynthesis_days", 56.0, "d", Provenance.Assume(
            "degraded receptor is replaced by synthesis and trafficking over weeks; the benefit of a loading series is kept by weekly to every-other-week sessions and fades over weeks to months after stopping (system.md; SUSTAIN-2, Wajs 2020)"),
            "Time constant of restoring degraded mGluR5 by new synthesis");
        var internalised = b.State(Mglur5InternalState, "1", "Fraction of mGluR5 taken off the membrane, recycling");
        var downregulated = b.State(Mglur5DownregulatedState, "1", "Fraction of mGluR5 degraded after internalisation, awaiting resynthesis");
        b.Rate(internalised, kInternal * NonNegative(trkb, 0.001) * (1.0 - internalised - downregulated)
            - internalised / (tauMglur5 * 24.0) - kDegrade / 24.0 * internalised);
        b.Rate(downregulated, kDegrade / 24.0 * internalised - downregulated / (tauResynthesis * 24.0));
        Expr offMembrane = internalised + downregulated;
        b.Observe(MechanismNames.Mglur5SurfaceFraction, "1", 1.0 - offMembrane, "Surface mGluR5 fraction (1 untreated)");
        b.Observe(Mglur5DownregulatedObservable, "1", downregulated, "Fraction of mGluR5 degraded, awaiting resynthesis (0 untreated)");

        // Spines as imaging sees them (MECH-9, MECH-10; docs/model/plasticity.md). Basal formation balances basal
        // elimination at the stressed set point, so only the excess moves. Extra formation from the protein pool fills
        // the room left below the capacity (bounded: density never passes it), makes nascent spines that become
        // persistent over hours, and those are transient: they are lost within days (their elimination slowed in
        // proportion to the mGluR5 taken off the membrane) unless consolidated into the stable pool. Consolidation
        // needs the mGluR5-removal signal to build up (cooperative in it), which one dose barely does and repeated
        // doses inside a few days do. Consolidated spines then erode only slowly under the ongoing stress (weeks to
        // months), again slowed while mGluR5 stays off the membrane: maintenance sessions keep the degraded share up,
        // which keeps both the consolidation signal and the protection through gaps of one to two weeks.
        var transient = SpineDensity.Transient(b);
        var consolidated = SpineDensity.Consolidated(b);
        Expr setPoint = SpineDensity.SetPoint(b);
        var capacity = SpineDensity.Capacity(b);
        var tauConsolidated = b.Parameter("spine_consolidated_lifetime_days", 84.0, "d", Provenance.Calibrated(
            "CLIN-12 (58.2% remission at the end of weekly/every-other-week maintenance among induction responders: the gain held, not lost) with CLIN-13 (improvement sustained as frequency falls to every other week); consolidated new spines in a stressed cortex erode back toward the stressed set point over months, many times a transient spine's lifetime and shorter than a stable spine's year in unstressed cortex (MECH-9). 56 d left CLIN-12 at 52% and lost 15 remission points between week 4 and week 16 of every-other-week maintenance"),
            "Mean lifetime of consolidated new spines above the stressed set point (chronic-stress erosion)");
        var kConsolidate = b.Parameter("spine_consolidation_rate_per_day", 0.3, "1/d", Provenance.Calibrated(
            "CLIN-11 (twice-weekly induction) with CLIN-12/13 (the gain held under weekly to every-other-week maintenance), CLIN-4 (a single dose's effect gone by days 10-12) and MECH-10 (repeated > single at 14 d)"),
            "Rate at which transient spines join the stable pool at full consolidation signal");
        var consolidationHalf = b.Parameter("spine_consolidation_half_mglur5", 0.55, "1", Provenance.Calibrated(
            "CLIN-11 with MECH-10 and CLIN-4: one dose (~20-25% of mGluR5 off the membrane) consolidates little; doses every 3-4 days (internalisation accumulating over its 5-day recycling, degradation over weeks) consolidate much (2026 companion study: TrkB-mGluR5 is the consolidation signal)"),
            "mGluR5 fraction off the membrane (recycling + degraded) giving half the consolidation rate");
        var consolidationHill = b.Parameter("spine_consolidation_hill", 4.0, "1", Provenance.Assume(
            "consolidation needs the signal to build up over repeated doses (a threshold-like, cooperative dependence; Hill 4 with half 0.55 keeps a single dose (~20-25% off the membrane) below 3% of the maximal rate)"),
            "Hill coefficient of consolidation in the mGluR5 fraction off the membrane");
        var tauStable = b.Parameter("spine_stable_turnover_days", 365.0, "d", Provenance.Cite(
            "MECH-9: most adult cortical spines are stable for months, 3-5% turning over per 2 weeks (Grutzendler 2002; Zuo 2005; Holtmaat 2005): 1 − exp(−14/365) = 3.8% per 2 weeks"),
            "Mean lifetime of a stable spine in untreated adult cortex (replaced by basal formation, so density does not change)");

        var kElim = b.Derived("spine_elimination_rate", 1.0 / (tauSpine * 24.0), "1/h", "Transient (new) spine elimination rate constant");
        Expr elimFactor = 1.0 - protection * offMembrane;
        Expr density = setPoint + transient + consolidated;
        var nascent = b.State(NascentSpineState, "1", "Newly formed spines not yet persistent (relative density)");
        // Room below the capacity, 1 at the stressed set point; nascent spines occupy room too, so the total stays bounded.
        // Smoothly rectified (never negative, 0.001 at the capacity): formation stops at the bound instead of reversing;
        // the corner is kept narrow so that slow erosion of consolidated spines (months) cannot let a strong drive settle
        // above the capacity.
        Expr room = SoftPlus((capacity - density - nascent) / SoftPlus(capacity - setPoint, 0.01), 0.002);
        // Formation above basal needs synaptic protein above basal; a pool a hair below it (rectifier ripple) forms nothing.
        Expr formationExcess = formationGain * (tauSpine / tauReference) * NonNegative(proteinPool, 1e-4) * room;
        Expr signal = Expr.Hill(offMembrane, consolidationHalf, consolidationHill);
        Expr consolidation = kConsolidate / 24.0 * signal * transient;
        b.Rate(nascent, kElim * setPoint * formationExcess - nascent / tauMature);
        b.Rate(transient, nascent / tauMature - kElim * elimFactor * transient - consolidation);
        b.Rate(consolidated, consolidation - elimFactor * consolidated / (tauConsolidated * 24.0));
        // A labelled cohort of the stable spines present at t = 0, as repeated imaging follows them (MECH-9).
        var stableSurvival = b.State(StableSurvivalState, "1", "Share of the stable spines present at t = 0 still present", initial: 1.0);
        b.Rate(stableSurvival, -stableSurvival / (tauStable * 24.0));
        b.Observe(MechanismNames.SpineDensityRel, "1", density, "Spine density relative to healthy (1); stressed set point 1 − 0.2·severity");
        b.Observe(SpineTransientObservable, "1", transient, "Transient new spines above the set point (healthy density = 1)");
        b.Observe(SpineConsolidatedObservable, "1", consolidated, "Consolidated new spines above the set point (healthy density = 1)");
        b.Observe(ConsolidationSignalObservable, "1", signal, "Consolidation signal (0-1) from the mGluR5 fraction off the membrane");
        b.Observe(StableSurvivalObservable, "1", stableSurvival, "Share of the stable spines present at t = 0 still present (imaging cohort)");
        b.Observe(MechanismNames.SpineFormationRate, "1", 1.0 + formationExcess, "Spine formation rate relative to basal");
    }
}
