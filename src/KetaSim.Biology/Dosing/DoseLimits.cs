using KetaSim.Modeling;

namespace KetaSim.Biology.Dosing;

public enum DoseLimitUnit { MgPerKg, Mg }

/// <summary>The largest plausible single dose of a compound by a route; anything above is a typo, not a regimen.</summary>
/// <param name="Max">Limit in <paramref name="Unit"/>; a dose equal to it is accepted.</param>
public sealed record DoseLimit(string Compound, Route Route, double Max, DoseLimitUnit Unit, Provenance Provenance)
{
    public double MaxMg(double weightKg) => Unit == DoseLimitUnit.Mg ? Max : Max * weightKg;

    public override string ToString() => Unit == DoseLimitUnit.Mg ? $"{Max:G} mg" : $"{Max:G} mg/kg";
}

/// <summary>
/// Absurd-dose guard rails. The limits are deliberately several-fold above clinical doses: they catch
/// unit slips (g for mg, mg/kg for mg) without forbidding what-if exploration beyond the label.
/// </summary>
public static class DoseLimits
{
    /// <summary>Fallback for compound/route pairs without a row: no human or rodent drug dose given by a
    /// simulator user plausibly exceeds this.</summary>
    public static DoseLimit Generic { get; } = new("*", Route.IvBolus, 20, DoseLimitUnit.MgPerKg,
        Provenance.Assume("generic ceiling, far above human doses of CNS drugs, that catches unit slips (g for mg); rodent doses above it need their own row"));

    private static readonly Provenance KetamineIv = Provenance.Cite(
        "Ketalar label: IV anaesthetic induction 1-4.5 mg/kg; antidepressant dose 0.5 mg/kg over 40 min (Zanos 2018, Pharmacol Rev). Limit = ~2x the top induction dose");

    private static readonly Provenance EsketamineIv = Provenance.Assume(
        "S-ketamine is about twice as potent as racemate (anaesthetic induction 0.5-1 mg/kg), so half the racemic IV limit");

    public static IReadOnlyList<DoseLimit> All { get; } =
    [
        new("ketamine", Route.IvBolus, 10, DoseLimitUnit.MgPerKg, KetamineIv),
        new("ketamine", Route.IvInfusion, 10, DoseLimitUnit.MgPerKg, KetamineIv),
        // Ketalar label: IM induction 6.5-13 mg/kg; limit just above the label maximum.
        new("ketamine", Route.Intramuscular, 15, DoseLimitUnit.MgPerKg,
            Provenance.Cite("Ketalar label: IM anaesthetic induction 6.5-13 mg/kg")),
        // Mouse ketamine: antidepressant doses 3-30 mg/kg i.p.; anaesthesia (with xylazine) uses 80-100 mg/kg.
        new("ketamine", Route.Intraperitoneal, 100, DoseLimitUnit.MgPerKg,
            Provenance.Cite("mouse i.p.: antidepressant ~10 mg/kg (Zanos 2016, Nature); anaesthetic 80-100 mg/kg with xylazine (laboratory-animal formularies)")),
        new("esketamine", Route.IvBolus, 5, DoseLimitUnit.MgPerKg, EsketamineIv),
        new("esketamine", Route.IvInfusion, 5, DoseLimitUnit.MgPerKg, EsketamineIv),
        // Flat, per session: the label's 84 mg is 3 devices; one more device (112 mg) is allowed so dose-response
        // questions just above the label can be asked. The FRn x 0.62 rule for later devices was fitted on
        // <= 3 devices (Perez-Ruixo 2021), so going further would be pure extrapolation.
        new("esketamine", Route.Intranasal, 112, DoseLimitUnit.Mg,
            Provenance.Assume("Spravato label maximum 84 mg (3 devices) per session; one extra 28-mg device allowed for exploration")),
        // Label maximum 20 mg/day; 60 mg = 3x the maximum daily dose taken at once.
        new("escitalopram", Route.Oral, 60, DoseLimitUnit.Mg,
            Provenance.Assume("Lexapro label maximum 20 mg/day; 3x that as a single dose is beyond any regimen")),
    ];

    /// <summary>
    /// Other names under which the same substance is dosed (the PK library's aliases for a parameter set or
    /// species preset): a dose limit belongs to the substance, not to the model that simulates it.
    /// </summary>
    private static readonly Dictionary<string, string> SameSubstance = new(StringComparer.OrdinalIgnoreCase)
    {
        ["racemic-ketamine"] = "ketamine",
        ["mouse-ketamine"] = "ketamine",
        ["escitalopram-areberg2006"] = "escitalopram",
    };

    /// <summary>The row for this compound (case-insensitive, aliases resolved) and route, or <see cref="Generic"/>.</summary>
    public static DoseLimit For(string compound, Route route)
    {
        string substance = compound is not null && SameSubstance.TryGetValue(compound, out var s) ? s : compound ?? "";
        return All.FirstOrDefault(l => l.Route == route && string.Equals(l.Compound, substance, StringComparison.OrdinalIgnoreCase))
            ?? Generic;
    }
}
