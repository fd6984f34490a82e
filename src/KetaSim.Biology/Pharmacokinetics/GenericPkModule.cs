using KetaSim.Biology.Dosing;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// A compound-library PK block as a model: one absorption depot per extravascular route (first order,
/// after a lag, fraction F) → central (↔ peripheral for a two-compartment block) → out. Amounts in mg.
/// Names use the compound's symbol id (hyphens → underscores): states <c>&lt;id&gt;_central</c>,
/// <c>&lt;id&gt;_periph</c>, <c>&lt;id&gt;_depot_&lt;route&gt;</c>; observables <c>&lt;id&gt;_plasma_ng_per_ml</c> and
/// <c>&lt;id&gt;_brain_unbound_um</c> (fu × Kp,uu × plasma, µM).
/// </summary>
public sealed class GenericPkModule(GenericPkParameters set) : IPkModule
{
    public GenericPkParameters Set { get; } = set;
    public string Compound => Set.Compound;
    public string Id => Set.Compound.Replace('-', '_');
    public string Key => $"generic-{Set.Compound}-{Set.Species.ToString().ToLowerInvariant()}-{Set.Fingerprint}";
    public string Description => Set.Description;

    public string PlasmaObservable => $"{Id}_plasma_ng_per_ml";
    public string BrainUnboundObservable => $"{Id}_brain_unbound_um";
    public IReadOnlyList<string> DefaultObservables => [PlasmaObservable, BrainUnboundObservable];

    public string CentralState => $"{Id}_central";
    public string PeripheralState => $"{Id}_periph";
    public string DepotState(GenericRoute route) => $"{Id}_depot_{route.Name}";
    private string KaName(GenericRoute r) => $"{Id}_ka_{r.Name}";
    private string FName(GenericRoute r) => $"{Id}_F_{r.Name}";
    private string LagName(GenericRoute r) => $"{Id}_lag_{r.Name}";

    public void Contribute(ModelBuilder b)
    {
        string id = Id;
        double wRef = Set.ReferenceWeightKg;
        var wt = PkCovariates.Weight(b, wRef);
        string per = $"per {wRef:G} kg";
        var clRef = b.Parameter($"{id}_CL_ref", Set.Clearance.Value, "L/h", Set.Clearance.Provenance, $"{Set.Compound} clearance {per}");
        var v1Ref = b.Parameter($"{id}_V1_ref", Set.CentralVolume.Value, "L", Set.CentralVolume.Provenance, $"{Set.Compound} central volume {per}");
        var fu = b.Parameter($"{id}_fu", Set.UnboundFraction.Value, "1", Set.UnboundFraction.Provenance, $"{Set.Compound} plasma unbound fraction", PlausibleRange.Fraction());
        var kpuu = b.Parameter($"{id}_Kpuu_brain", Set.KpUuBrain.Value, "1", Set.KpUuBrain.Provenance, $"{Set.Compound} unbound brain-to-plasma partition Kp,uu");
        var cl = b.Derived($"{id}_CL", PkCovariates.ScaleClearance(clRef, wt, wRef), "L/h", $"{Set.Compound} clearance for this weight");
        var v1 = b.Derived($"{id}_V1", PkCovariates.ScaleVolume(v1Ref, wt, wRef), "L", $"{Set.Compound} central volume for this weight");

        var c = b.State(CentralState, "mg", $"{Set.Compound}, central compartment");
        Expr cp = c / v1;
        b.Flow(c, null, cl * cp, $"{Set.Compound} elimination");
        if (Set.PeripheralVolume is { } v2Value && Set.InterCompartmentalClearance is { } qValue)
        {
            var v2Ref = b.Parameter($"{id}_V2_ref", v2Value.Value, "L", v2Value.Provenance, $"{Set.Compound} peripheral volume {per}");
            var qRef = b.Parameter($"{id}_Q_ref", qValue.Value, "L/h", qValue.Provenance, $"{Set.Compound} inter-compartmental clearance {per}");
            var v2 = b.Derived($"{id}_V2", PkCovariates.ScaleVolume(v2Ref, wt, wRef), "L", $"{Set.Compound} peripheral volume for this weight");
            var q = b.Derived($"{id}_Q", PkCovariates.ScaleClearance(qRef, wt, wRef), "L/h", $"{Set.Compound} inter-compartmental clearance for this weight");
            var p = b.State(PeripheralState, "mg", $"{Set.Compound}, peripheral compartment");
            b.Flow(c, p, q * cp, $"{Set.Compound} central → peripheral");
            b.Flow(p, c, q * (p / v2), $"{Set.Compound} peripheral → central");
        }
        foreach (var r in Set.Routes.Where(r => !r.IsIntravenous))
        {
            var ka = b.Parameter(KaName(r), r.Ka!.Value, "1/h", r.Ka.Provenance, $"{Set.Compound} absorption rate constant ({r.Name})");
            b.Parameter(FName(r), r.Bioavailability!.Value, "1", r.Bioavailability.Provenance, $"{Set.Compound} fraction of a {r.Name} dose reaching the circulation", PlausibleRange.Fraction());
            var lag = r.Lag ?? new SourcedValue(0, Provenance.Assume("no absorption lag given for this route"));
            b.Parameter(LagName(r), lag.Value, "h", lag.Provenance, $"{Set.Compound} absorption lag ({r.Name})",
                PlausibleRange.Of(0, Math.Max(2, 2 * lag.Value), "absorption lags of oral and injected drugs are below about 2 h (escitalopram 0.93 h, Areberg 2006)"));
            var depot = b.State(DepotState(r), "mg", $"{Set.Compound} at the {r.Name} absorption site (bioavailable part)");
            b.Flow(depot, c, ka * depot, $"{Set.Compound} absorption ({r.Name})");
        }
        b.Observe(PlasmaObservable, "ng/mL", PkUnits.NgPerMl(cp), $"{Set.Compound}, plasma");
        b.Observe(BrainUnboundObservable, "uM", PkUnits.Micromolar(fu * kpuu * cp, Set.MolarMassGPerMol), $"{Set.Compound}, unbound in brain (fu × Kp,uu × plasma)");
    }

    private Route[] SupportedRoutes => [.. Set.Routes.SelectMany(r => r.Routes).Distinct()];

    public IDoseRouting Routing => new PkRouting(Compound, SupportedRoutes, (dose, model, events) => Apply(dose, model, PkDosing.DefaultsWithDerived(model), events));

    public IDoseRouting RoutingFor(Model model, double[] parameters)
    {
        var bound = (double[])parameters.Clone();
        return new PkRouting(Compound, SupportedRoutes, (dose, m, events) => Apply(dose, m, bound, events));
    }

    /// <summary>IV into the central compartment; any other route into its depot, × F, after its lag.</summary>
    private void Apply(DoseOccurrence dose, Model model, double[] p, DoseEvents events)
    {
        var route = Set.Routes.First(r => r.Routes.Contains(dose.Route));
        if (route.IsIntravenous)
        {
            PkDosing.AddIntravenous(dose, model.StateIndex(CentralState), 1.0, events);
            return;
        }
        double f = PkDosing.Value(model, p, FName(route));
        double lag = PkDosing.Value(model, p, LagName(route));
        events.AddBolus(dose.TimeHours + lag, model.StateIndex(DepotState(route)), dose.AmountMg * dose.Bioavailability * f);
    }
}
