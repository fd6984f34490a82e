namespace KetaSim.Biology.Mechanism;

/// <summary>
/// The names by which the mechanism layers hand quantities to each other, in causal order. A layer
/// reads only these names from earlier layers; each layer may add more observables of its own.
/// Levels marked "rel" are 1 in a healthy, untreated brain.
/// </summary>
public static class MechanismNames
{
    // Targets (Targets/): drug occupancy 0-1 of a target by all drug ligands; activation 0-1 of a target on a cell
    // (drugs and endogenous tone, × expression: 0 where the receptor is knocked out).
    public static string Occupancy(string target) => $"occupancy_{target}";
    public static string Activation(string target, string cell) => $"activation_{target}_{cell}";

    /// <summary>Target names (system.md §2).</summary>
    public static class Targets
    {
        public const string Nmda = "NMDA", Mor = "MOR", Kor = "KOR", Rxfp3 = "RXFP3", Prokr2 = "PROKR2",
            Sert = "SERT", Ht1a = "HT1A", TrkB = "TrkB", Mglur5 = "mGluR5",
            /// <summary>Intracellular: rapamycin's target (FKBP12-rapamycin inhibition of mTORC1).</summary>
            Mtorc1 = "mTORC1";
        public static IReadOnlyList<string> All { get; } = [Nmda, Mor, Kor, Rxfp3, Prokr2, Sert, Ht1a, TrkB, Mglur5, Mtorc1];
    }

    // Serotonin (Serotonin/): the SSRI comparator chain.
    public const string SerotoninRel = "serotonin_extracellular_rel";
    public const string RapheFiringRel = "raphe_firing_rel";
    public const string AutoreceptorSensitivity = "ht1a_autoreceptor_sensitivity";
    /// <summary>Slow serotonergic drive to plasticity (0 untreated), read by Plasticity/Symptoms.</summary>
    public const string SerotonergicPlasticityDrive = "serotonergic_plasticity_drive";

    // Circuit (Circuit/)
    public const string SstRateRel = "sst_rate_rel";
    public const string PyrRateRel = "pyr_rate_rel";
    /// <summary>Pyr output above the patient's own untreated (stressed) level: the "reactivation".</summary>
    public const string PyrReactivation = "pyr_reactivation";

    // Plasticity (Plasticity/)
    public const string BdnfRel = "bdnf_rel";
    public const string TrkBSignal = "trkb_signal";
    public const string Mtorc1Activity = "mtorc1_activity";
    public const string SynapticProteinRel = "synaptic_protein_rel";
    public const string SpineDensityRel = "spine_density_rel";
    public const string SpineFormationRate = "spine_formation_rate";
    public const string Mglur5SurfaceFraction = "mglur5_surface_fraction";

    // Symptoms (Symptoms/)
    public const string Madrs = "madrs";
    public const string MadrsFast = "madrs_fast_component";
    public const string MadrsSlow = "madrs_slow_component";
    public const string MadrsPlacebo = "madrs_placebo_component";
    public const string Hamd17 = "hamd17";

    // Safety (Safety/)
    public const string SystolicMmHg = "sbp_mmhg";
    public const string DiastolicMmHg = "dbp_mmhg";
    public const string HeartRateBpm = "hr_bpm";
    public const string Cadss = "cadss";
    public const string Moaas = "moaas";
    public const string DrugLiking = "drug_liking";

    /// <summary>Parameters the scenario runner sets from <see cref="PatientState"/> (modules create them with these names).</summary>
    public static class Patient
    {
        public const string StressSeverity = "patient_stress_severity";
        public const string BaselineMadrs = "patient_baseline_madrs";
        public const string Responsiveness = "patient_responsiveness";
        public const string PlaceboResponsiveness = "patient_placebo_responsiveness";
        public const string SerotonergicResponsiveness = "patient_serotonergic_responsiveness";
        public const string TreatmentResistant = "patient_trd";
        /// <summary>MADRS item 10 (suicidal thoughts, 0-6) at baseline.</summary>
        public const string BaselineSuicidalThoughts = "patient_baseline_madrs_item10";
        /// <summary>Expectancy weight of the treatment context: 0 none, set from <see cref="PlaceboKind"/> by the symptoms module's table.</summary>
        public const string PlaceboKindCode = "patient_placebo_kind";
    }

    /// <summary>Expression level (1, or 0 when knocked out) of a target on a cell: a base parameter, so knockouts need no recompile.</summary>
    public static string Expression(string target, string cell) => $"expression_{target}_{cell}";
}
