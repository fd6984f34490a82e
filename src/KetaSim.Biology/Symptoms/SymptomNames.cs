namespace KetaSim.Biology.Symptoms;

/// <summary>Names the symptoms layer adds beyond <see cref="Mechanism.MechanismNames"/>.</summary>
public static class SymptomNames
{
    /// <summary>Mouse behavioural score: 1 = stressed (untreated, severity 1), 0 = healthy.</summary>
    public const string StressBehaviourIndex = "stress_behaviour_index";
    /// <summary>Network-state component of the improvement (hours), before the patient's responsiveness.</summary>
    public const string NetworkState = "network_state";
    public const string SerotonergicComponent = "madrs_serotonergic_component";
    /// <summary>MADRS change from baseline (negative = better).</summary>
    public const string MadrsChange = "madrs_change";
    /// <summary>MADRS before the 0-60 guard (MECH-8).</summary>
    public const string MadrsUnclamped = "madrs_unclamped";
    /// <summary>Share of symptoms relieved by the drug-driven network and spine change (0-1).</summary>
    public const string DrugReliefFraction = "madrs_drug_relief_fraction";
    /// <summary>Expectancy built by contacts with care, sessions' worth.</summary>
    public const string Expectancy = "placebo_expectancy_level";
    /// <summary>Expectancy relief drive (before the patient's placebo responsiveness).</summary>
    public const string ExpectancyDrive = "placebo_expectancy_drive";
}
