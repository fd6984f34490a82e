namespace KetaSim.Design.Combination;

/// <summary>Which part of the search produced a point.</summary>
public enum ComboStage
{
    /// <summary>A compound alone (its dose–effect curve, or the bisection for its solo target dose).</summary>
    Solo,
    /// <summary>The Latin hypercube over the log-dose box.</summary>
    Sample,
    /// <summary>A point on a mixture ray while solving for the target (the last one of each ray lies on the isobole).</summary>
    Isobole,
    /// <summary>A ray solve around the best isobole point.</summary>
    Refine,
    /// <summary>Beyond the isobole along the best rays (more effect for more burden: the upper part of the Pareto front).</summary>
    Front,
}

/// <summary>
/// One evaluated dose vector and what the analysis says of it. Fractions are dose ÷ solo effective dose (the dose of
/// that compound alone reaching the target); where the compound alone never reaches the target in its range the
/// fraction is dose ÷ range top, an upper bound (<see cref="FractionIsBound"/>).
/// </summary>
public sealed record ComboPoint(int Index, ComboStage Stage, double[] Doses, double Effect, double[] BurdenValues, double[] Harms, double Burden, bool Reaches)
{
    public double[] Fractions { get; init; } = [];
    public bool[] FractionIsBound { get; init; } = [];

    /// <summary>Loewe combination index Σ dᵢ/Dᵢ(E) at this point's own effect E: an interval when some Dᵢ lies beyond the range (then
    /// <see cref="CiLow"/> counts those terms as 0 and <see cref="CiHigh"/> as dᵢ ÷ range top); NaN where the point has no drug effect.</summary>
    public double CiLow { get; init; } = double.NaN;
    public double CiHigh { get; init; } = double.NaN;

    /// <summary>Bliss excess: observed fractional effect minus 1 − Π(1 − fᵢ) of the compounds' solo effects at these doses.</summary>
    public double BlissExcess { get; init; } = double.NaN;

    /// <summary>True when CI and Bliss come from solo runs at exactly this point's effect and doses; false: interpolated on the solo curves.</summary>
    public bool Exact { get; init; }

    public bool OnPareto { get; init; }
}

/// <summary>One compound alone: its dose–effect curve, and the dose reaching the target (or the best it reaches in the range).</summary>
public sealed record SoloResult(ComboCompound Compound, DoseEffectCurve Curve, bool Reached, double EffectiveDose, double BestEffect, double BestDose,
    IReadOnlyList<int> PointIndices);

/// <summary>The comparator (ketamine alone, say), evaluated on the same patient or cohort.</summary>
public sealed record ComboReference(string Label, ComboOutcome Outcome)
{
    public double[] Harms { get; init; } = [];
    public double Burden { get; init; }
}

/// <summary>The answer to the low-dose question, component by component.</summary>
public sealed record ComboVerdict(bool TargetReached, bool LowDoseReached, int? LowDosePoint, IReadOnlyList<(string Metric, double Combination, double Reference, bool Lower)> Components, string Text);

/// <summary>Everything the combination designer found.</summary>
public sealed record ComboResult(
    ComboProblem Problem,
    ComboSettings Settings,
    ComboOutcome DrugFree,
    IReadOnlyList<SoloResult> Solo,
    IReadOnlyList<ComboPoint> Points,
    IReadOnlyList<int> Pareto,
    int? Best,
    int BestReachable,
    double MaxEffect,
    string MaxEffectSource,
    ComboReference? Reference,
    ComboVerdict Verdict)
{
    public ComboPoint? BestPoint => Best is { } b ? Points[b] : null;
}
