using System.Globalization;

namespace KetaSim.Modeling;

/// <summary>
/// The values a parameter can plausibly take, in its own unit, with the basis for the bounds: what the
/// literature spans (a published between-subject variability, a physical bound such as a fraction in
/// [0, 1]) or, where nothing is stated, the default rule for the parameter's provenance kind
/// (<see cref="ForProvenance"/>). A parameter override outside it is outside the model's validity domain
/// (docs/validity.md); the run still happens.
/// </summary>
public sealed record PlausibleRange
{
    /// <summary>z of the 95th percentile of a standard normal: the 5th-95th percentile interval is ±1.645 ω.</summary>
    public const double Z90 = 1.6448536269514722;

    /// <summary>Default rule for a value from a publication: × 0.67 to × 1.5.</summary>
    public const double CitedFactor = 1.5;

    /// <summary>Default rule for a value fitted to calibration targets: × 0.5 to × 2.</summary>
    public const double CalibratedFactor = 2;

    /// <summary>Default rule for an assumption: × 0.25 to × 4.</summary>
    public const double AssumedFactor = 4;

    public double Low { get; }
    public double High { get; }

    /// <summary>Where the bounds come from (a citation, a physical bound, or the default rule).</summary>
    public string Basis { get; }

    /// <summary>True when the bounds come from the default rule for the provenance kind, not from a stated range.</summary>
    public bool IsDefaultRule { get; }

    private PlausibleRange(double low, double high, string basis, bool isDefaultRule)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
            throw new ArgumentException($"A plausible range needs finite bounds with low <= high, got [{low}, {high}].");
        if (string.IsNullOrWhiteSpace(basis)) throw new ArgumentException("A plausible range needs its basis.");
        Low = low;
        High = high;
        Basis = basis.Trim();
        IsDefaultRule = isDefaultRule;
    }

    /// <summary>A stated range [low, high] in the parameter's unit, with its basis (citation or reason).</summary>
    public static PlausibleRange Of(double low, double high, string basis) => new(low, high, basis, isDefaultRule: false);

    /// <summary>A fraction or probability: [0, 1].</summary>
    public static PlausibleRange Fraction(string basis = "a fraction") => new(0, 1, basis, isDefaultRule: false);

    /// <summary>
    /// The 5th-95th percentile of a log-normal between-subject distribution, typical × exp(±1.645 ω) with
    /// ω = sqrt(ln(1 + CV²)) (the convention of data/populations/*.yaml).
    /// </summary>
    public static PlausibleRange LogNormalCv(double typical, double cv, string source)
    {
        double omega = Math.Sqrt(Math.Log(1 + cv * cv));
        double a = typical * Math.Exp(-Z90 * omega), b = typical * Math.Exp(Z90 * omega);
        return new(Math.Min(a, b), Math.Max(a, b), $"5th-95th percentile of between-subject variability (CV {Percent(cv)}): {source}", isDefaultRule: false);
    }

    /// <summary>The 5th-95th percentile of a logit-normal between-subject distribution of a fraction (SD on the logit scale).</summary>
    public static PlausibleRange LogitSd(double typical, double sd, string source)
    {
        double logit = Math.Log(typical / (1 - typical));
        double Inv(double x) => 1 / (1 + Math.Exp(-x));
        return new(Inv(logit - Z90 * sd), Inv(logit + Z90 * sd),
            $"5th-95th percentile of between-subject variability (logit SD {sd.ToString("G3", CultureInfo.InvariantCulture)}): {source}", isDefaultRule: false);
    }

    /// <summary>
    /// The default rule where no range is stated: value × 1/f to × f, with f = 1.5 for a cited value, 2 for a
    /// calibrated one and 4 for an assumption (docs/validity.md explains the choice). A value of 0 has no scale:
    /// its range is [0, 0] unless one is stated. Derived parameters have no range of their own.
    /// </summary>
    public static PlausibleRange ForProvenance(double value, ProvenanceKind kind)
    {
        double f = kind switch
        {
            ProvenanceKind.Citation => CitedFactor,
            ProvenanceKind.Calibrated => CalibratedFactor,
            _ => AssumedFactor,
        };
        double a = value / f, b = value * f;
        string rule = kind switch
        {
            ProvenanceKind.Citation => "default rule for a cited value: × 0.67 to × 1.5",
            ProvenanceKind.Calibrated => "default rule for a calibrated value: × 0.5 to × 2",
            _ => "default rule for an assumption: × 0.25 to × 4",
        };
        return new(Math.Min(a, b), Math.Max(a, b), rule, isDefaultRule: true);
    }

    /// <summary>True when <paramref name="value"/> lies inside the range, with a relative slack of 1e-9 for round-off.</summary>
    public bool Contains(double value)
    {
        double slack = 1e-9 * Math.Max(Math.Abs(Low), Math.Abs(High));
        return value >= Low - slack && value <= High + slack;
    }

    /// <summary>"low to high" with four significant digits.</summary>
    public string Bounds => $"{Format(Low)} to {Format(High)}";

    public override string ToString() => $"{Bounds} ({Basis})";

    public static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double cv) => (100 * cv).ToString("G3", CultureInfo.InvariantCulture) + "%";
}
