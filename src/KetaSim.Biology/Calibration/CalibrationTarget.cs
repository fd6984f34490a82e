namespace KetaSim.Biology.Calibration;

/// <summary>
/// One checked number of the calibration targets (data/calibration/targets.yaml, one row). Field names
/// match the YAML keys: id, group, scenario, observable, target, lower, upper, kind, unit, source.
/// </summary>
/// <param name="Id">Target id with sub-id, e.g. "PK-4/28mg/Cmax".</param>
/// <param name="Group">PK, MECH, CLIN or SAFE.</param>
/// <param name="Scenario">The scenario as the table describes it.</param>
/// <param name="Observable">What is measured.</param>
/// <param name="Target">The target as published (text).</param>
/// <param name="Lower">Inclusive lower bound of the tolerance band; null when one-sided or a shape target.</param>
/// <param name="Upper">Inclusive upper bound; null when one-sided or a shape target.</param>
/// <param name="Unit">Unit of the bounds and of the simulated value.</param>
/// <param name="Source">Publication.</param>
/// <param name="Kind">"band" (numeric), or "shape", "ordering", "monotone" (qualitative; no bounds).</param>
public sealed record CalibrationTarget(
    string Id, string Group, string Scenario, string Observable, string Target,
    double? Lower, double? Upper, string Unit, string Source, string Kind = CalibrationTarget.BandKind)
{
    public const string BandKind = "band";

    /// <summary>True for a numeric band (at least one bound).</summary>
    public bool IsBand => Kind == BandKind && (Lower is not null || Upper is not null);

    /// <summary>Whether <paramref name="value"/> lies inside the band (inclusive). False for non-band targets.</summary>
    public bool Contains(double value) =>
        IsBand && double.IsFinite(value) && (Lower is not { } lo || value >= lo) && (Upper is not { } hi || value <= hi);
}

public enum CalibrationStatus { Pass, Fail, Pending }

/// <summary>
/// The outcome of one target: simulated value and verdict, or pending when no evaluator exists yet.
/// Shape, ordering and monotone targets have no single number: <see cref="SimulatedText"/> says what
/// the simulation showed (the measured times and values the verdict rests on).
/// </summary>
public sealed record CalibrationResult(
    string Id, string Observable, string Target, double? Simulated, double? Lower, double? Upper, string Unit, CalibrationStatus Status,
    string Kind = CalibrationTarget.BandKind, string? SimulatedText = null)
{
    public bool Passed => Status == CalibrationStatus.Pass;
}

/// <summary>The verdict of a shape, ordering or monotone check, with the figures it rests on.</summary>
public readonly record struct ShapeVerdict(bool Pass, string Description);
