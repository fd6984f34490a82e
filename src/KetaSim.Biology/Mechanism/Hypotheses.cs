namespace KetaSim.Biology.Mechanism;

/// <summary>
/// The named, switchable mechanism hypotheses (system.md §3). The evidence conflicts, so the same
/// scenario run under each is one of the product's core comparisons.
/// </summary>
public static class Hypotheses
{
    /// <summary>NMDA block on SST interneurons alone drives the disinhibition.</summary>
    public const string NmdaDisinhibition = "nmda-disinhibition";

    /// <summary>Default (2026 mouse work): MOR signalling on SST cells is required for the NMDA-driven effect.</summary>
    public const string MorGated = "mor-gated";

    /// <summary>Ketamine's own MOR agonism acts directly on SST cells (needs tens of µM).</summary>
    public const string DirectMor = "direct-mor";

    public const string Default = MorGated;

    public static IReadOnlyList<string> All { get; } = [NmdaDisinhibition, MorGated, DirectMor];

    public static bool IsKnown(string name) => All.Contains(name);
}
