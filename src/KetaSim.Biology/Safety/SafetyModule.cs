using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using static KetaSim.Biology.Safety.SafetyParameters;

namespace KetaSim.Biology.Safety;

/// <summary>
/// Side effects of the rapid-acting antidepressants (system.md §7), read straight from plasma
/// concentrations and never through the SST/MOR node, so naltrexone or a MOR knockout leaves them unchanged:
/// <list type="bullet">
/// <item>blood pressure and heart rate: an indirect sympathomimetic effect, linear in the S-equivalent
/// ketamine concentration (S + w_R·R) over the subanaesthetic range;</item>
/// <item>dissociation (CADSS 0-92): linear above a soft threshold in S + w_R·R (R weighted less), times a
/// tolerance factor 1/(1 + T) where T builds with exposure and decays over ~2 weeks;</item>
/// <item>sedation (MOAA/S 5 → 0): additive (Greco-type) interaction of ketamine and midazolam in units
/// of their C50, through a Hill function;</item>
/// <item>abuse liability: "drug high" (0-100) as an Emax function of S-ketamine (Simons 2022, C50 ≈ 71 ng/mL).</item>
/// </list>
/// Whenever the mechanism is on in a human model the observables exist (at the patient's baseline with no
/// relevant drug), so the dose-hold rule and reports can always read blood pressure. Mouse models get nothing:
/// these are clinical scales. See docs/model/safety.md.
/// </summary>
public sealed class SafetyModule : IMechanismModule
{
    public string Key => "safety-v1";
    public int Stage => MechanismStages.Safety;

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Species != Species.Human) return;

        var inputs = SafetyInputs.From(b);

        // Patient attributes.
        var sbp0 = b.Parameter(BaselineSystolic, 125, "mmHg", Provenance.Assume("typical treated adult; set per patient (dose-hold rule reads it)"), "Baseline (pre-treatment) systolic blood pressure");
        var dbp0 = b.Parameter(BaselineDiastolic, 80, "mmHg", Provenance.Assume("typical adult; set per patient"), "Baseline diastolic blood pressure");
        var hr0 = b.Parameter(BaselineHeartRate, 72, "1/min", Provenance.Assume("typical resting adult; set per patient"), "Baseline heart rate");
        var cadss0 = b.Parameter(BaselineCadss, 0, "1", Provenance.Assume("drug-free CADSS taken as 0; set per patient if a pre-dose score is known"), "Pre-treatment CADSS score");
        var cadssSens = b.Parameter(CadssSensitivity, 1, "1", Provenance.Assume("typical patient = 1; log-normal between patients in the safety cohort (SmallCohort)"), "Patient multiplier on the drug-induced CADSS rise");
        var sedSens = b.Parameter(SedationSensitivity, 1, "1", Provenance.Assume("typical patient = 1; log-normal between patients in the safety cohort (SmallCohort)"), "Patient multiplier on ketamine's sedative potency");

        if (!inputs.HasAnyDrug)
        {
            b.Observe(MechanismNames.SystolicMmHg, "mmHg", sbp0, "Systolic blood pressure (no sympathomimetic drug in the model: baseline)");
            b.Observe(MechanismNames.DiastolicMmHg, "mmHg", dbp0, "Diastolic blood pressure (baseline)");
            b.Observe(MechanismNames.HeartRateBpm, "1/min", hr0, "Heart rate (baseline)");
            b.Observe(MechanismNames.Cadss, "1", cadss0, "CADSS dissociation score (baseline)");
            b.Observe(MechanismNames.Moaas, "1", 5.0, "MOAA/S sedation score (5 = awake)");
            b.Observe(MechanismNames.DrugLiking, "1", 0.0, "Drug liking / drug high, 0-100");
            return;
        }

        // ---- Blood pressure and heart rate: indirect sympathomimetic, linear in S + w_R·R.
        var wSys = b.Parameter(SystemicRWeight, 0.5, "1", Provenance.Assume(
            "R-ketamine counted at half the potency of S-ketamine for the sympathomimetic effect (no enantiomer-specific haemodynamic " +
            "concentration-effect data in parameters.md; S is 2-4× more potent for anaesthesia and at MOR, Hirota 1999); with 0.5 SAFE-1 (racemic) " +
            "and SAFE-3 (S only) both fall inside their bands (SAFE-1 and SAFE-3 peaks alone would need a weight of 0.3-1.0)"),
            "Weight of R-ketamine in the S-equivalent concentration driving blood pressure and heart rate");
        var kSbp = b.Parameter(SystolicSlope, 16.0 / 136.0, "mmHg/(ng/mL)", Provenance.Calibrated(
            "SAFE-1/Systolic: +16 mmHg at the end of 0.5 mg/kg over 40 min, where S + 0.5·R ≈ 136 ng/mL (venous)"),
            "Systolic rise per ng/mL S-equivalent ketamine");
        var kDbp = b.Parameter(DiastolicSlope, 11.0 / 136.0, "mmHg/(ng/mL)", Provenance.Calibrated("SAFE-1/Diastolic: +11 mmHg at the same exposure"),
            "Diastolic rise per ng/mL S-equivalent ketamine");
        var kHr = b.Parameter(HeartRateSlope, 0.05, "(1/min)/(ng/mL)", Provenance.Assume(
            "subanaesthetic ketamine raises heart rate modestly (~+5-10%): +7/min at the end of a 0.5 mg/kg infusion; not a calibration target"),
            "Heart-rate rise per ng/mL S-equivalent ketamine");
        Expr cSys = inputs.SEquivalent(wSys);
        b.Observe(BpExposureObservable, "ng/mL", cSys, "S-equivalent ketamine (S + w_R·R, venous/plasma) driving blood pressure and heart rate");
        b.Observe(MechanismNames.SystolicMmHg, "mmHg", sbp0 + kSbp * cSys, "Systolic blood pressure");
        b.Observe(MechanismNames.DiastolicMmHg, "mmHg", dbp0 + kDbp * cSys, "Diastolic blood pressure");
        b.Observe(MechanismNames.HeartRateBpm, "1/min", hr0 + kHr * cSys, "Heart rate");

        // ---- Dissociation: soft-threshold linear in S + w_R·R, with slow tolerance across sessions.
        var wCns = b.Parameter(CnsRWeight, 0.25, "1", Provenance.Assume(
            "R-ketamine is weakly psychotomimetic (Vollenweider 1997) and 3-4× less potent as an anaesthetic; weight ≈ its NMDA affinity " +
            "relative to S (Ki 0.30 / 1.4 µM, Ebert 1997)"),
            "Weight of R-ketamine in the S-equivalent concentration driving dissociation and sedation");
        var slope = b.Parameter(CadssSlope, 0.095, "1/(ng/mL)", Provenance.Calibrated(
            "SAFE-5 (typical-patient slope, with the cohort's log-normal spread: 61% / 69% with CADSS > 4 at 56 / 84 mg)"),
            "CADSS points per ng/mL S-equivalent above the threshold (typical patient)");
        var c0 = b.Parameter(CadssThreshold, 30, "ng/mL", Provenance.Assume(
            "soft threshold: Bowdle 1998 saw effects rise linearly over 50-200 ng/mL racemic (≈ 30-120 ng/mL S-equivalent) and little below; " +
            "makes CADSS near baseline 2 h after an IV infusion (SAFE-4)"), "Half-on concentration of the dissociation threshold gate");
        var nGate = b.Parameter(CadssThresholdHill, 4, "1", Provenance.Assume("steep gate: the response is linear above ~2× threshold"), "Hill exponent of the threshold gate");
        var cadssMax = b.Parameter(CadssMax, 92, "1", Provenance.Cite("CADSS: 23 items scored 0-4 (maximum 92)"), "Scale maximum of the CADSS");
        var kTol = b.Parameter(ToleranceBuild, 0.05, "1/h", Provenance.Calibrated(
            "SAFE-6 (monotone decline of dissociation incidence over twice-weekly sessions); magnitude an assumption: the typical peak CADSS falls ~30% by the 8th twice-weekly session"),
            "Build-up of dissociation tolerance per hour at 100 ng/mL S-equivalent");
        var tauTol = b.Parameter(ToleranceTimeConstant, 14 * 24, "h", Provenance.Calibrated(
            "SAFE-6: system.md says tolerance fades over ~1-2 weeks; with a time constant below ~12 days the tolerance before a session " +
            "after a 4-day gap falls below that before the previous one (3-day gap), and twice-weekly incidence is no longer monotone"),
            "Time constant of dissociation tolerance decay");
        var tol = b.State(ToleranceState, "1", "Dissociation tolerance across sessions (0 drug-naive)");
        Expr cDiss = inputs.SEquivalent(wCns);
        b.Rate(tol, kTol * (cDiss / 100.0) - tol / tauTol);
        b.Observe(DissociationExposureObservable, "ng/mL", cDiss, "S-equivalent ketamine driving dissociation and sedation (S + w_R·R)");
        Expr toleranceFactor = 1.0 / (1.0 + tol);
        b.Observe(DissociationToleranceFactorObservable, "1", toleranceFactor, "Fraction of the drug-naive dissociative response left by tolerance, 1/(1 + T)");
        Expr raw = cadssSens * slope * cDiss * Expr.Hill(cDiss, c0, nGate) * toleranceFactor;
        Expr total = cadss0 + raw;
        // Smooth minimum of the score and the scale maximum (p = 4): linear well below 92, never above it.
        b.Observe(MechanismNames.Cadss, "1", total / Expr.Pow(1.0 + Expr.Pow(total / cadssMax, 4.0), 0.25), "CADSS dissociation score (0-92)");

        // ---- Sedation: ketamine and midazolam additive in units of their C50 (Greco/Minto-type response surface).
        var c50Sed = b.Parameter(SedationC50, 84, "ng/mL", Provenance.Calibrated(
            "SAFE-7 (50% / 61% with MOAA/S ≤ 3 at esketamine 56 / 84 mg, with the cohort's log-normal spread of sensitivity)"),
            "S-equivalent ketamine concentration for half-maximal sedation (typical patient)");
        var nSed = b.Parameter(SedationHill, 2, "1", Provenance.Assume("sigmoid sedation response (typical of hypnotic Emax models, γ 2-4)"), "Hill exponent of sedation");
        Expr u = sedSens * cDiss / c50Sed;
        if (inputs.Midazolam is { } mdz)
        {
            var c50Mdz = b.Parameter(MidazolamSedationC50, 100, "ng/mL", Provenance.Assume(
                "midazolam plasma concentration for half-maximal sedation on the MOAA/S ≈ 100 ng/mL (order of published sedation EC50s, 50-200 ng/mL); " +
                "a 0.045 mg/kg active placebo (~30-40 ng/mL) then gives light sedation"),
                "Midazolam concentration for half-maximal sedation");
            u += mdz / c50Mdz;
        }
        var depth = Expr.Hill(u, 1.0, nSed);
        b.Observe(SedationDepthObservable, "1", depth, "Sedation depth 0 (awake) to 1 (unresponsive)");
        b.Observe(MechanismNames.Moaas, "1", 5.0 * (1.0 - depth), "MOAA/S (5 = awake and responsive ... 0 = no response to painful stimulus), continuous");

        // ---- Abuse liability: drug high on S-ketamine only.
        var c50High = b.Parameter(DrugHighC50, 71, "ng/mL", Provenance.Cite("Simons et al. 2022, Front Pain Res 3:946487: S-ketamine drug-high C50 0.3 nmol/mL ≈ 71 ng/mL"),
            "S-ketamine concentration for half-maximal drug high");
        var nHigh = b.Parameter(DrugHighHill, 2, "1", Provenance.Assume("sigmoid Emax (Simons 2022 used a sigmoid Emax model; exponent not in parameters.md)"), "Hill exponent of drug high");
        Expr sOnly = inputs.SKetamine ?? 0.0;
        b.Observe(MechanismNames.DrugLiking, "1", 100.0 * Expr.Hill(sOnly, c50High, nHigh), "Drug high / liking, 0-100 (abuse-liability index; S-ketamine only)");
    }
}
