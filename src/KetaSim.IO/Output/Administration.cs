using KetaSim.Biology.Dosing;

namespace KetaSim.IO.Output;

/// <summary>
/// One administration a run actually gave, after its record's repeats (II/ADDL), lag and per-kg scaling:
/// the time the drug starts entering, the nominal amount in mg, and the infusion duration (null for an
/// instantaneous route). Per-dose exposure metrics and doses.csv are built from these.
/// </summary>
public sealed record Administration(double TimeHours, string Compound, Route Route, double AmountMg, double? DurationHours, double Bioavailability)
{
    /// <summary>The administrations of <paramref name="records"/> for a subject of <paramref name="weightKg"/>, in time order
    /// (ties keep record order); continued medication's pre-run before t = 0 is not among them.</summary>
    public static IReadOnlyList<Administration> Of(IEnumerable<DoseRecord> records, double weightKg) =>
        [.. records.SelectMany(r => DoseExpansion.Expand(r, weightKg)
                .Select(o => new Administration(o.TimeHours, r.Compound, o.Route, o.AmountMg, o.DurationHours, o.Bioavailability)))
            .OrderBy(a => a.TimeHours)];
}
