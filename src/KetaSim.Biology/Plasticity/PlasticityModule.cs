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
    public const string NascentSpineState = "spine_nascent";
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
        var formationGain = b.Parameter("spine_formation_gain", mouse ? 36.0 : 36.0 * 5.0 / 3.5, "1", mouse
            ? Provenance.Calibrated("MECH-4 (spines up by 24 h) and CLIN-1/6/7 (slow component)")
            : Provenance.Calibrated("36 × 5/3.5: the formation rate per unit protein calibrated on MECH-4 and CLIN-1/6/7 with a 3.5-d lifetime, kept when the human lifetime became 5 d (CLIN-2/3)"), "Spine formation above basal per unit synaptic protein excess (relative to basal formation)");
        var tauSpine = b.Parameter("spine_lifetime_days", mouse ? 8.0 : 5.0, "d", mouse
            ? Provenance.Calibrated("MECH-4: new spines still elevated at 7 d, back toward the stressed level by 14-21 d (mouse)")
            : Provenance.Calibrated("CLIN-2/3: response and remission one week after a single infusion (Han 2016), within CLIN-4's 'gone by days 10-12' and CLIN-7's day-8 effect after two doses"),
            "Mean lifetime of a spine at the stress-set elimination rate (new spines decay with it)");
        // Formation is stated at the species' reference lifetime and does not change with a patient's own lifetime
        // (population variability on spine_lifetime_days): k_e·g·(τ/τ_ref) = g/τ_ref per unit protein, so a longer-lived
        // patient keeps new spines longer without forming more of them.
        var tauReference = b.Parameter("spine_lifetime_reference_days", mouse ? 8.0 : 5.0, "d", Provenance.Assume(
            "the typical lifetime at which spine_formation_gain is stated; not a biological quantity (formation per unit protein = gain / reference lifetime)"),
            "Lifetime at which the formation gain is stated");
        var tauMature = b.Parameter("spine_maturation_tau_h", 8.0, "h", Provenance.Assume(
            "new spines become persistent (counted by imaging) over hours: ketamine-induced formation is detectable at 12-24 h, not within the first hours (Moda-Sava 2019; Li 2010)"),
            "Time for a newly formed spine to become persistent");
        var kInternal = b.Parameter("mglur5_internalisation_per_trkb", 2.0, "1/h", Provenance.Assume(
            "TrkB activity removes some mGluR5 from the membrane within hours (second 2026 study); ~25% internalised after a single dose"), "mGluR5 internalisation rate per unit TrkB excess");
        var tauMglur5 = b.Parameter("mglur5_recovery_days", 5.0, "d", Provenance.Assume(
            "membrane mGluR5 recovers over days (2026 maintenance study: consolidation by repeated doses within a week)"), "Recovery time constant of surface mGluR5");
        var protection = b.Parameter("mglur5_weakening_share", 0.8, "1", Provenance.Assume(
            "share of spine elimination (later synaptic weakening) that runs through surface mGluR5 (mGluR5-LTD)"), "Fraction of spine elimination removed when all mGluR5 is internalised");

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

        // mGluR5 internalisation by TrkB activity; slows later synapse weakening.
        var internalised = b.State(Mglur5InternalState, "1", "Fraction of mGluR5 taken off the membrane");
        b.Rate(internalised, kInternal * Rectify(trkb, 0.01) * (1.0 - internalised) - internalised / (tauMglur5 * 24.0));
        b.Observe(MechanismNames.Mglur5SurfaceFraction, "1", 1.0 - internalised, "Surface mGluR5 fraction (1 untreated)");

        // Spines: basal formation k_e·D_s balances elimination k_e·D at the stressed set point, so only
        // the excess moves: extra formation from the protein pool (nascent spines that become persistent
        // over hours), and the new spines' elimination (later weakening) slowed in proportion to the
        // mGluR5 taken off the membrane.
        var excess = SpineDensity.Excess(b);
        Expr setPoint = SpineDensity.SetPoint(b);
        var kElim = b.Derived("spine_elimination_rate", 1.0 / (tauSpine * 24.0), "1/h", "Spine elimination rate constant");
        Expr elimFactor = 1.0 - protection * internalised;
        Expr formationExcess = formationGain * (tauSpine / tauReference) * proteinPool;
        var nascent = b.State(NascentSpineState, "1", "Newly formed spines not yet persistent (relative density)");
        b.Rate(nascent, kElim * setPoint * formationExcess - nascent / tauMature);
        b.Rate(excess, nascent / tauMature - kElim * elimFactor * excess);
        b.Observe(MechanismNames.SpineDensityRel, "1", setPoint + excess, "Spine density relative to healthy (1); stressed set point 1 − 0.2·severity");
        b.Observe(MechanismNames.SpineFormationRate, "1", 1.0 + formationExcess, "Spine formation rate relative to basal");
    }
}
