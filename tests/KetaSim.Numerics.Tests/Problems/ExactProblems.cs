namespace KetaSim.Numerics.Tests.Problems;

/// <summary>The closed-form problems by name, for theories.</summary>
public static class ExactProblems
{
    public static readonly string[] PharmacokineticNames =
        ["1-cmt IV bolus", "2-cmt IV bolus", "1-cmt infusion", "first-order absorption"];

    public static IExactProblem Create(string name) => name switch
    {
        "1-cmt IV bolus" => new OneCompartmentBolus(),
        "2-cmt IV bolus" => new TwoCompartmentBolus(),
        "1-cmt infusion" => new OneCompartmentInfusion(),
        "first-order absorption" => new FirstOrderAbsorption(),
        "y' = -y^2" => new RiccatiDecay(),
        "y' = y cos t" => new PeriodicForcing(),
        "y' = -2t y^2" => new RationalDecay(),
        "logistic" => new Logistic(),
        "oscillator" => new Oscillator(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown problem."),
    };
}
