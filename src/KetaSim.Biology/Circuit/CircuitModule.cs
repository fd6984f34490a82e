using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Plasticity;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using static KetaSim.Biology.Circuit.MechanismExpr;
using T = KetaSim.Biology.Mechanism.MechanismNames.Targets;

namespace KetaSim.Biology.Circuit;

/// <summary>
/// The prefrontal microcircuit (system.md §3): layer-5 pyramidal cells (Pyr) and the somatostatin
/// interneurons (SST) that inhibit their dendrites, as two threshold-linear firing-rate populations,
///   r = I_p − w_ps·s      (Pyr)
///   s = I_s + w_sp·r      (SST, excited by local Pyr)
/// with rates relative to the healthy, untreated level (1). The fixed point is solved in closed form
/// (<see cref="CircuitMode.QuasiSteadyState"/>), or the same equations run as ODEs with tens-of-ms time
/// constants (<see cref="CircuitMode.Dynamic"/>). See docs/model/circuit.md.
/// </summary>
public sealed class CircuitModule : IMechanismModule
{
    public string Key => "circuit-v1";
    public int Stage => MechanismStages.Circuit;

    /// <summary>Observable: the drug-driven change of Pyr output at the current synaptic state (drives BDNF release).</summary>
    public const string GlutamateBurst = "glutamate_burst";
    /// <summary>Observable: fractional reduction of the SST drive after adaptation (0 untreated).</summary>
    public const string SstDriveReduction = "sst_drive_reduction";
    public const string AdaptationState = "sst_adaptation";
    public const string PyrDeviationState = "pyr_rate_deviation";
    public const string SstDeviationState = "sst_rate_deviation";
    /// <summary>Derived: the patient's own untreated Pyr rate (stressed level).</summary>
    public const string UntreatedPyr = "circuit_untreated_pyr_rate";

    private const double RateEpsilon = 0.01;

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        var nmdaSst = Activation(b, T.Nmda, Cells.Sst);
        if (nmdaSst is null) return; // no targets layer: nothing drives the circuit
        var nmdaPyr = Activation(b, T.Nmda, Cells.Pyr);
        var morSst = Activation(b, T.Mor, Cells.Sst);
        var rxfp3Sst = Activation(b, T.Rxfp3, Cells.Sst);
        var prokr2Sst = Activation(b, T.Prokr2, Cells.Sst);

        var stress = StressSeverity(b);
        var wPsHealthy = b.Parameter("circuit_w_sst_to_pyr", 1.0, "1", Provenance.Assume(
            "normalisation: SST inhibition removes half of the healthy Pyr drive (I_p = 2 at rate 1), inside the range of dendrite-targeting inhibition in L5 models"), "SST→Pyr inhibitory weight, healthy");
        var bouton = b.Parameter("circuit_sst_bouton_gain", 0.5, "1", Provenance.Assume(
            "chronic stress enlarges SST boutons and strengthens dendritic inhibition (system.md §3); +50% at full severity puts stressed Pyr output at ~0.4 of healthy"), "Fractional strengthening of SST→Pyr inhibition at stress severity 1");
        var wSp = b.Parameter("circuit_w_pyr_to_sst", 0.3, "1", Provenance.Assume(
            "SST cells receive facilitating local Pyr input; a modest loop weight keeps the 2×2 system well inside stability"), "Pyr→SST excitatory weight");
        var nmdaShareSst = b.Parameter("circuit_nmda_share_sst", 0.6, "1", Provenance.Assume(
            "SST interneurons depend strongly on GluN2B-NMDA drive (system.md §2-3); 60% of their excitatory drive is NMDA-dependent"), "Share of SST excitatory drive carried by NMDA receptors");
        var nmdaSharePyr = b.Parameter("circuit_nmda_share_pyr", 0.1, "1", Provenance.Assume(
            "NMDA on Pyr at lower weight than on interneurons (system.md §2); 10% of Pyr drive lost per unit block"), "Share of Pyr excitatory drive lost per unit NMDA block on Pyr");
        var wGiMor = b.Parameter("circuit_gi_weight_mor", 0.5, "1", Provenance.Assume(
            "Gi/o (GIRK, less release) per unit MOR activation above the untreated tone, as a fraction of SST drive: the endogenous tone (activation ≈ 0.31) then carries ~15% of SST suppression, so removing it (naltrexone) changes SST modestly; same scale for the three GPCRs"), "SST drive removed per unit MOR activation (Gi)");
        var wGiRx = b.Parameter("circuit_gi_weight_rxfp3", 0.5, "1", Provenance.Assume(
            "RXFP3 couples to Gi/o (BJP 2014); same scale as MOR"), "SST drive removed per unit RXFP3 activation (Gi)");
        var wGqPk = b.Parameter("circuit_gq_weight_prokr2", 0.5, "1", Provenance.Assume(
            "PROKR2 couples to Gq (raises excitability); antagonism below the endogenous tone lowers SST output; same scale as MOR"), "SST drive added per unit PROKR2 activation (Gq)");
        var tauAdapt = b.Parameter("circuit_adaptation_tau_h", 0.25, "h", Provenance.Calibrated(
            "MECH-1 (reactivation 10-30 min): a 12-min adaptation of SST excitability to its lost drive (receptor desensitisation/homeostasis) ends the window while ketamine is still present"), "Time constant of SST adaptation to a change of its drive");
        var gainAdapt = b.Parameter("circuit_adaptation_gain", 0.7, "1", Provenance.Calibrated(
            "MECH-1: adaptation recovers 70% of a sustained change of SST drive, so the Pyr rise is a transient"), "Fraction of a sustained SST drive change that adaptation cancels");

