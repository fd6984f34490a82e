namespace KetaSim.Biology.Symptoms;

/// <summary>Observables of the suicidal-ideation layer (<see cref="SuicidalIdeationModule"/>).</summary>
public static class SuicidalIdeationNames
{
    /// <summary>MADRS item 10, suicidal thoughts, 0-6 points (never above the MADRS total).</summary>
    public const string Item10 = "madrs_item10";
    /// <summary>Item 10 before its bounds (0-6 and the total).</summary>
    public const string Item10Unbounded = "madrs_item10_unbounded";
    /// <summary>Ideation-specific relief drive beyond the total's, log units.</summary>
    public const string Item10Specific = "madrs_item10_specific_relief";
    /// <summary>Clinician-rated severity of suicidality, CGI-SS-r style, 0-6 (continuous; a rating rounds it).</summary>
    public const string CgiSsR = "cgi_ss_r";
}
