using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Modeling.Tests;

/// <summary>Small models that exercise every node type the compiler and differentiator know.</summary>
internal static class TestModels
{
    private static readonly Provenance Test = Provenance.Assume("test value");

    /// <summary>
    /// A 2-compartment PK module with saturable (Michaelis-Menten) elimination, composed with an
    /// effect module (Hill-driven turnover, a power law, exp/log/sqrt terms) that reads its state.
    /// </summary>
    public static Model Nonlinear()
    {
        var b = new ModelBuilder("nonlinear");
        // PK module
        var a1 = b.State("A1", "mg", "central amount", 10);
        var a2 = b.State("A2", "mg", "peripheral amount", 1);
        var v1 = b.Parameter("V1", 20, "L", Test, "central volume");
        var wt = b.Parameter("WT", 80, "kg", Test, "body weight");
        var cl = b.Parameter("CL", 5, "L/h", Test, "clearance");
        var q = b.Parameter("Q", 8, "L/h", Test, "intercompartmental clearance");
        var v2 = b.Parameter("V2", 40, "L", Test, "peripheral volume");
        var vmax = b.Parameter("Vmax", 3, "mg/h", Test, "saturable elimination capacity");
        var km = b.Parameter("Km", 0.4, "mg/L", Test, "Michaelis constant");
        var clWt = b.Derived("CL_WT", cl * Expr.Pow(wt / 70.0, 0.75), "L/h", "allometric clearance");
        var c1 = a1 / v1;
        b.Flow(a1, null, clWt * c1, "linear elimination");
        b.Flow(a1, null, vmax * c1 / (km + c1), "saturable elimination");
        b.Flow(a1, a2, q * c1, "distribution");
        b.Flow(a2, a1, q * a2 / v2, "redistribution");
        b.Observe("C1", "mg/L", c1, "central concentration");

        // Effect module, found by name as a separately written module would.
        var central = b.GetState("A1");
        var e = b.State("E", "1", "effect level", 1);
        var kin = b.Parameter("kin", 0.7, "1/h", Test, "turnover");
        var ec50 = b.Parameter("EC50", 0.3, "mg/L", Test, "half-effect concentration");
        var n = b.Parameter("n", 1.7, "1", Test, "Hill coefficient");
        var drive = Expr.Hill(central / b.GetParameter("V1"), ec50, n);
        b.Rate(e, kin * (1.0 + drive) - kin * e * Expr.Sqrt(e + 1.0) + 0.01 * Expr.Log(1.0 + e * e) - 0.02 * Expr.Exp(-e) * Expr.Pow(e + 2.0, central / 50.0));
        b.Observe("Effect", "1", e, "effect level");
        return b.Build();
    }
}
