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

    // Haemodynamics (driver: Σ sympathomimetic potency × unbound concentration, µM S-ketamine-equivalent; potencies per ligand in the compound library).
    public const string SystolicSlope = "safety_sbp_slope";
    public const string DiastolicSlope = "safety_dbp_slope";
    public const string HeartRateSlope = "safety_hr_slope";

    // Dissociation (driver: cortical NMDA block odds B = occupancy_NMDA / (1 − occupancy_NMDA)).
    public const string CadssSlope = "safety_cadss_slope";
    public const string CadssThreshold = "safety_cadss_threshold_block_odds";
    public const string CadssThresholdHill = "safety_cadss_threshold_hill";
    public const string CadssMax = "safety_cadss_max";
    public const string ToleranceBuild = "safety_tolerance_build";
    public const string ToleranceTimeConstant = "safety_tolerance_tau_h";

    // Sedation.
    /// <summary>NMDA block odds for half-maximal sedation (typical patient).</summary>
    public const string SedationC50 = "safety_sedation_c50_block_odds";
    public const string SedationHill = "safety_sedation_hill";
    public const string MidazolamSedationC50 = "safety_midazolam_sedation_c50_ng_per_ml";
    /// <summary>MOR agonism above baseline (ΔA) that alone gives half-maximal sedation.</summary>
    public const string MorSedationA50 = "safety_mor_sedation_a50";

    // Abuse liability.
    /// <summary>S-ketamine plasma concentration of half-maximal drug high (Simons 2022), the anchor of the NMDA part.</summary>
    public const string DrugHighC50 = "safety_drug_high_c50_ng_per_ml";
    /// <summary>Unbound fraction of S-ketamine in plasma used to carry the plasma anchor to the brain.</summary>
    public const string DrugHighUnboundFraction = "safety_drug_high_fu";
    /// <summary>S-ketamine NMDA Ki (µM) used to carry the anchor to block odds.</summary>
    public const string DrugHighReferenceKi = "safety_drug_high_reference_ki_um";
    /// <summary>Derived: NMDA block odds of half-maximal drug high.</summary>
    public const string DrugHighC50Odds = "safety_drug_high_c50_block_odds";
    public const string DrugHighHill = "safety_drug_high_hill";
    /// <summary>MOR agonism above baseline (ΔA) that alone gives half-maximal drug liking.</summary>
    public const string MorLikingA50 = "safety_mor_liking_a50";

    /// <summary>The dissociation tolerance state (dimensionless; 0 in a drug-naive patient).</summary>
    public const string ToleranceState = "safety_dissociation_tolerance";

    /// <summary>Extra observables of the layer (besides the <see cref="Mechanism.MechanismNames"/> safety ones).</summary>
    public const string SympathomimeticExposureObservable = "safety_sympathomimetic_exposure_um";
    public const string NmdaBlockOddsObservable = "safety_nmda_block_odds";
    public const string MorAgonismObservable = "safety_mor_agonism";
    public const string SedationDepthObservable = "sedation_depth";
    public const string DissociationToleranceFactorObservable = "cadss_tolerance_factor";
}
