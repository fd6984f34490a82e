using KetaSim.Biology.Dosing;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>One published (or documented) parameter set of an oral SSRI: first-order absorption with a lag into a one- or two-compartment disposition.</summary>
/// <param name="PeripheralVolumeL">Apparent peripheral volume V2/F; null for a one-compartment set.</param>
public sealed record OralSsriParameterSet(
    string Key, string Compound, string Prefix, string Description,
    double KaPerHour, Provenance KaSource,
    double LagHours, Provenance LagSource,
    double ClearanceLPerHour, Provenance ClearanceSource,
    double CentralVolumeL, Provenance CentralVolumeSource,
    double? PeripheralVolumeL, double? InterCompartmentalClearanceLPerHour, Provenance? PeripheralSource,
    double UnboundFraction, Provenance UnboundSource,
    double MolarMassGPerMol,
    double ElderlyAucFactor = 1.0, Provenance? ElderlySource = null)
{
    /// <summary>Age from which <see cref="ElderlyAucFactor"/> applies, years (the label's "elderly": 65 and over).</summary>
    public const double ElderlyFromYears = 65;

    private static readonly Provenance EscitalopramElderly = Provenance.Cite(
        "Lexapro label; Søgaard 2005: AUC and t½ about 50% higher in subjects aged 65 and over");

    private const string Areberg = "Areberg et al. 2006, AAPS J (escitalopram 2-compartment population PK)";
    private const string Liu = "Liu et al. 2022, Front Pharmacol (escitalopram 1-compartment population PK)";
    private const string Label = "Lexapro (escitalopram) label";
    private const string CelexaLabel = "Celexa (citalopram) label";

    /// <summary>Areberg 2006 as published (apparent oral parameters). Its terminal t½ is ≈ 47.6 h, above PK-7's 22-38 h (see docs).</summary>
    public static OralSsriParameterSet EscitalopramAreberg2006 { get; } = new(
        "escitalopram-areberg2006", "escitalopram", "esc", "Escitalopram oral, Areberg 2006 two-compartment (as published)",
        3.6, Provenance.Cite(Areberg + ": ka 3.6 /h (fixed)"),
        0.93, Provenance.Cite(Areberg + ": lag 0.93 h"),
        19, Provenance.Cite(Areberg + ": CL/F 19 L/h"),
        800, Provenance.Cite(Areberg + ": V/F 800 L"),
        470, 98, Provenance.Cite(Areberg + ": V2/F 470 L, Q/F 98 L/h"),
        0.44, Provenance.Cite(Label + ": 56% protein bound"),
        MolarMass.Citalopram,
        1.5, EscitalopramElderly);

    /// <summary>
    /// Default escitalopram set: Liu 2022's one-compartment disposition (CL/F 16.3 L/h, V/F 815 L:
    /// t½ 34.7 h, inside the label's 27-33 h ± and PK-7's 22-38 h) with Areberg's absorption (ka, lag),
    /// which Liu's set in parameters.md does not give.
    /// </summary>
    public static OralSsriParameterSet EscitalopramDefault { get; } = new(
        "escitalopram-liu2022", "escitalopram", "esc", "Escitalopram oral, Liu 2022 one-compartment disposition with Areberg 2006 absorption",
        3.6, Provenance.Cite(Areberg + ": ka 3.6 /h (Liu 2022's absorption is not in parameters.md)"),
        0.93, Provenance.Cite(Areberg + ": lag 0.93 h"),
        16.3, Provenance.Cite(Liu + ": CL/F 16.3 L/h"),
        815, Provenance.Cite(Liu + ": V/F 815 L"),
        null, null, null,
        0.44, Provenance.Cite(Label + ": 56% protein bound"),
        MolarMass.Citalopram,
        1.5, EscitalopramElderly);

    /// <summary>
    /// Racemic citalopram, one compartment from label values: systemic CL 330 mL/min with F 0.8 gives
    /// CL/F 24.75 L/h; t½ 35 h gives V/F = CL/F × t½ / ln 2 ≈ 1250 L; ka 1 /h gives Tmax ≈ 4 h (label).
    /// </summary>
    public static OralSsriParameterSet CitalopramLabel { get; } = new(
        "citalopram-label", "citalopram", "cit", "Racemic citalopram oral, one compartment from label values (simplified; for the STAR*D comparator)",
        1.0, Provenance.Assume("ka 1 /h chosen so Tmax ≈ 4 h as in the " + CelexaLabel),
        0, Provenance.Assume("no lag reported in the label"),
        24.75, Provenance.Cite(CelexaLabel + ": systemic CL 330 mL/min, F ≈ 80% → CL/F 24.75 L/h"),
        1250, Provenance.Cite(CelexaLabel + ": t½ ≈ 35 h → V/F = CL/F·t½/ln2 ≈ 1250 L (label Vd ≈ 12 L/kg)"),
        null, null, null,
        0.44, Provenance.Assume(
            "S-citalopram is escitalopram: use escitalopram's label binding (56% bound, Lexapro label) so the one in-vivo apparent " +
            "SERT Kd, fitted to PET with that unbound fraction, serves both products; the " + CelexaLabel + " reports ≈ 80% bound for the racemate"),
        MolarMass.Citalopram,
        1.0, Provenance.Assume("no age effect for citalopram in parameters.md; left at 1 rather than borrowing escitalopram's"));
}

