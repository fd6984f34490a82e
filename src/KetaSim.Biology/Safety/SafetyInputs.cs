using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Safety;

/// <summary>
/// The plasma concentrations the safety layer reads, found by name in whatever PK modules the model
/// holds (so the layer works with any mix of racemic ketamine, esketamine and midazolam, or none).
/// Sums are in ng/mL; a missing drug contributes nothing.
/// </summary>
internal sealed record SafetyInputs(Expr? SKetamine, Expr? RKetamine, Expr? Midazolam)
{
    /// <summary>S-ketamine sources: the S part of racemic ketamine (venous), and esketamine (which is S-ketamine).</summary>
    public static readonly string[] SObservables = ["s_ketamine_plasma_ng_per_ml", "esketamine_plasma_ng_per_ml"];

    /// <summary>R-ketamine sources: the R part of racemic ketamine (venous), and arketamine if a colleague's compound adds it.</summary>
    public static readonly string[] RObservables = ["r_ketamine_plasma_ng_per_ml", "arketamine_plasma_ng_per_ml"];

    public const string MidazolamObservable = "midazolam_plasma_ng_per_ml";

    public bool HasKetamine => SKetamine is not null || RKetamine is not null;
    public bool HasAnyDrug => HasKetamine || Midazolam is not null;

    public static SafetyInputs From(ModelBuilder b) =>
        new(Sum(b, SObservables), Sum(b, RObservables), Sum(b, [MidazolamObservable]));

    /// <summary>S-equivalent ketamine concentration: S + w_R × R (ng/mL).</summary>
    public Expr SEquivalent(Expr rWeight) => (SKetamine ?? 0.0) + (RKetamine is null ? 0.0 : rWeight * RKetamine);

    private static Expr? Sum(ModelBuilder b, IEnumerable<string> names)
    {
        Expr? total = null;
        foreach (var name in names)
        {
            if (!b.HasSymbol(name)) continue;
            var definition = b.GetObservable(name).Definition;
            total = total is null ? definition : total + definition;
        }
        return total;
    }
}
