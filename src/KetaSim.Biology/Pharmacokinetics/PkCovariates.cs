using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// Subject covariates as base parameters shared by every PK module of a composed model, so one
/// compiled model serves every subject (the runner writes them per subject).
/// </summary>
public static class PkCovariates
{
    public const string WeightKg = "WT_kg";
    public const string AgeYears = "AGE_y";
    public const string EastAsian = "EAST_ASIAN";

    /// <summary>Body weight, kg (default 70: the reference adult of the published sets).</summary>
    public static Param Weight(ModelBuilder b, double defaultKg = 70) => GetOrAdd(b, WeightKg, defaultKg, "kg",
        "Body weight of the subject (covariate; set per subject).",
        defaultKg is >= 40 and <= 160 ? PlausibleRange.Of(40, 160, "adult weights of the trial populations (data/populations/*.yaml: 40-160 kg)")
            : defaultKg is >= 0.018 and <= 0.035 ? PlausibleRange.Of(0.018, 0.035, "adult C57BL/6 mice (data/populations/stressed-mouse.yaml: 18-35 g)")
            : PlausibleRange.ForProvenance(defaultKg, ProvenanceKind.Assumption));

    /// <summary>Age, years.</summary>
    public static Param Age(ModelBuilder b) => GetOrAdd(b, AgeYears, 40, "y", "Age of the subject (covariate; set per subject).",
        PlausibleRange.Of(18, 90, "adults: the calibration trials enrolled 18-64 y, SUSTAIN-2 about a quarter aged 65 and over"));

    /// <summary>East-Asian ancestry flag, 0 or 1.</summary>
    public static Param Asian(ModelBuilder b) => GetOrAdd(b, EastAsian, 0, "1", "East-Asian ancestry flag, 0/1 (covariate; set per subject).",
        PlausibleRange.Fraction("a flag: 0 or 1"));

    private static Param GetOrAdd(ModelBuilder b, string name, double value, string unit, string description, PlausibleRange range) =>
        b.HasSymbol(name) ? b.GetParameter(name)
            : b.Parameter(name, value, unit, Provenance.Assume("covariate placeholder; the scenario runner sets the subject's value"), description, range);

    /// <summary>Allometric clearance: CL_ref × (WT / WT_ref)^0.75.</summary>
    public static Expr ScaleClearance(Expr clearanceAtReference, Param weight, double referenceKg = 70) =>
        clearanceAtReference * Expr.Pow(weight / referenceKg, 0.75);

    /// <summary>Allometric volume: V_ref × WT / WT_ref.</summary>
    public static Expr ScaleVolume(Expr volumeAtReference, Param weight, double referenceKg = 70) =>
        volumeAtReference * (weight / referenceKg);

    /// <summary>max(0, x) for a parameter expression, written smoothly enough for derived parameters: (x + |x|) / 2.</summary>
    public static Expr PositivePart(Expr x) => (x + Expr.Sqrt(x * x)) * 0.5;
}

/// <summary>Molar masses, g/mol (1 µM = MW ng/mL).</summary>
public static class MolarMass
{
    /// <summary>Ketamine C13H16ClNO. Source: parameters.md (237.7 g/mol).</summary>
    public const double Ketamine = 237.7;

    /// <summary>Norketamine C12H14ClNO. Source: parameters.md (223.7 g/mol).</summary>
    public const double Norketamine = 223.7;

    /// <summary>Hydroxynorketamine C12H14ClNO2 (239.7 g/mol, from the formula).</summary>
    public const double Hydroxynorketamine = 239.7;

    /// <summary>Escitalopram / citalopram base C20H21FN2O (324.4 g/mol, from the formula).</summary>
    public const double Citalopram = 324.4;
}
