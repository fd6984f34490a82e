namespace KetaSim.Numerics.Ode;

/// <summary>Error control and step limits for one integration; times in the system's own unit (hours for KetaSim models).</summary>
public sealed record SolverSettings
{
    /// <summary>Relative tolerance per component.</summary>
    public double RelTol { get; init; } = 1e-6;

    /// <summary>Absolute tolerance per component, in the state's own unit.</summary>
    public double AbsTol { get; init; } = 1e-9;

    /// <summary>First step to try; 0 lets the solver choose (Hairer's starting-step heuristic).</summary>
    public double InitialStep { get; init; }

    /// <summary>Smallest step allowed before the solver reports failure.</summary>
    public double MinStep { get; init; } = 1e-12;

    /// <summary>Largest step allowed (e.g. to resolve output features); +∞ means unlimited.</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Largest number of accepted plus rejected steps in one call to Integrate.</summary>
    public int MaxSteps { get; init; } = 1_000_000;

    public static SolverSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first impossible setting.</summary>
    public void Validate()
    {
        if (!(RelTol > 0 && RelTol < 1)) throw new ArgumentException($"RelTol must be in (0, 1), got {RelTol}.");
        if (!(AbsTol > 0)) throw new ArgumentException($"AbsTol must be > 0, got {AbsTol}.");
        if (!(InitialStep >= 0)) throw new ArgumentException($"InitialStep must be >= 0, got {InitialStep}.");
        if (!(MinStep > 0)) throw new ArgumentException($"MinStep must be > 0, got {MinStep}.");
        if (!(MaxStep > MinStep)) throw new ArgumentException($"MaxStep must exceed MinStep, got {MaxStep}.");
        if (MaxSteps <= 0) throw new ArgumentException($"MaxSteps must be > 0, got {MaxSteps}.");
    }
}
