using KetaSim.Biology.Compounds;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Targets;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using static KetaSim.Biology.Safety.SafetyParameters;

namespace KetaSim.Biology.Safety;

/// <summary>
/// Side effects of the rapid-acting antidepressants (system.md §7), driven by what each moiety does rather
/// than by which drug it is, so a user's compound gets the side effects its data imply:
/// <list type="bullet">
/// <item>blood pressure and heart rate: an indirect sympathomimetic effect, linear in the S-ketamine-equivalent
/// sympathomimetic exposure Σ potency_i·C_i (unbound µM; potency per ligand in the compound library's
/// <c>safety</c> block: S-ketamine 1, R-ketamine 0.5, none for the rest). Never through the SST/MOR node;</item>
/// <item>dissociation (CADSS 0-92): an NMDA-antagonist class effect, linear above a soft threshold in the cortical
/// NMDA block odds B = occ/(1 − occ) from the targets layer's <c>occupancy_NMDA</c> (every NMDA blocker present,
/// each by its Ki), times a tolerance factor 1/(1 + T). Not MOR-dependent (naltrexone and MOR@SST knockouts leave it alone);</item>
/// <item>sedation (MOAA/S 5 → 0): additive (Greco-type) interaction in units of each driver's half-maximal value:
/// NMDA block, midazolam plasma (GABA-A is not a target), and MOR agonism above the endogenous baseline;</item>
/// <item>abuse liability (drug liking 0-100): the same additive form over NMDA block (anchored on the S-ketamine
/// drug-high C50 of 71 ng/mL, Simons 2022) and MOR agonism above baseline (assumed potency).</item>
/// </list>
/// MOR agonism is read at receptor level (drug binding as the targets layer bound it, endogenous opioid tone at
/// baseline, before any cell's expression): the MOR populations behind reward and opioid sedation are not the
/// prefrontal SST cells, so a MOR@SST knockout changes no safety scale. Whenever the mechanism is on in a human
/// model the observables exist (at the patient's baseline with no relevant drug), so the dose-hold rule and
/// reports can always read blood pressure. Mouse models get nothing: these are clinical scales. See docs/model/safety.md.
/// </summary>
public sealed class SafetyModule : IMechanismModule
{
    public string Key => "safety-v2@" + CompoundLibrary.Active.Fingerprint;
    public int Stage => MechanismStages.Safety;

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Species != Species.Human) return;

        var inputs = SafetyInputs.From(b, context, CompoundLibrary.Active);

        // Patient attributes.
        var sbp0 = b.Parameter(BaselineSystolic, 125, "mmHg", Provenance.Assume("typical treated adult; set per patient (dose-hold rule reads it)"), "Baseline (pre-treatment) systolic blood pressure", PlausibleRange.Of(90, 180, "resting adults, from low-normal to the uncontrolled hypertension the dose-hold rule guards against"));
        var dbp0 = b.Parameter(BaselineDiastolic, 80, "mmHg", Provenance.Assume("typical adult; set per patient"), "Baseline diastolic blood pressure", PlausibleRange.Of(50, 110, "resting adults, from low-normal to uncontrolled hypertension"));
        var hr0 = b.Parameter(BaselineHeartRate, 72, "1/min", Provenance.Assume("typical resting adult; set per patient"), "Baseline heart rate", PlausibleRange.Of(45, 110, "resting adults"));
        var cadss0 = b.Parameter(BaselineCadss, 0, "1", Provenance.Assume("drug-free CADSS taken as 0; set per patient if a pre-dose score is known"), "Pre-treatment CADSS score", PlausibleRange.Of(0, 92, "the CADSS scale (0-92)"));
        var cadssSens = b.Parameter(CadssSensitivity, 1, "1", Provenance.Assume("typical patient = 1; log-normal between patients in the safety cohort (SmallCohort)"), "Patient multiplier on the drug-induced CADSS rise");
        var sedSens = b.Parameter(SedationSensitivity, 1, "1", Provenance.Assume("typical patient = 1; log-normal between patients in the safety cohort (SmallCohort)"), "Patient multiplier on the sedative potency of NMDA block");

        // ---- Blood pressure and heart rate: indirect sympathomimetic, linear in Σ potency_i · C_i (µM unbound).
        if (inputs.Sympathomimetic is { } cSys)
        {
            var kSbp = b.Parameter(SystolicSlope, SbpSlopeValue, "mmHg/uM", Provenance.Calibrated(
                $"SAFE-1/Systolic: +16 mmHg at the end of 0.5 mg/kg over 40 min, where the sympathomimetic exposure (unbound S + 0.5·R, arterial-equivalent) peaks at {IvPeakSympathomimeticUm:F3} µM"),
                "Systolic rise per µM S-ketamine-equivalent sympathomimetic exposure");
            var kDbp = b.Parameter(DiastolicSlope, DbpSlopeValue, "mmHg/uM", Provenance.Calibrated("SAFE-1/Diastolic: +11 mmHg at the same exposure"),
                "Diastolic rise per µM S-ketamine-equivalent sympathomimetic exposure");
            var kHr = b.Parameter(HeartRateSlope, HrSlopeValue, "(1/min)/uM", Provenance.Assume(
                "subanaesthetic ketamine raises heart rate modestly (~+5-10%): +7/min at the end of a 0.5 mg/kg infusion; not a calibration target"),
                "Heart-rate rise per µM S-ketamine-equivalent sympathomimetic exposure");
            b.Observe(SympathomimeticExposureObservable, "uM", cSys, "S-ketamine-equivalent sympathomimetic exposure: Σ potency × unbound concentration over moieties with a library safety block");
            b.Observe(MechanismNames.SystolicMmHg, "mmHg", sbp0 + kSbp * cSys, "Systolic blood pressure");
            b.Observe(MechanismNames.DiastolicMmHg, "mmHg", dbp0 + kDbp * cSys, "Diastolic blood pressure");
            b.Observe(MechanismNames.HeartRateBpm, "1/min", hr0 + kHr * cSys, "Heart rate");
        }
        else
        {
            const string none = "no moiety with a known sympathomimetic action (library safety block) in the model: baseline";
            b.Observe(MechanismNames.SystolicMmHg, "mmHg", sbp0, $"Systolic blood pressure ({none})");
            b.Observe(MechanismNames.DiastolicMmHg, "mmHg", dbp0, $"Diastolic blood pressure ({none})");
            b.Observe(MechanismNames.HeartRateBpm, "1/min", hr0, $"Heart rate ({none})");
        }

        // ---- NMDA block (cortical, from the targets layer): odds B = Σ w_i·occ_i / (1 − occupancy_NMDA) = Σ w_i·(C_i/Ki_i)^n_i,
        // w_i the ligand's weight in the central side effects (library safety.nmda_cns_weight; 1 unless the data say otherwise).
        Expr? block = null;
        string nmda = MechanismNames.Targets.Nmda;
        if (inputs.NmdaLigands.Any(l => l.Value > 0))
        {
            Expr free = 1.0 - b.GetObservable(MechanismNames.Occupancy(nmda)).Definition;
            Expr weighted = 0.0;
            foreach (var (ligand, weight) in inputs.NmdaLigands)
                if (weight > 0) weighted += weight * b.GetObservable(TargetsModule.LigandOccupancy(nmda, ligand)).Definition;
            block = weighted / free;
            b.Observe(NmdaBlockOddsObservable, "1", block,
                "Cortical NMDA block odds Σ w_i·occupancy_NMDA_i/(1 − occupancy_NMDA) (w_i: library nmda_cns_weight, 0 for norketamine): unbound S-ketamine-equivalent concentration in units of S-ketamine's Ki (0.30 µM)");
        }

        // ---- MOR agonism above the endogenous baseline, at receptor level (no cell expression): ΔA.
        Expr? morAgonism = null;
        if (inputs.BindsMor)
        {
            string mor = MechanismNames.Targets.Mor;
            morAgonism = TargetsModule.ActivationAtEndogenousLevel(b, mor, 1.0) - b.GetParameter(TargetsModule.BaselineActivation(mor));
            b.Observe(MorAgonismObservable, "1", morAgonism,
                "MOR activation above the untreated brain's (receptor level, endogenous opioid tone at baseline, before cell expression); negative under an antagonist");
        }

        // ---- Dissociation: soft-threshold linear in B, with slow tolerance across sessions.
        var slope = b.Parameter(CadssSlope, CadssSlopeValue, "1", Provenance.Calibrated(
            "SAFE-5 (typical-patient slope, with the cohort's log-normal spread: 61% / 69% with CADSS > 4 at 56 / 84 mg)"),
            "CADSS points per unit of NMDA block odds above the threshold (typical patient)");
        var b0 = b.Parameter(CadssThreshold, CadssThresholdValue, "1", Provenance.Assume(
            "soft threshold: Bowdle 1998 saw psychedelic effects rise linearly over 50-200 ng/mL racemic plasma ketamine and little below; " +
            "makes CADSS near baseline 2 h after an IV infusion (SAFE-4). B = 0.2 is 17% NMDA block (≈ 0.06 µM unbound S-ketamine, ≈ 26 ng/mL in plasma)"),
            "Half-on NMDA block odds of the dissociation threshold gate");
        var nGate = b.Parameter(CadssThresholdHill, 4, "1", Provenance.Assume("steep gate: the response is linear above ~2× threshold"), "Hill exponent of the threshold gate");
        var cadssMax = b.Parameter(CadssMax, 92, "1", Provenance.Cite("CADSS: 23 items scored 0-4 (maximum 92)"), "Scale maximum of the CADSS", PlausibleRange.Of(92, 92, "fixed by the scale: 23 items × 4"));
        var kTol = b.Parameter(ToleranceBuild, ToleranceBuildValue, "1/h", Provenance.Calibrated(
            "SAFE-6 (monotone decline of dissociation incidence over twice-weekly sessions); magnitude an assumption: the typical peak CADSS falls ~30% by the 8th twice-weekly session"),
            "Build-up of dissociation tolerance per hour per unit of NMDA block odds");
        var tauTol = b.Parameter(ToleranceTimeConstant, 14 * 24, "h", Provenance.Calibrated(
            "SAFE-6: system.md says tolerance fades over ~1-2 weeks; with a time constant below ~12 days the tolerance before a session " +
            "after a 4-day gap falls below that before the previous one (3-day gap), and twice-weekly incidence is no longer monotone"),
            "Time constant of dissociation tolerance decay");
        var tol = b.State(ToleranceState, "1", "Dissociation tolerance across sessions (0 drug-naive)");
        Expr toleranceFactor = 1.0 / (1.0 + tol);
        b.Observe(DissociationToleranceFactorObservable, "1", toleranceFactor, "Fraction of the drug-naive dissociative response left by tolerance, 1/(1 + T)");
        if (block is not null)
        {
            b.Rate(tol, kTol * block - tol / tauTol);
            Expr raw = cadssSens * slope * block * Expr.Hill(block, b0, nGate) * toleranceFactor;
            Expr total = cadss0 + raw;
            // Smooth minimum of the score and the scale maximum (p = 4): linear well below 92, never above it.
            b.Observe(MechanismNames.Cadss, "1", total / Expr.Pow(1.0 + Expr.Pow(total / cadssMax, 4.0), 0.25), "CADSS dissociation score (0-92), from cortical NMDA block");
        }
        else
        {
            b.Rate(tol, -tol / tauTol);
            b.Observe(MechanismNames.Cadss, "1", cadss0, "CADSS dissociation score (no NMDA blocker in the model: baseline)");
        }

        // ---- Sedation: NMDA block, midazolam and MOR agonism additive in units of their half-maximal values.
        var c50Sed = b.Parameter(SedationC50, SedationC50Value, "1", Provenance.Calibrated(
            "SAFE-7 (50% / 61% with MOAA/S ≤ 3 at esketamine 56 / 84 mg, with the cohort's log-normal spread of sensitivity)"),
            "NMDA block odds for half-maximal sedation (typical patient)");
        var nSed = b.Parameter(SedationHill, 2, "1", Provenance.Assume("sigmoid sedation response (typical of hypnotic Emax models, γ 2-4)"), "Hill exponent of sedation");
        Expr u = 0.0;
        if (block is not null) u += sedSens * block / c50Sed;
        if (inputs.Midazolam is { } mdz)
        {
            var c50Mdz = b.Parameter(MidazolamSedationC50, 100, "ng/mL", Provenance.Assume(
                "midazolam plasma concentration for half-maximal sedation on the MOAA/S ≈ 100 ng/mL (order of published sedation EC50s, 50-200 ng/mL); " +
                "a 0.045 mg/kg active placebo (~30-40 ng/mL) then gives light sedation"),
                "Midazolam concentration for half-maximal sedation");
            u += mdz / c50Mdz;
        }
        if (morAgonism is not null)
        {
            var a50Sed = b.Parameter(MorSedationA50, 0.7, "1", Provenance.Assume(
                "opioid sedation: MOR agonism above baseline ΔA = 0.7 alone gives half-maximal sedation depth (MOAA/S 2.5). With τ = 3 a full agonist at " +
                "saturation reaches ΔA ≈ 0.69 and at half occupancy ≈ 0.52 (MOAA/S ≈ 3.2): opioids alone are unreliable hypnotics, and analgesic doses " +
                "sedate lightly. No opioid sedation data in parameters.md; check against an opioid with known MOAA/S before relying on it"),
                "MOR agonism above baseline for half-maximal sedation (alone)");
            u += ReceptorPharmacology.BindingRatio(morAgonism, a50Sed, 1.0); // ΔA/A50 when positive, 0 when an antagonist lowers MOR tone
        }
        var depth = Expr.Hill(u, 1.0, nSed);
        b.Observe(SedationDepthObservable, "1", depth, "Sedation depth 0 (awake) to 1 (unresponsive)");
        b.Observe(MechanismNames.Moaas, "1", 5.0 * (1.0 - depth), "MOAA/S (5 = awake and responsive ... 0 = no response to painful stimulus), continuous");

        // ---- Abuse liability: NMDA-antagonist liking (Simons 2022 anchor) and MOR-agonist liking, additive.
        var c50High = b.Parameter(DrugHighC50, 71, "ng/mL", Provenance.Cite("Simons et al. 2022, Front Pain Res 3:946487: S-ketamine drug-high C50 0.3 nmol/mL ≈ 71 ng/mL"),
            "S-ketamine plasma concentration for half-maximal drug high (the anchor of NMDA-antagonist liking)");
        var fuHigh = b.Parameter(DrugHighUnboundFraction, 0.55, "1", Provenance.Cite("Spravato label: esketamine plasma unbound fraction ≈ 0.55 (as esk_fu)"),
            "Unbound fraction carrying the plasma drug-high C50 to the unbound brain concentration (Kp,uu 1)");
        var kiHigh = b.Parameter(DrugHighReferenceKi, 0.30, "uM", Provenance.Cite("Ebert et al. 1997, Eur J Pharmacol 333:99 (esketamine Ki 0.30 µM, as ki_NMDA_s_ketamine)"),
            "S-ketamine NMDA Ki carrying the drug-high C50 to NMDA block odds");
        var b50High = b.Derived(DrugHighC50Odds, c50High * fuHigh / MolarMass.Ketamine / kiHigh, "1",
            "NMDA block odds of half-maximal drug high: the Simons C50 as unbound µM over the S-ketamine Ki (71 ng/mL → 0.55)");
        var nHigh = b.Parameter(DrugHighHill, 2, "1", Provenance.Assume("sigmoid Emax (Simons 2022 used a sigmoid Emax model; exponent not in parameters.md)"), "Hill exponent of drug high");
        Expr uHigh = 0.0;
        if (block is not null) uHigh += block / b50High;
        if (morAgonism is not null)
        {
            var a50High = b.Parameter(MorLikingA50, 0.3, "1", Provenance.Assume(
                "MOR-agonist liking: ΔA = 0.3 above baseline alone gives half-maximal drug liking, so a full agonist at half occupancy (ΔA ≈ 0.52) gives ≈ 75/100, " +
                "the order of peak drug liking of oxycodone or morphine in human abuse-potential studies; liking appears below sedating doses (A50 below the sedation A50 of 0.7). " +
                "No opioid drug-liking concentration-effect data in parameters.md: an assumed weight, to be replaced with a fitted one"),
                "MOR agonism above baseline for half-maximal drug liking (alone)");
            uHigh += ReceptorPharmacology.BindingRatio(morAgonism, a50High, 1.0);
        }
        b.Observe(MechanismNames.DrugLiking, "1", 100.0 * Expr.Hill(uHigh, 1.0, nHigh),
            "Drug high / liking, 0-100 (abuse-liability index: NMDA block anchored on S-ketamine's drug-high C50, plus MOR agonism above baseline)");
    }

    // Calibrated values (docs/model/safety.md gives the runs they come from).
    internal const double IvPeakSympathomimeticUm = 0.3374;
    internal const double SbpSlopeValue = 16.0 / IvPeakSympathomimeticUm;
    internal const double DbpSlopeValue = 11.0 / IvPeakSympathomimeticUm;
    internal const double HrSlopeValue = 7.0 / IvPeakSympathomimeticUm;
    internal const double CadssSlopeValue = 12.5;
    internal const double CadssThresholdValue = 0.231;
    internal const double ToleranceBuildValue = 0.068;
    internal const double SedationC50Value = 0.65;
}
