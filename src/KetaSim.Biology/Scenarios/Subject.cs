namespace KetaSim.Biology.Scenarios;

public enum Species { Human, Mouse }

public enum Sex { Female, Male }

/// <summary>The simulated individual's covariates.</summary>
public sealed record Subject
{
    public Species Species { get; init; } = Species.Human;
    public double WeightKg { get; init; } = 70;
    public double AgeYears { get; init; } = 40;
    public Sex Sex { get; init; } = Sex.Male;

    /// <summary>East-Asian ancestry lowers esketamine's kel (× 0.36, Perez-Ruixo 2021).</summary>
    public bool EastAsian { get; init; }

    public static Subject TypicalAdult { get; } = new();
    public static Subject TypicalMouse { get; } = new() { Species = Species.Mouse, WeightKg = 0.025, AgeYears = 0.25 };
}