/// <summary>
/// Oral SSRI (escitalopram, citalopram): gut depot with lag → central (→ peripheral for a two-compartment
/// set) → out. Apparent (oral) parameters, so F is inside CL/F and V/F: a dose goes to the gut whole.
/// </summary>
public sealed class OralSsriPk(OralSsriParameterSet set) : IPkModule
{
    public OralSsriParameterSet Set { get; } = set;
    public string Compound => Set.Compound;
    public string Key => Set.Key;
    public string Description => Set.Description;

    public IReadOnlyList<string> DefaultObservables => [$"{Set.Compound}_plasma_ng_per_ml", $"{Set.Compound}_brain_unbound_um"];

    public string GutState => $"{Set.Prefix}_gut";
    public string CentralState => $"{Set.Prefix}_central";
    public string PeripheralState => $"{Set.Prefix}_periph";

    public void Contribute(ModelBuilder b)
    {
        string px = Set.Prefix;
        var wt = PkCovariates.Weight(b);
        // Between-subject variability of Areberg 2006 (data/populations/*.yaml) for escitalopram; the default rule otherwise.
        bool areberg = px == "esc";
        var ka = b.Parameter($"{px}_ka", Set.KaPerHour, "1/h", Set.KaSource, "Absorption rate constant",
            areberg ? PlausibleRange.LogNormalCv(Set.KaPerHour, 1.48, "Areberg 2006 ka") : null);
        b.Parameter($"{px}_lag", Set.LagHours, "h", Set.LagSource, "Absorption lag time",
            PlausibleRange.Of(0, Math.Max(2, 2 * Set.LagHours), "absorption lags of oral drugs are below about 2 h (escitalopram 0.93 h, Areberg 2006)"));
        var clRef = b.Parameter($"{px}_CL_app_ref", Set.ClearanceLPerHour, "L/h", Set.ClearanceSource, "Apparent clearance CL/F per 70 kg",
            areberg ? PlausibleRange.LogNormalCv(Set.ClearanceLPerHour, 0.34, "Areberg 2006 CL/F") : null);
        var vRef = b.Parameter($"{px}_V_app_ref", Set.CentralVolumeL, "L", Set.CentralVolumeSource, "Apparent central volume V/F per 70 kg",
            areberg ? PlausibleRange.LogNormalCv(Set.CentralVolumeL, 0.17, "Areberg 2006 V/F") : null);
        var fu = b.Parameter($"{px}_fu", Set.UnboundFraction, "1", Set.UnboundSource, "Plasma unbound fraction", PlausibleRange.Fraction());
        var kpuu = b.Parameter($"{px}_Kpuu_brain", 1.0, "1", Provenance.Assume("unbound brain = unbound plasma (SSRIs cross the blood-brain barrier passively)"), "Unbound brain-to-plasma partition Kp,uu");
        var age = PkCovariates.Age(b);
        var elderly = b.Parameter($"{px}_elderly_auc_factor", Set.ElderlyAucFactor, "1",
            Set.ElderlySource ?? Provenance.Assume("no age effect known"), $"Exposure (AUC) multiplier from age {OralSsriParameterSet.ElderlyFromYears} y");
        // Clearance falls by the label's AUC factor from 65 years on (a threshold, as the label states it).
        var cl = b.Derived($"{px}_CL_app",
            PkCovariates.ScaleClearance(clRef, wt) / (1.0 + (elderly - 1.0) * Expr.Step(age - OralSsriParameterSet.ElderlyFromYears)),
            "L/h", "CL/F for this weight and age");
        var v = b.Derived($"{px}_V_app", PkCovariates.ScaleVolume(vRef, wt), "L", "V/F for this weight");

        var gut = b.State(GutState, "mg", $"{Set.Compound} in the gut depot");
        var c = b.State(CentralState, "mg", $"{Set.Compound}, central (apparent)");
        b.Flow(gut, c, ka * gut, "absorption");
        b.Flow(c, null, cl * (c / v), "elimination");
        if (Set.PeripheralVolumeL is { } v2Value && Set.InterCompartmentalClearanceLPerHour is { } qValue)
        {
            var v2Ref = b.Parameter($"{px}_V2_app_ref", v2Value, "L", Set.PeripheralSource!, "Apparent peripheral volume V2/F per 70 kg");
            var qRef = b.Parameter($"{px}_Q_app_ref", qValue, "L/h", Set.PeripheralSource!, "Apparent inter-compartmental clearance Q/F per 70 kg");
            var v2 = b.Derived($"{px}_V2_app", PkCovariates.ScaleVolume(v2Ref, wt), "L", "V2/F for this weight");
            var q = b.Derived($"{px}_Q_app", PkCovariates.ScaleClearance(qRef, wt), "L/h", "Q/F for this weight");
            var p = b.State(PeripheralState, "mg", $"{Set.Compound}, peripheral (apparent)");
            b.Flow(c, p, q * (c / v), "central → peripheral");
            b.Flow(p, c, q * (p / v2), "peripheral → central");
        }
        b.Observe($"{Set.Compound}_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(c / v), $"{Set.Compound}, plasma");
        b.Observe($"{Set.Compound}_brain_unbound_um", "uM", PkUnits.Micromolar(fu * kpuu * (c / v), Set.MolarMassGPerMol), $"{Set.Compound}, unbound in brain");
    }

    private static readonly Route[] Routes = [Route.Oral];

    public IDoseRouting Routing => new PkRouting(Compound, Routes, (dose, model, events) => Apply(dose, model, PkDosing.DefaultsWithDerived(model), events));

    public IDoseRouting RoutingFor(Model model, double[] parameters)
    {
        var bound = (double[])parameters.Clone();
        return new PkRouting(Compound, Routes, (dose, m, events) => Apply(dose, m, bound, events));
    }

    /// <summary>A tablet: the whole amount (× user F) into the gut depot after the model's lag.</summary>
    private void Apply(DoseOccurrence dose, Model model, double[] p, DoseEvents events)
    {
        double lag = PkDosing.Value(model, p, $"{Set.Prefix}_lag");
        events.AddBolus(dose.TimeHours + lag, model.StateIndex(GutState), dose.AmountMg * dose.Bioavailability);
    }
}
