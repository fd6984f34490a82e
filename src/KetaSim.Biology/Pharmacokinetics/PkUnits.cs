using KetaSim.Modeling.Expressions;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>Unit conversions used by the observables.</summary>
public static class PkUnits
{
    /// <summary>mg/L to ng/mL.</summary>
    public const double NgPerMlPerMgPerL = 1000.0;

    /// <summary>Concentration (mg/L) as ng/mL.</summary>
    public static Expr NgPerMl(Expr mgPerL) => mgPerL * NgPerMlPerMgPerL;

    /// <summary>Concentration (mg/L) as µM for a molar mass in g/mol: mg/L ÷ (g/mol) = mmol/L, × 1000 = µM.</summary>
    public static Expr Micromolar(Expr mgPerL, double molarMass) => mgPerL * (1000.0 / molarMass);
}
