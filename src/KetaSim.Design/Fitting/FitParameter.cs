namespace KetaSim.Design.Fitting;

/// <summary>
/// One estimated parameter: its name as reported (a local parameter is <c>NAME[experiment]</c>), the model
/// parameter it sets, its unit, its bounds and its starting value, all in the parameter's own unit.
/// </summary>
public sealed record FitParameter(string Label, string Name, string Unit, double Low, double High, double Initial)
{
    /// <summary>The experiment a local parameter belongs to; null for a shared one.</summary>
    public string? Experiment { get; init; }

    /// <summary>Positive bounds: estimated on the log scale.</summary>
    public bool Log => Low > 0;

    public BoundedTransform Transform => new(Low, High, Log);
}

/// <summary>
/// The map from a bounded parameter to the unbounded scale the optimiser works on: z = ln θ (or θ when a bound
/// is not positive), s = (z − z_low)/(z_high − z_low) in (0, 1), u = logit s. Every u is a value inside the
/// bounds, so the optimiser needs no constraints, and a step in u is a relative change of θ in the middle of
/// the range.
/// </summary>
public readonly record struct BoundedTransform(double Low, double High, bool Log)
{
    /// <summary>|u| is kept below this: s within about 1e-13 of the bounds.</summary>
    public const double MaxFree = 30;

    private double ZLow => Log ? Math.Log(Low) : Low;
    private double ZHigh => Log ? Math.Log(High) : High;

    /// <summary>z: the scale the bounds are uniform on (ln θ or θ).</summary>
    public double Z(double value) => Log ? Math.Log(value) : value;

    public double FromZ(double z) => Log ? Math.Exp(z) : z;

    /// <summary>u of a value; values on or beyond a bound are moved inside by <paramref name="margin"/> of the range.</summary>
    public double ToFree(double value, double margin = 1e-9)
    {
        double s = (Z(value) - ZLow) / (ZHigh - ZLow);
        s = Math.Clamp(s, margin, 1 - margin);
        return Math.Clamp(Math.Log(s / (1 - s)), -MaxFree, MaxFree);
    }

    public double ToNatural(double u)
    {
        double s = 1 / (1 + Math.Exp(-Math.Clamp(u, -MaxFree, MaxFree)));
        return Math.Clamp(FromZ(ZLow + s * (ZHigh - ZLow)), Low, High);
    }

    /// <summary>dθ/du at u (the delta method's factor).</summary>
    public double Derivative(double u)
    {
        double s = 1 / (1 + Math.Exp(-Math.Clamp(u, -MaxFree, MaxFree)));
        double dz = (ZHigh - ZLow) * s * (1 - s);
        return Log ? ToNatural(u) * dz : dz;
    }
}
