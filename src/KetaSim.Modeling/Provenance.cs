namespace KetaSim.Modeling;

/// <summary>Where a parameter value comes from: a published source, or an assumption with its reason.</summary>
public sealed record Provenance
{
    public ProvenanceKind Kind { get; }
    public string Text { get; }

    private Provenance(ProvenanceKind kind, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("A provenance needs a citation or a reason.");
        Kind = kind;
        Text = text.Trim();
    }

    /// <summary>A value taken from (or computed directly from) a publication.</summary>
    public static Provenance Cite(string citation) => new(ProvenanceKind.Citation, citation);

    /// <summary>A value we chose, with the reason why it is reasonable.</summary>
    public static Provenance Assume(string reason) => new(ProvenanceKind.Assumption, reason);

    /// <summary>A value fitted to named calibration targets.</summary>
    public static Provenance Calibrated(string againstWhat) => new(ProvenanceKind.Calibrated, againstWhat);

    /// <summary>A value computed from other parameters.</summary>
    public static Provenance Derived(string formula) => new(ProvenanceKind.Derived, formula);

    public override string ToString() => Kind switch
    {
        ProvenanceKind.Citation => Text,
        ProvenanceKind.Assumption => "assumption: " + Text,
        ProvenanceKind.Calibrated => "calibrated: " + Text,
        _ => "derived: " + Text,
    };
}

public enum ProvenanceKind { Citation, Assumption, Calibrated, Derived }
