namespace KetaSim.Biology.Safety;

/// <summary>
/// Names of the safety layer's parameters (all prefixed <c>safety_</c>). The patient attributes (baseline
/// blood pressure, heart rate, CADSS, and the two sensitivities) are set per subject through
/// <see cref="Scenarios.Scenario.ParameterOverrides"/>; the cohort helper varies the sensitivities.
/// </summary>
public static class SafetyParameters
{
    // Patient attributes.
    public const string BaselineSystolic = "safety_baseline_sbp_mmhg";
    public const string BaselineDiastolic = "safety_baseline_dbp_mmhg";
    public const string BaselineHeartRate = "safety_baseline_hr_bpm";
    public const string BaselineCadss = "safety_baseline_cadss";
    /// <summary>Subject multiplier on the drug-induced CADSS rise (1 typical; log-normal between subjects).</summary>
    public const string CadssSensitivity = "safety_cadss_sensitivity";
    /// <summary>Subject multiplier on the ketamine sedation potency (1 typical; log-normal between subjects).</summary>
    public const string SedationSensitivity = "safety_sedation_sensitivity";

    // Haemodynamics.
    /// <summary>Weight of R-ketamine for the sympathomimetic effects (blood pressure, heart rate).</summary>
    public const string SystemicRWeight = "safety_r_weight_systemic";
    public const string SystolicSlope = "safety_sbp_slope";
    public const string DiastolicSlope = "safety_dbp_slope";
    public const string HeartRateSlope = "safety_hr_slope";

    // Dissociation.
    /// <summary>Weight of R-ketamine for the central effects (dissociation and sedation).</summary>
    public const string CnsRWeight = "safety_r_weight_cns";
    public const string CadssSlope = "safety_cadss_slope";
    public const string CadssThreshold = "safety_cadss_threshold_ng_per_ml";
    public const string CadssThresholdHill = "safety_cadss_threshold_hill";
    public const string CadssMax = "safety_cadss_max";
    public const string ToleranceBuild = "safety_tolerance_build";
    public const string ToleranceTimeConstant = "safety_tolerance_tau_h";

    // Sedation.
    public const string SedationC50 = "safety_sedation_c50_ng_per_ml";
    public const string SedationHill = "safety_sedation_hill";
    public const string MidazolamSedationC50 = "safety_midazolam_sedation_c50_ng_per_ml";

    // Abuse liability.
    public const string DrugHighC50 = "safety_drug_high_c50_ng_per_ml";
    public const string DrugHighHill = "safety_drug_high_hill";

    /// <summary>The dissociation tolerance state (dimensionless; 0 in a drug-naive patient).</summary>
    public const string ToleranceState = "safety_dissociation_tolerance";

    /// <summary>Extra observables of the layer (besides the <see cref="Mechanism.MechanismNames"/> safety ones).</summary>
    public const string BpExposureObservable = "safety_bp_exposure_ng_per_ml";
    public const string DissociationExposureObservable = "safety_dissociation_exposure_ng_per_ml";
    public const string SedationDepthObservable = "sedation_depth";
    public const string DissociationToleranceFactorObservable = "cadss_tolerance_factor";
}
