namespace KetaSim.Design.Combination;

/// <summary>Which way an effect metric improves: a MADRS change falls (lower is better), a responder share rises.</summary>
public enum EffectSense
{
    LowerIsBetter,
    HigherIsBetter,
}

/// <summary>One compound of a combination and the dose range searched for it (in <see cref="DoseUnit"/>, both bounds positive).</summary>
public sealed record ComboCompound(string Name, double MinDose, double MaxDose, string DoseUnit = "mg")
{
    /// <summary>A short label for tables and plots, e.g. the name without an "illustrative-" prefix.</summary>
    public string Label { get; init; } = Name;
}

/// <summary>
/// One side effect counted in the burden: a metric, its weight, and which direction is worse. The harm is the metric's
/// change from the drug-free run in the worse direction (never negative), so a peak CADSS counts its rise and a MOAA/S
/// trough counts its fall below the awake score.
/// </summary>
public sealed record BurdenTerm(string Metric, double Weight, EffectSense Worse = EffectSense.HigherIsBetter)
{
    /// <summary>The harm of <paramref name="value"/> against the drug-free <paramref name="drugFree"/>.</summary>
    public double Harm(double value, double drugFree) =>
        Math.Max(0, Worse == EffectSense.HigherIsBetter ? value - drugFree : drugFree - value);
}

/// <summary>What one dose vector gives: the effect metric and each burden metric (raw values, in the order of the problem's burden terms).</summary>
public sealed record ComboOutcome(double Effect, double[] BurdenValues);

/// <summary>
/// A combination design problem, independent of how outcomes are computed: compounds with dose ranges, a function from
/// a dose vector to the effect and side-effect metrics (a model run, a cohort mean, or an analytic function in tests), a
/// target effect and the weighted burden. <see cref="Evaluate"/> must be thread-safe and deterministic; a dose of 0
/// means the compound is not given (the drug-free run is all zeros).
/// </summary>
public sealed class ComboProblem
{
    public required IReadOnlyList<ComboCompound> Compounds { get; init; }
    public required Func<double[], ComboOutcome> Evaluate { get; init; }
    public required string EffectMetric { get; init; }
    public required EffectSense Sense { get; init; }

    /// <summary>The effect to reach, in the effect metric's unit (e.g. −9.75 MADRS points).</summary>
    public required double TargetEffect { get; init; }

    /// <summary>How far short of the target a point may fall and still count as reaching it (absolute, effect units, ≥ 0).</summary>
    public double Tolerance { get; init; }

    public required IReadOnlyList<BurdenTerm> Burden { get; init; }

    /// <summary>
    /// The maximal drug effect that the Bliss fractions are normalised to (magnitude, effect units); null: the largest
    /// drug effect seen in the search, as the result then says.
    /// </summary>
    public double? MaxEffect { get; init; }

    /// <summary>Where <see cref="MaxEffect"/> comes from, in words (written with the result).</summary>
    public string MaxEffectSource { get; init; } = "given";

    /// <summary>The low-dose question: does a combination reach the target with every dose at most this fraction of its solo effective dose?</summary>
    public double LowDoseFraction { get; init; } = 1.0 / 3.0;

    /// <summary>+1 when higher effect is better, −1 when lower is: benefit = sign × effect.</summary>
    public double Sign => Sense == EffectSense.HigherIsBetter ? 1 : -1;

    /// <summary>The benefit of an effect value (larger is better whatever the metric's direction).</summary>
    public double Benefit(double effect) => Sign * effect;

    /// <summary>True when <paramref name="effect"/> reaches the target within the tolerance.</summary>
    public bool Reaches(double effect) => Benefit(effect) >= Benefit(TargetEffect) - Tolerance;

    /// <summary>The weighted burden of burden values against the drug-free values.</summary>
    public double WeightedBurden(ReadOnlySpan<double> values, ReadOnlySpan<double> drugFree)
    {
        double b = 0;
        for (int i = 0; i < Burden.Count; i++) b += Burden[i].Weight * Burden[i].Harm(values[i], drugFree[i]);
        return b;
    }

    /// <summary>Checks the problem's own consistency (the spec reader reports located errors before this).</summary>
    public void Validate()
    {
        if (Compounds.Count == 0) throw new ArgumentException("A combination needs at least one compound.");
        foreach (var c in Compounds)
            if (!(c.MinDose > 0) || !(c.MaxDose > c.MinDose) || !double.IsFinite(c.MaxDose))
                throw new ArgumentException($"Dose range of {c.Name} must satisfy 0 < min < max, got [{c.MinDose}, {c.MaxDose}].");
        if (!(Tolerance >= 0)) throw new ArgumentException("Tolerance must be ≥ 0.");
        if (!(LowDoseFraction > 0)) throw new ArgumentException("The low-dose fraction must be positive.");
        foreach (var b in Burden)
            if (!(b.Weight >= 0) || !double.IsFinite(b.Weight)) throw new ArgumentException($"Burden weight of {b.Metric} must be ≥ 0.");
    }
}

/// <summary>How hard the search looks. Every count is deterministic for a seed whatever <see cref="Threads"/> is.</summary>
public sealed record ComboSettings
{
    /// <summary>Latin-hypercube points over the log-dose box (the broad look at the whole surface).</summary>
    public int Samples { get; init; } = 64;

    /// <summary>Mixture directions solved for the target along their ray (points on the target isobole).</summary>
    public int Directions { get; init; } = 24;

    /// <summary>Refinement rounds around the best isobole point, each with <see cref="RefineDirections"/> new directions.</summary>
    public int RefineRounds { get; init; } = 3;

    public int RefineDirections { get; init; } = 8;

    /// <summary>Log-spaced doses per solo curve before the solo target dose is bisected.</summary>
    public int SoloPoints { get; init; } = 13;

    public ulong Seed { get; init; } = 20_261_205;
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Progress lines (stage and counts); null: silent.</summary>
    public Action<string>? Progress { get; init; }
}
