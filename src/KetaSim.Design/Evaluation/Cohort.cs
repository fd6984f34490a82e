using KetaSim.Population.Definitions;

namespace KetaSim.Design.Evaluation;

/// <summary>
/// A virtual cohort a metric is averaged over: <see cref="Size"/> subjects of a population, subject i drawn
/// from (seed, i) alone, so any thread count gives the same cohort. The same cohort is used for every
/// parameter set a design tool tries (common random numbers), so differences between sets are the
/// parameters' effect, not sampling noise.
/// </summary>
public sealed record Cohort(PopulationDefinition Population, int Size, ulong Seed)
{
    public const int DefaultSize = 100;
    public const ulong DefaultSeed = 20_261_205;
}
