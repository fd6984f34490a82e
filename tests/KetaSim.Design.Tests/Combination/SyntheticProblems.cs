using KetaSim.Design.Combination;

namespace KetaSim.Design.Tests.Combination;

/// <summary>Combination problems with analytic effect and burden functions, so the designer's answers are known exactly.</summary>
internal static class SyntheticProblems
{
    public static ComboSettings Settings(int threads = 1, ulong seed = 7) => new()
    {
        Samples = 24, Directions = 10, RefineRounds = 3, RefineDirections = 6, SoloPoints = 9, Seed = seed, Threads = threads,
    };

    /// <summary>
    /// Effect d₁ + d₂ (dose-additive, linear), burden d₁² + 4·d₂². On the isobole d₁ + d₂ = E the least burden is at
    /// d = (0.8E, 0.2E) with burden 0.8·E²: the Pareto front of (effect, burden) is burden = 0.8·E².
    /// </summary>
    public static ComboProblem Quadratic(double target = 2) => new()
    {
        Compounds = [new("a", 0.01, 10), new("b", 0.01, 10)],
        Evaluate = d => new ComboOutcome(d[0] + d[1], [d[0] * d[0], d[1] * d[1]]),
        EffectMetric = "effect",
        Sense = EffectSense.HigherIsBetter,
        TargetEffect = target,
        Tolerance = 0.01,
        Burden = [new("a_load", 1), new("b_load", 4)],
    };

    /// <summary>A sigmoid Emax of 30 points on u: symptom score change −30·u/(1 + u), lower is better (like a MADRS change).</summary>
    public static double Change(double u) => -30 * u / (1 + u);

    /// <summary>One drug given as two "compounds": the effect depends on d₁ + d₂ alone (Loewe additive by construction).</summary>
    public static ComboProblem SameDrugSplit() => new()
    {
        Compounds = [new("half-1", 0.05, 20), new("half-2", 0.05, 20)],
        Evaluate = d => new ComboOutcome(Change((d[0] + d[1]) / 2), [d[0] + d[1]]),
        EffectMetric = "score_change@24h",
        Sense = EffectSense.LowerIsBetter,
        TargetEffect = -15,
        Tolerance = 0.05,
        Burden = [new("load", 1)],
    };

    /// <summary>
    /// Synergy on the Greco interaction form: u = x₁ + x₂ + α·x₁·x₂ with xᵢ = dᵢ/aᵢ (a = 1, 2; α = 2). Solo doses for the
    /// target u = 1 are 1 and 2; on the target isobole CI = x₁ + x₂ = 1 − 2·x₁·x₂ &lt; 1.
    /// </summary>
    public static ComboProblem Synergistic() => new()
    {
        Compounds = [new("p", 0.02, 10), new("q", 0.04, 20)],
        Evaluate = d =>
        {
            double x1 = d[0] / 1, x2 = d[1] / 2;
            return new ComboOutcome(Change(x1 + x2 + 2 * x1 * x2), [d[0], d[1]]);
        },
        EffectMetric = "score_change@24h",
        Sense = EffectSense.LowerIsBetter,
        TargetEffect = -15,
        Tolerance = 0.05,
        Burden = [new("p_load", 1), new("q_load", 0.5)],
    };

    /// <summary>
    /// Bliss independence: fractional effects fᵢ = dᵢ/(dᵢ + aᵢ), combined 1 − (1 − f₁)(1 − f₂), times a maximal effect of 20
    /// (given to the problem, as the Bliss normalisation).
    /// </summary>
    public static ComboProblem Independent() => new()
    {
        Compounds = [new("r", 0.05, 50), new("s", 0.1, 100)],
        Evaluate = d =>
        {
            double f1 = d[0] / (d[0] + 1), f2 = d[1] / (d[1] + 3);
            return new ComboOutcome(20 * (1 - (1 - f1) * (1 - f2)), [d[0], d[1]]);
        },
        EffectMetric = "effect",
        Sense = EffectSense.HigherIsBetter,
        TargetEffect = 12,
        Tolerance = 0.02,
        Burden = [new("r_load", 1), new("s_load", 0.2)],
        MaxEffect = 20,
        MaxEffectSource = "the model's maximal effect, 20",
    };
}