        // The NMDA-driven suppression of SST, as the hypothesis has it.
        Expr blockSst = UntreatedParameter(b, "circuit_untreated_activation_NMDA_SST", nmdaSst, "1", "NMDA function on SST without drug") - nmdaSst;
        Expr gate = context.Settings.Hypothesis switch
        {
            Hypotheses.NmdaDisinhibition => 1.0,
            Hypotheses.DirectMor => 0.0,
            _ => MorGate(b, morSst ?? throw new InvalidOperationException(
                "The mor-gated hypothesis needs activation_MOR_SST from the targets layer.")),
        };
        Expr u = nmdaShareSst * blockSst * gate;
        if (morSst is not null)
        {
            Expr excess = morSst - UntreatedParameter(b, "circuit_untreated_activation_MOR_SST", morSst, "1", "MOR activation on SST without drug (endogenous tone × expression)");
            u += wGiMor * excess * (1.0 - Desensitisation(b, "MOR", excess));
        }
        if (rxfp3Sst is not null)
        {
            Expr excess = rxfp3Sst - UntreatedParameter(b, "circuit_untreated_activation_RXFP3_SST", rxfp3Sst, "1", "RXFP3 activation on SST without drug");
            u += wGiRx * excess * (1.0 - Desensitisation(b, "RXFP3", excess));
        }
        if (prokr2Sst is not null) u -= wGqPk * (prokr2Sst - UntreatedParameter(b, "circuit_untreated_activation_PROKR2_SST", prokr2Sst, "1", "PROKR2 activation on SST without drug (endogenous prokineticin tone)"));

        // Slow adaptation: SST excitability follows its lost drive over minutes and cancels part of it.
        var adapt = b.State(AdaptationState, "1", "SST adaptation to the change of its drive (0 untreated)");
        b.Rate(adapt, (u - adapt) / tauAdapt);
        Expr uEff = u - gainAdapt * adapt;
        b.Observe(SstDriveReduction, "1", uEff, "Fractional reduction of SST excitatory drive after adaptation (0 untreated)");

        // Inputs and weights. Spine density (the plasticity layer's state) scales the excitatory drive to Pyr.
        var wPs = b.Derived("circuit_w_sst_to_pyr_patient", wPsHealthy * (1.0 + bouton * stress), "1", "SST→Pyr weight in this patient (stress strengthens it)");
        var iS0 = b.Derived("circuit_sst_input_healthy", 1.0 - wSp, "1", "SST external drive giving rates 1 in the healthy circuit");
        var iP0 = b.Derived("circuit_pyr_input_healthy", 1.0 + wPsHealthy, "1", "Pyr excitatory drive giving rates 1 in the healthy circuit");
        var den = b.Derived("circuit_loop_denominator", 1.0 + wPs * wSp, "1", "1 + w_ps·w_sp (> 1: the loop is stable)");
        Expr density = SpineDensity.Density(b);
        Expr blockPyr = nmdaPyr is null ? 0.0
            : UntreatedParameter(b, "circuit_untreated_activation_NMDA_Pyr", nmdaPyr, "1", "NMDA function on Pyr without drug") - nmdaPyr;
        Expr iS = iS0 * (1.0 - uEff);
        Expr iP = iP0 * density * (1.0 - nmdaSharePyr * blockPyr);

        var rUntreated = b.Derived(UntreatedPyr, (iP0 * SpineDensity.SetPoint(b) - wPs * iS0) / den, "1", "Pyr rate of this patient without treatment (stressed level)");
        var sUntreated = b.Derived("circuit_untreated_sst_rate", iS0 + wSp * rUntreated, "1", "SST rate of this patient without treatment");

        Expr r, s;
        if (context.Settings.CircuitMode == CircuitMode.Dynamic)
        {
            var tauPyr = b.Parameter("circuit_tau_pyr_h", 0.02 / 3600, "h", Provenance.Assume("pyramidal population time constant ~20 ms"), "Pyr rate time constant");
            var tauSst = b.Parameter("circuit_tau_sst_h", 0.01 / 3600, "h", Provenance.Assume("SST population time constant ~10 ms"), "SST rate time constant");
            var dr = b.State(PyrDeviationState, "1", "Pyr rate minus its untreated level");
            var ds = b.State(SstDeviationState, "1", "SST rate minus its untreated level");
            r = rUntreated + dr;
            s = sUntreated + ds;
            b.Rate(dr, (iP - wPs * s - r) / tauPyr);
            b.Rate(ds, (iS + wSp * r - s) / tauSst);
        }
        else
        {
            r = (iP - wPs * iS) / den;
            s = iS + wSp * r;
        }

