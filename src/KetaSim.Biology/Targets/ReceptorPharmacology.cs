using KetaSim.Modeling.Expressions;

namespace KetaSim.Biology.Targets;

/// <summary>
/// Expression building blocks of receptor pharmacology. All are algebraic in the unbound brain
/// concentration (brain equilibrates in under a minute, Sleigh 2019: no effect compartment).
/// </summary>
public static class ReceptorPharmacology
{
    /// <summary>
    /// (C/K)^n, guarded: 0 for C ≤ 0 (solver undershoot) and with a finite derivative at C = 0 for any n,
    /// written as h/(1 − h) with h = Hill(C, K, n) = C^n/(C^n + K^n), because h/(1 − h) = (C/K)^n and the
    /// Hill node has a finite slope at 0 (a plain power C^n does not for n &lt; 1).
    /// </summary>
    public static Expr BindingRatio(Expr concentration, Expr affinity, Expr hill)
    {
        var h = Expr.Hill(concentration, affinity, hill);
        return h / (1.0 - h);
    }

    /// <summary>Competitive occupancy of ligand i: r_i / (1 + Σ_j r_j), with r = (C/K)^n of every ligand competing (endogenous included).</summary>
    public static Expr Occupancy(Expr ratio, Expr denominator) => ratio / denominator;

    /// <summary>
    /// Operational model (Black &amp; Leff 1983) normalised to a full agonist: response τS/(1 + τS) divided by
    /// τ/(1 + τ), i.e. S(1 + τ)/(1 + τS). S = Σ efficacy_i·occ_i ∈ [0, 1] gives a value in [0, 1].
    /// </summary>
    public static Expr Operational(Expr stimulus, Expr tau) => stimulus * (1.0 + tau) / (1.0 + tau * stimulus);

    /// <summary>Double versions, for tests and reports.</summary>
    public static double BindingRatio(double c, double k, double n) => c <= 0 ? 0 : Math.Pow(c / k, n);

    public static double Operational(double stimulus, double tau) => stimulus * (1 + tau) / (1 + tau * stimulus);
}
