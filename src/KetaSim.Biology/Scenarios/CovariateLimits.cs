namespace KetaSim.Biology.Scenarios;

/// <summary>The one set of plausible covariate limits every input uses: a scenario's subject and a population's
/// covariate distributions (their centre, min and max).</summary>
public static class CovariateLimits
{
    public static (double Min, double Max, string Text) WeightKg(Species species) =>
        species == Species.Mouse ? (0.005, 0.1, "5 g to 100 g (0.005 to 0.1 kg) for a mouse") : (2.0, 300.0, "2 kg to 300 kg for a human");

    public static (double Min, double Max, string Text) AgeYears(Species species) =>
        species == Species.Mouse ? (0.0, 4.0, "0 to 4 y for a mouse") : (0.0, 120.0, "0 to 120 y for a human");
}