        b.Observe(MechanismNames.PyrRateRel, "1", SoftPlus(r, RateEpsilon), "Layer-5 pyramidal output relative to healthy untreated (1)");
        b.Observe(MechanismNames.SstRateRel, "1", SoftPlus(s, RateEpsilon), "SST interneuron output relative to healthy untreated (1)");
        b.Observe(MechanismNames.PyrReactivation, "1", SoftPlus(r, RateEpsilon) - SoftPlus(rUntreated, RateEpsilon),
            "Pyr output above the patient's own untreated (stressed) level");
        // The glutamate burst: the drug-driven part of the Pyr change at today's spine density (the
        // disinhibition net of the NMDA block on Pyr itself), rectified. Excluding the spine-driven part
        // keeps spines from feeding their own formation (no runaway loop).
        Expr rAtDensityUntreated = (iP0 * density - wPs * iS0) / den;
        b.Observe(GlutamateBurst, "1", Rectify(r - rAtDensityUntreated, 0.005), "Drug-driven rise of Pyr output (rectified): the glutamate burst");
    }

    /// <summary>
    /// Tolerance of a Gi-coupled receptor on SST cells under repeated agonism (system.md §3; issue: the combination
    /// compounds): agonist activation above the endogenous tone phosphorylates and internalises the receptor
    /// (GRK/β-arrestin), removing a fraction D of the agonist's extra signal; D recovers over days without agonist.
    /// The endogenous tone itself (and so the MOR gate) is not desensitised: D acts on the drug's excess only.
    /// </summary>
    private static Expr Desensitisation(ModelBuilder b, string target, Expr excess)
    {
        var kDes = GetOrAdd(b, "circuit_gpcr_desensitisation_per_activation_h", 0.05, "1/h", Provenance.Assume(
            "MOR and other Gi-coupled GPCRs desensitise within hours of sustained agonism and tolerance to repeated daily agonist doses builds over days (Williams et al. 2013, Pharmacol Rev 65:223); 5%/h per unit activation above tone makes one low dose lose a few percent and daily dosing about half"),
            "Desensitisation rate per unit agonist activation above the endogenous tone");
        var tauRes = GetOrAdd(b, "circuit_gpcr_resensitisation_days", 3.0, "d", Provenance.Assume(
            "receptor function recovers over days after agonist exposure stops (resensitisation and new receptors; Williams et al. 2013)"),
            "Recovery time constant of GPCR desensitisation");
        var d = b.State($"circuit_desensitisation_{target}_SST", "1", $"Fraction of the agonist signal at {target} on SST lost to desensitisation (0 untreated)");
        b.Rate(d, kDes * NonNegative(excess, 1e-3) * (1.0 - d) - d / (tauRes * 24.0));
        b.Observe($"desensitisation_{target}_SST", "1", d, $"Fraction of the agonist signal at {target} on SST lost to desensitisation (tolerance)");
        return d;
    }

    /// <summary>
    /// mor-gated: the NMDA-driven suppression of SST needs MOR signalling on SST. The gate saturates at a
    /// small fraction of the endogenous tone (a receptor reserve), so a near-complete antagonist
    /// occupancy leaves much of it while deleting the receptor (activation 0) closes it. Normalised to 1
    /// at the reference endogenous tone (expression 1, no drug). Needs a non-zero endogenous MOR tone in the
    /// targets layer (it has one: 10% occupancy); with none, the gate would have nothing to normalise to.
    /// </summary>
    private static Expr MorGate(ModelBuilder b, Expr morSst)
    {
        var kRel = b.Parameter("circuit_mor_gate_half_rel", 0.003, "1", Provenance.Assume(
            "large receptor reserve for the gating: half-maximal at 0.3% of the endogenous MOR tone, so naltrexone 50 mg (~99% MOR occupancy, ~1.4% of the tone left) keeps ~80% of the gate and attenuates the effect partly (human trials: large block to none; fMRS ~28%, system.md §3) while deletion (activation 0) abolishes it"),
            "MOR activation giving half the gate, relative to the endogenous tone");
        var expr = MechanismNames.Expression(T.Mor, Cells.Sst);
        var fixedExpression = new Dictionary<string, double> { [expr] = 1.0 };
        Expr tone = UntreatedParameter(b, "circuit_reference_activation_MOR_SST", morSst, "1", "Endogenous MOR activation on SST with the receptor expressed (reference)", fixedExpression);
        var k = b.Derived("circuit_mor_gate_half", kRel * tone + 1e-9, "1", "MOR activation giving half the gate");
        var norm = b.Derived("circuit_mor_gate_norm", (tone + k) / (tone + 1e-12), "1", "Makes the gate 1 at the endogenous tone");
        Expr g = norm * morSst / (morSst + k);
        b.Observe("mor_gate", "1", g, "MOR-dependent gate of the NMDA-driven SST suppression (1 at endogenous tone)");
        return g;
    }
}
