namespace KetaSim.Biology.Validity;

/// <summary>
/// A run that leaves what the calibration covers: a machine code (<see cref="ValidityCodes"/>), a sentence for a
/// reader and, where useful, when it starts. Warnings never change results; they are written beside them
/// (summary.json <c>warnings</c>, stderr "warning:"). docs/validity.md lists every code.
/// </summary>
/// <param name="Code">One of <see cref="ValidityCodes"/>.</param>
/// <param name="Message">What left the domain, with the numbers (value, threshold, time).</param>
public sealed record ValidityWarning(string Code, string Message)
{
    /// <summary>Time the condition starts, h after t = 0; null when it is a property of the whole run.</summary>
    public double? TimeHours { get; init; }

    /// <summary>The parameter a <see cref="ValidityCodes.ParameterOutOfRange"/> warning names.</summary>
    public string? Parameter { get; init; }

    public override string ToString() => Message;
}

/// <summary>The warning codes, one per way of leaving the validity domain (docs/validity.md).</summary>
public static class ValidityCodes
{
    /// <summary>A compound from a user library (or a built-in one a user file replaced): calibrated against nothing.</summary>
    public const string UserCompound = "user-compound";

    /// <summary>An illustrative compound (system.md §8): a stand-in, calibrated against nothing.</summary>
    public const string IllustrativeCompound = "illustrative-compound";

    /// <summary>MADRS at the floor of the scale for more than a day in a row.</summary>
    public const string MadrsFloor = "madrs-floor";

    /// <summary>MADRS at the ceiling of the scale for more than a day in a row.</summary>
    public const string MadrsCeiling = "madrs-ceiling";

    /// <summary>Spine density near the model's bound.</summary>
    public const string SpineNearBound = "spine-density-near-bound";

    /// <summary>A horizon longer than the longest calibrated course.</summary>
    public const string HorizonBeyondCalibration = "horizon-beyond-calibration";

    /// <summary>Ketamine or esketamine sessions more often than the calibrated programmes give them.</summary>
    public const string SessionFrequency = "session-frequency";

    /// <summary>A single session dose above the labelled or studied maximum.</summary>
    public const string DoseAboveStudied = "dose-above-studied-maximum";

    /// <summary>A mouse run: the preclinical model, calibrated on mechanism targets only.</summary>
    public const string Preclinical = "preclinical";

    /// <summary>A parameter override outside the parameter's plausible range.</summary>
    public const string ParameterOutOfRange = "parameter-out-of-range";

    /// <summary>A run with the suicidality outputs: they describe ideation ratings, never a person's risk of suicide.</summary>
    public const string SuicidalityNotRiskPrediction = "suicidality-not-a-risk-prediction";
}

/// <summary>What a trial subject's own trajectory left (the per-subject part of <see cref="ValidityDomain"/>), as bits.</summary>
[Flags]
public enum SubjectValidityFlags
{
    None = 0,
    MadrsFloor = 1,
    MadrsCeiling = 2,
    SpineNearBound = 4,
}
