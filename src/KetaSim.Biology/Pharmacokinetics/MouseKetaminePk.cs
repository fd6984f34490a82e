using KetaSim.Biology.Dosing;
using KetaSim.Modeling;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// Mouse racemic ketamine preset (i.p., also IV): peritoneal depot → one-compartment plasma → out; brain
/// in instant equilibrium with plasma (equilibration half-time under a minute). No complete mouse set
/// exists (parameters.md), so every value is a documented assumption, judged by PK-8. Enantiomers are not
/// resolved: S and R unbound brain concentrations are half the total each.
/// </summary>
public sealed class MouseKetaminePk : IPkModule
{
    public const string CompoundName = "ketamine";
    public string Compound => CompoundName;
    public string Key => "ketamine-mouse";
    public string Description => "Mouse ketamine i.p./IV preset (documented assumptions; PK-8)";

    public IReadOnlyList<string> DefaultObservables { get; } =
        ["ketamine_plasma_ng_per_ml", "ketamine_brain_ng_per_ml", "ketamine_brain_unbound_um"];

    public const string PeritonealDepot = "mket_peritoneum";
    public const string Central = "mket_central";
    private const double ReferenceKg = 0.025;

    public void Contribute(ModelBuilder b)
    {
        var wt = PkCovariates.Weight(b, ReferenceKg);
        var ka = b.Parameter("mket_ka_ip", 20, "1/h", Provenance.Assume(
            "i.p. absorption in mice is fast (plasma/brain peak within ~5-10 min); t½ abs ≈ 2 min"), "Absorption rate constant from the peritoneum");
        b.Parameter("mket_F_ip", 0.5, "1", Provenance.Assume(
            "i.p. ketamine is absorbed largely through the portal vein and meets hepatic first pass; half escapes it"), "Fraction of an i.p. dose reaching plasma", PlausibleRange.Fraction());
        var clRef = b.Parameter("mket_CL_ref", 0.15, "L/h", Provenance.Assume(
            "6 L/h/kg at 25 g: mouse ketamine clearance close to hepatic blood flow (~5-6 L/h/kg); with V gives plasma t½ ≈ 21 min"),
            "Clearance per 25-g mouse");
        var vRef = b.Parameter("mket_V_ref", 0.075, "L", Provenance.Assume("3 L/kg at 25 g, between the rat and human values of ketamine's volume"), "Volume per 25-g mouse");
        var kp = b.Parameter("mket_Kp_brain", 6.5, "1", Provenance.Cite("brain:plasma ≈ 6.5 (rat), parameters.md; used for the mouse"), "Total brain : total plasma ratio");
        var fu = b.Parameter("mket_fu", 0.55, "1", Provenance.Assume("as human (esketamine label ≈ 0.55)"), "Plasma unbound fraction", PlausibleRange.Fraction());
        var kpuu = b.Parameter("mket_Kpuu_brain", 1.0, "1", Provenance.Assume("passive permeation, no efflux: unbound brain = unbound plasma"), "Unbound brain-to-plasma partition Kp,uu");
        var cl = b.Derived("mket_CL", PkCovariates.ScaleClearance(clRef, wt, ReferenceKg), "L/h", "Clearance for this weight");
        var v = b.Derived("mket_V", PkCovariates.ScaleVolume(vRef, wt, ReferenceKg), "L", "Volume for this weight");

        var depot = b.State(PeritonealDepot, "mg", "Ketamine in the peritoneal cavity (after first pass)");
        var c = b.State(Central, "mg", "Ketamine, plasma compartment");
        b.Flow(depot, c, ka * depot, "i.p. absorption");
        b.Flow(c, null, cl * (c / v), "elimination");
        var cp = c / v;
        var unbound = PkUnits.Micromolar(fu * kpuu * cp, MolarMass.Ketamine);
        b.Observe("ketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(cp), "Ketamine, plasma");
        b.Observe("ketamine_brain_ng_per_ml", "ng/mL", PkUnits.NgPerMl(kp * cp), "Ketamine, total brain (ng/g ≈ ng/mL)");
        b.Observe("ketamine_brain_unbound_um", "uM", unbound, "Ketamine, unbound in brain");
        b.Observe("s_ketamine_brain_unbound_um", "uM", unbound * 0.5, "S-ketamine, unbound in brain (half the racemate; no enantioselective mouse data)");
        b.Observe("r_ketamine_brain_unbound_um", "uM", unbound * 0.5, "R-ketamine, unbound in brain (half the racemate)");
    }

    private static readonly Route[] Routes = [Route.Intraperitoneal, Route.IvBolus, Route.IvInfusion];

    public IDoseRouting Routing => new PkRouting(CompoundName, Routes, (dose, model, events) => Apply(dose, model, PkDosing.DefaultsWithDerived(model), events));

    public IDoseRouting RoutingFor(Model model, double[] parameters)
    {
        var bound = (double[])parameters.Clone();
        return new PkRouting(CompoundName, Routes, (dose, m, events) => Apply(dose, m, bound, events));
    }

    private static void Apply(DoseOccurrence dose, Model model, double[] p, DoseEvents events)
    {
        if (dose.Route == Route.Intraperitoneal)
            events.AddBolus(dose.TimeHours, model.StateIndex(PeritonealDepot), dose.AmountMg * dose.Bioavailability * PkDosing.Value(model, p, "mket_F_ip"));
        else
            PkDosing.AddIntravenous(dose, model.StateIndex(Central), 1.0, events);
    }
}
