namespace KetaSim.Biology.Dosing;

/// <summary>
/// A NONMEM-style dose record: an amount given at <see cref="TimeHours"/>, repeated
/// <see cref="AdditionalDoses"/> more times every <see cref="IntervalHours"/> (ADDL/II), entering after
/// <see cref="LagHours"/> (ALAG), scaled by <see cref="Bioavailability"/> (F), as an infusion when
/// <see cref="RateMgPerHour"/> or <see cref="DurationHours"/> is set.
/// </summary>
public sealed record DoseRecord
{
    public required string Compound { get; init; }
    public required Route Route { get; init; }
    public required DoseAmount Amount { get; init; }
    public double TimeHours { get; init; }

    /// <summary>Infusion rate (NONMEM RATE), mg/h; mutually exclusive with <see cref="DurationHours"/>.</summary>
    public double? RateMgPerHour { get; init; }

    /// <summary>Infusion duration (NONMEM D), h.</summary>
    public double? DurationHours { get; init; }

    /// <summary>Dosing interval (NONMEM II), h; needed when <see cref="AdditionalDoses"/> &gt; 0.</summary>
    public double IntervalHours { get; init; }

    /// <summary>Number of repeats after the first dose (NONMEM ADDL).</summary>
    public int AdditionalDoses { get; init; }

    /// <summary>Absorption lag (NONMEM ALAG), h.</summary>
    public double LagHours { get; init; }

    /// <summary>Fraction of the amount that enters (NONMEM F), in (0, 1]; the model's own first pass acts on top.</summary>
    public double Bioavailability { get; init; } = 1.0;

    /// <summary>
    /// A medication the patient has taken since long before t = 0 (e.g. the oral antidepressant they have just failed):
    /// the run first gives it alone, at this record's dose and interval, for <see cref="Scenarios.ContinuedMedication.PreRunHours"/>
    /// before t = 0, so it is at steady state at t = 0, and the record itself continues it from <see cref="TimeHours"/>.
    /// </summary>
    public bool Continued { get; init; }
}
