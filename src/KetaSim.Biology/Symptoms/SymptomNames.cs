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
}
