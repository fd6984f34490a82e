using KetaSim.Biology.Dosing;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// Racemic ketamine, human, IV: S- and R-ketamine as two species sharing one three-compartment
/// structure (arterial central, shallow and deep peripherals), each metabolised to its norketamine
/// (1 compartment) and hydroxynorketamine (1 compartment); a venous sampling site lags the arterial
/// central compartment. Amounts in mg; concentrations reported in ng/mL; unbound brain in µM.
/// </summary>
/// <remarks>
/// Structure choice: the early (arterial) distribution comes from Herd 2007 (V1, V2, Q2 allometric to
/// 70 kg); each enantiomer's clearance, steady-state volume and terminal half-life come from Hasan 2021
/// (healthy volunteers, enantioselective assay). The deep compartment closes the gap: V3 = Vss − V1 − V2,
/// and Q3 is solved so that the model's terminal half-life equals Hasan's. Herd alone has Vss 141 L and
/// a 1.3-h terminal phase, far below the 2.5-6 h of PK-2; Hasan alone gives no early distribution.
/// See docs/pharmacokinetics.md.
/// </remarks>
public sealed class RacemicKetaminePk(bool includeEliminationAccumulators = false, bool includeExtravascular = false) : IPkModule
{
    public const string CompoundName = "ketamine";

    public string Compound => CompoundName;

    /// <summary>Herd 2007's typical central and shallow volumes per 70 kg (L), the defaults of ket_V1_ref and ket_V2_ref.</summary>
    private const double HerdV1L = 38.7, HerdV2L = 102, ReferenceWeightKg = 70;
    public string Key => "ketamine-racemic-human"
        + (includeExtravascular ? "+extravascular" : "")
        + (includeEliminationAccumulators ? "+accumulators" : "");
    public string Description => "Racemic ketamine IV, IM/SC and oral (S/R enantiomers, Herd 2007 + Hasan 2021), norketamine, HNK, venous sampling site";
    public bool IncludesEliminationAccumulators => includeEliminationAccumulators;
    public bool IncludesExtravascular => includeExtravascular;

    /// <summary>Routes that need the absorption depots of the extravascular variant.</summary>
    private static readonly Route[] ExtravascularRoutes = [Route.Intramuscular, Route.Subcutaneous, Route.Oral];

    public IPkModule ForRoutes(IReadOnlyCollection<Route> routes) =>
        !includeExtravascular && routes.Any(ExtravascularRoutes.Contains)
            ? new RacemicKetaminePk(includeEliminationAccumulators, includeExtravascular: true)
            : this;

    public static readonly string[] Enantiomers = ["s", "r"];

    public IReadOnlyList<string> DefaultObservables { get; } =
    [
        "ketamine_plasma_ng_per_ml", "s_ketamine_plasma_ng_per_ml", "r_ketamine_plasma_ng_per_ml",
        "ketamine_arterial_ng_per_ml", "norketamine_plasma_ng_per_ml", "hnk_plasma_ng_per_ml",
        "ketamine_brain_unbound_um",
    ];

    public static string Central(string e) => $"ket_{e}_central";
    public static string Shallow(string e) => $"ket_{e}_shallow";
    public static string Deep(string e) => $"ket_{e}_deep";
    public static string Venous(string e) => $"ket_{e}_venous";
    public static string Norketamine(string e) => $"nk_{e}";
    public static string Hnk(string e) => $"hnk_{e}";
    public static string EliminatedKetamine(string e) => $"ket_{e}_eliminated";
    public static string EliminatedNorketamine(string e) => $"nk_{e}_eliminated";
    public static string EliminatedHnk(string e) => $"hnk_{e}_eliminated";
    public static string InjectionDepot(string e) => $"ket_{e}_injection_depot";
    public static string Gut(string e) => $"ket_{e}_gut";

    public const string BioavailabilityIm = "ket_F_im", BioavailabilitySc = "ket_F_sc";

    private const string Clements = "Clements, Nimmo & Grant 1982, J Pharm Sci 71:539 (racemic ketamine IM and oral in volunteers)";

    private const string Herd = "Herd et al. 2007, Paediatr Anaesth 17:622 (allometric to 70 kg)";
    private const string Hasan = "Hasan et al. 2021, Anesthesiology 135:326";

    public void Contribute(ModelBuilder b)
    {
        var wt = PkCovariates.Weight(b);

        // Shared distribution (per 70 kg).
        var v1Ref = b.Parameter("ket_V1_ref", HerdV1L, "L", Provenance.Cite(Herd + ": V1 38.7 L"), "Central (arterial-type) volume per 70 kg",
            PlausibleRange.LogNormalCv(HerdV1L, 0.64, "Herd 2007 V1"));
        var v2Ref = b.Parameter("ket_V2_ref", HerdV2L, "L", Provenance.Cite(Herd + ": V2 102 L"), "Shallow peripheral volume per 70 kg",
            PlausibleRange.LogNormalCv(HerdV2L, 0.52, "Herd 2007 V2"));
        var q2Ref = b.Parameter("ket_Q2_ref", 215, "L/h", Provenance.Cite(Herd + ": Q 215 L/h"), "Shallow inter-compartmental clearance per 70 kg");
        var v1 = b.Derived("ket_V1", PkCovariates.ScaleVolume(v1Ref, wt), "L", "Central volume for this weight");
        var v2 = b.Derived("ket_V2", PkCovariates.ScaleVolume(v2Ref, wt), "L", "Shallow peripheral volume for this weight");
        var q2 = b.Derived("ket_Q2", PkCovariates.ScaleClearance(q2Ref, wt), "L/h", "Shallow inter-compartmental clearance for this weight");

        // Venous sampling site: a link (no-mass) compartment in equilibrium with arterial blood with rate kv.
        var kv = b.Parameter("ket_kv", 9.2, "1/h", Provenance.Calibrated(
            "PK-1 venous Cmax 185 ng/mL (Zanos 2018 Table 1 / Zarate 2006); arterial-venous lag of forearm sampling (parameters.md: venous sampling compartment, as Kamp 2020 and Henthorn 2018 do)"),
            "Equilibration rate of the venous sampling site with arterial plasma (t½ = ln2/kv)");

        // Binding and brain partition.
        var fu = b.Parameter("ket_fu", 0.55, "1", Provenance.Assume(
            "esketamine plasma unbound fraction ≈ 0.55 (Spravato label), used for both enantiomers of the racemate (binding is not known to be enantioselective)"),
            "Plasma unbound fraction of ketamine", PlausibleRange.Fraction());
        var kpuu = b.Parameter("ket_Kpuu_brain", 1.0, "1", Provenance.Assume(
            "passive, lipophilic, no known efflux: unbound brain = unbound plasma; brain equilibrates in < 1 min (Sleigh 2019 EEG t½ 23 s), so no delay"),
            "Unbound brain-to-plasma partition coefficient Kp,uu");
        var fuNk = b.Parameter("nk_fu", 0.55, "1", Provenance.Assume("norketamine binding taken equal to ketamine's (no measured value in parameters.md)"), "Plasma unbound fraction of norketamine", PlausibleRange.Fraction());
        var fuHnk = b.Parameter("hnk_fu", 0.55, "1", Provenance.Assume("HNK binding taken equal to ketamine's (no measured value in parameters.md)"), "Plasma unbound fraction of HNK", PlausibleRange.Fraction());

        // Metabolite disposition (shared by enantiomers).
        var fNk = b.Parameter("ket_frac_to_nk", 0.14, "1", Provenance.Calibrated(
            "PK-3 NK/K AUC0-24 ≈ 0.2 after IV (Pharmacotherapy 2022;42:298): the fraction of ketamine clearance that reaches the circulation as norketamine"),
            "Fraction of ketamine clearance appearing in plasma as norketamine", PlausibleRange.Fraction());
        var fHnk = b.Parameter("ket_frac_to_hnk", 0.4, "1", Provenance.Assume(
            "sequential hepatic metabolism: much norketamine formed in the liver is hydroxylated before it leaves (high HNK/K AUC ratios 1.7-3.1 with a low NK/K ratio, Hasan 2021; Pharmacotherapy 2022); 0.4 chosen so formation to NK+HNK is about half of ketamine clearance"),
            "Fraction of ketamine clearance appearing in plasma directly as HNK", PlausibleRange.Fraction());
        var fNkHnk = b.Parameter("nk_frac_to_hnk", 0.5, "1", Provenance.Assume("half of norketamine clearance forms HNK, the rest dehydronorketamine and conjugates (no quantitative source in parameters.md)"),
            "Fraction of norketamine clearance forming HNK", PlausibleRange.Fraction());
        var clNkRef = b.Parameter("nk_CL_ref", 60, "L/h", Provenance.Assume(
            "norketamine clearance per 70 kg of the order of hepatic plasma flow; Flint 2017's CL/fm 53.2 L/h cannot be used with PK-3 (it implies NK/K AUC ≈ 1.7; see docs)"),
            "Norketamine clearance per 70 kg");
        var vNkRef = b.Parameter("nk_V_ref", 300, "L", Provenance.Assume("norketamine volume of the order of ketamine's (Kamp 2020 one-compartment V 252 L); t½ ≈ 3.5 h"), "Norketamine volume per 70 kg");
        var vHnkRef = b.Parameter("hnk_V_ref", 150, "L", Provenance.Assume("HNK is more polar than ketamine: volume taken ~0.6× Kamp 2020's ketamine V"), "HNK volume per 70 kg");
        var clNk = b.Derived("nk_CL", PkCovariates.ScaleClearance(clNkRef, wt), "L/h", "Norketamine clearance for this weight");
        var vNk = b.Derived("nk_V", PkCovariates.ScaleVolume(vNkRef, wt), "L", "Norketamine volume for this weight");
        var vHnk = b.Derived("hnk_V", PkCovariates.ScaleVolume(vHnkRef, wt), "L", "HNK volume for this weight");

        Param? kaInjection = null, kaOral = null, fOral = null;
        if (includeExtravascular)
        {
            b.Parameter(BioavailabilityIm, 0.93, "1", Provenance.Cite(Clements + ": IM bioavailability 93%"), "Fraction of an IM dose reaching the circulation", PlausibleRange.Fraction());
            b.Parameter(BioavailabilitySc, 0.93, "1", Provenance.Assume(
                "no subcutaneous set in parameters.md; SC taken equal to IM (both are parenteral depots without first pass)"), "Fraction of an SC dose reaching the circulation", PlausibleRange.Fraction());
            kaInjection = b.Parameter("ket_ka_injection", 6.0, "1/h", Provenance.Assume(
                "IM/SC absorption half-time ≈ 7 min, so that plasma peaks about 20 min after injection as " + Clements + " reports for IM; SC taken equal"),
                "Absorption rate constant from an IM or SC injection site");
            kaOral = b.Parameter("ket_ka_oral", 2.0, "1/h", Provenance.Assume(
                "oral absorption half-time ≈ 20 min, so that plasma peaks within about 30-60 min as " + Clements + " reports"),
                "Absorption rate constant from the gut");
            fOral = b.Parameter("ket_F_oral", 0.17, "1", Provenance.Cite(
                Clements + ": oral bioavailability 17% (Fanta 2015 gives 8% for S-ketamine alone)"),
                "Fraction of an absorbed oral dose escaping first pass", PlausibleRange.Fraction());
        }

        var sum = new Dictionary<string, Expr>
        {
            ["venous"] = 0.0, ["arterial"] = 0.0, ["nk"] = 0.0, ["hnk"] = 0.0, ["brain"] = 0.0,
        };

        foreach (var e in Enantiomers)
        {
            string E = e.ToUpperInvariant();
            var (cl, vss, thalf, q3, ratioHnk) = e == "s"
                ? (97.2, 6.6, 5.2, 95.7, 1.7)
                : (91.8, 5.6, 6.1, 46.05, 3.1);
            var clRef = b.Parameter($"ket_CL_{E}_ref", cl, "L/h", Provenance.Cite(
                $"{Hasan}: metabolic CL {E} {(e == "s" ? 1620 : 1530)} mL/min = {cl} L/h (taken per 70 kg)"), $"{E}-ketamine clearance per 70 kg",
                PlausibleRange.LogNormalCv(cl, 0.38, "Herd 2007 CL, one eta for S and R"));
            var vssPerKg = b.Parameter($"ket_Vss_{E}", vss, "L/kg", Provenance.Cite($"{Hasan}: Vss {E} {vss} L/kg"), $"{E}-ketamine steady-state volume");
            var q3Ref = b.Parameter($"ket_Q3_{E}_ref", q3, "L/h", Provenance.Cite(
                $"solved so the 70-kg model's terminal t½ equals {Hasan}'s {thalf} h for {E}-ketamine (given V1, V2, Q2 of Herd and CL, Vss of Hasan)"),
                $"Deep inter-compartmental clearance of {E}-ketamine per 70 kg");
            var ratio = b.Parameter($"hnk_{E}_auc_ratio", ratioHnk, "1", Provenance.Cite($"{Hasan}: 2,6-HNK/K AUC ratio {ratioHnk} ({E}) after IV"),
                $"{E}-HNK/{E}-ketamine AUC ratio used to set HNK clearance");

            var clK = b.Derived($"ket_CL_{E}", PkCovariates.ScaleClearance(clRef, wt), "L/h", $"{E}-ketamine clearance for this weight");
            // The deep volume closes the gap to Vss at the *typical* V1 and V2: between-subject variability on V1 and V2
            // (Herd's IIV 64% and 52%) then moves the subject's Vss instead of eating the deep volume, which went
            // negative — and the model unstable — for about 1 virtual subject in 2000 with large V1 and V2 etas.
            var v3 = b.Derived($"ket_V3_{E}", PkCovariates.ScaleVolume(vssPerKg * ReferenceWeightKg - (HerdV1L + HerdV2L), wt), "L",
                $"{E}-ketamine deep volume = Vss − typical V1 − typical V2 (per 70 kg, scaled by weight)");
            var q3e = b.Derived($"ket_Q3_{E}", PkCovariates.ScaleClearance(q3Ref, wt), "L/h", $"{E}-ketamine deep inter-compartmental clearance for this weight");
            // AUC_HNK·CL_HNK = Dose·(MW_HNK/MW_K)·(fHNK + fNK·fNK→HNK), so CL_HNK follows from Hasan's ratio.
            var clHnk = b.Derived($"hnk_CL_{E}",
                clK * (MolarMass.Hydroxynorketamine / MolarMass.Ketamine) * (fHnk + fNk * fNkHnk) / ratio, "L/h",
                $"{E}-HNK clearance, set so AUC(HNK)/AUC(K) equals Hasan 2021's ratio");

            var a1 = b.State(Central(e), "mg", $"{E}-ketamine, central (arterial) compartment");
            var a2 = b.State(Shallow(e), "mg", $"{E}-ketamine, shallow peripheral");
            var a3 = b.State(Deep(e), "mg", $"{E}-ketamine, deep peripheral");
            var cv = b.State(Venous(e), "mg/L", $"{E}-ketamine at the venous sampling site (link compartment, carries no mass)");
            var nk = b.State(Norketamine(e), "mg", $"{E}-norketamine");
            var hnk = b.State(Hnk(e), "mg", $"{E}-hydroxynorketamine");
            StateVar? elimK = null, elimNk = null, elimHnk = null;
            if (includeEliminationAccumulators)
            {
                elimK = b.State(EliminatedKetamine(e), "mg", $"{E}-ketamine cleared to other metabolites (accumulator)");
                elimNk = b.State(EliminatedNorketamine(e), "mg", $"{E}-norketamine cleared to other metabolites (accumulator)");
                elimHnk = b.State(EliminatedHnk(e), "mg", $"{E}-HNK eliminated (accumulator)");
            }

            Expr c1 = a1 / v1;
            b.Flow(a1, a2, q2 * c1, $"{E}-ketamine central → shallow");
            b.Flow(a2, a1, q2 * (a2 / v2), $"{E}-ketamine shallow → central");
            b.Flow(a1, a3, q3e * c1, $"{E}-ketamine central → deep");
            b.Flow(a3, a1, q3e * (a3 / v3), $"{E}-ketamine deep → central");
            b.Flow(a1, nk, fNk * clK * c1, $"{E}-ketamine → {E}-norketamine", MolarMass.Norketamine / MolarMass.Ketamine);
            b.Flow(a1, hnk, fHnk * clK * c1, $"{E}-ketamine → {E}-HNK (sequential hepatic)", MolarMass.Hydroxynorketamine / MolarMass.Ketamine);
            b.Flow(a1, elimK, (1.0 - fNk - fHnk) * clK * c1, $"{E}-ketamine → other metabolites");
            b.Flow(nk, hnk, fNkHnk * clNk * (nk / vNk), $"{E}-norketamine → {E}-HNK", MolarMass.Hydroxynorketamine / MolarMass.Norketamine);
            b.Flow(nk, elimNk, (1.0 - fNkHnk) * clNk * (nk / vNk), $"{E}-norketamine → other metabolites");
            b.Flow(hnk, elimHnk, clHnk * (hnk / vHnk), $"{E}-HNK elimination");
            b.Rate(cv, kv * (c1 - cv));

            if (includeExtravascular)
            {
                var depot = b.State(InjectionDepot(e), "mg", $"{E}-ketamine at an IM or SC injection site (bioavailable part)");
                b.Flow(depot, a1, kaInjection! * depot, $"{E}-ketamine absorption from the injection site");
                // First pass through gut wall and liver splits like systemic hepatic clearance: the share that does
                // not escape (1 − F) forms norketamine and HNK in the same fractions, the rest other metabolites.
                var gut = b.State(Gut(e), "mg", $"{E}-ketamine in the gut (oral dose)");
                Expr absorbed = kaOral! * gut;
                b.Flow(gut, a1, fOral! * absorbed, $"{E}-ketamine oral absorption escaping first pass");
                b.Flow(gut, nk, (1.0 - fOral!) * fNk * absorbed, $"{E}-ketamine first pass → {E}-norketamine", MolarMass.Norketamine / MolarMass.Ketamine);
                b.Flow(gut, hnk, (1.0 - fOral!) * fHnk * absorbed, $"{E}-ketamine first pass → {E}-HNK", MolarMass.Hydroxynorketamine / MolarMass.Ketamine);
                b.Flow(gut, elimK, (1.0 - fOral!) * (1.0 - fNk - fHnk) * absorbed, $"{E}-ketamine first pass → other metabolites");
            }

            b.Observe($"{e}_ketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(cv), $"{E}-ketamine, venous plasma");
            b.Observe($"{e}_ketamine_arterial_ng_per_ml", "ng/mL", PkUnits.NgPerMl(c1), $"{E}-ketamine, arterial plasma");
            b.Observe($"{e}_norketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(nk / vNk), $"{E}-norketamine, plasma");
            b.Observe($"{e}_hnk_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(hnk / vHnk), $"{E}-HNK, plasma");
            var brain = PkUnits.Micromolar(fu * kpuu * c1, MolarMass.Ketamine);
            b.Observe($"{e}_ketamine_brain_unbound_um", "uM", brain, $"{E}-ketamine, unbound in brain (fu × Kp,uu × arterial)");
            b.Observe($"{e}_norketamine_brain_unbound_um", "uM", PkUnits.Micromolar(fuNk * kpuu * (nk / vNk), MolarMass.Norketamine), $"{E}-norketamine, unbound in brain");
            b.Observe($"{e}_hnk_brain_unbound_um", "uM", PkUnits.Micromolar(fuHnk * kpuu * (hnk / vHnk), MolarMass.Hydroxynorketamine), $"{E}-HNK, unbound in brain");

            sum["venous"] += cv;
            sum["arterial"] += c1;
            sum["nk"] += nk / vNk;
            sum["hnk"] += hnk / vHnk;
            sum["brain"] += brain;
        }

        b.Observe("ketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(sum["venous"]), "Total (S+R) ketamine, venous plasma (what clinical studies sample)");
        b.Observe("ketamine_arterial_ng_per_ml", "ng/mL", PkUnits.NgPerMl(sum["arterial"]), "Total (S+R) ketamine, arterial plasma");
        b.Observe("norketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(sum["nk"]), "Total (S+R) norketamine, plasma");
        b.Observe("hnk_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(sum["hnk"]), "Total (S+R) hydroxynorketamine, plasma");
        b.Observe("ketamine_brain_unbound_um", "uM", sum["brain"], "Total (S+R) ketamine, unbound in brain");
    }

    private static readonly Route[] Routes = [Route.IvBolus, Route.IvInfusion, .. ExtravascularRoutes];

    public IDoseRouting Routing => RoutingFor(null, null);

    public IDoseRouting RoutingFor(Model? model, double[]? parameters) =>
        new PkRouting(CompoundName, Routes, (dose, m, events) => Apply(dose, m, parameters, events));

    /// <summary>
    /// A racemic dose of X mg is X/2 mg of each enantiomer: IV into the central compartment; IM/SC into the
    /// injection depot, scaled by that route's bioavailability; oral into the gut, where first pass acts.
    /// </summary>
    private static void Apply(DoseOccurrence dose, Model model, double[]? parameters, DoseEvents events)
    {
        if (dose.Route is Route.IvBolus or Route.IvInfusion)
        {
            foreach (var e in Enantiomers)
                PkDosing.AddIntravenous(dose, model.StateIndex(Central(e)), 0.5, events);
            return;
        }
        if (!model.States.Any(s => s.Name == Gut("s")))
            throw new InvalidOperationException($"Ketamine by route {dose.Route} needs the extravascular model variant (IPkModule.ForRoutes).");
        double fraction = dose.Route switch
        {
            Route.Intramuscular => PkDosing.Value(model, parameters ?? PkDosing.DefaultsWithDerived(model), BioavailabilityIm),
            Route.Subcutaneous => PkDosing.Value(model, parameters ?? PkDosing.DefaultsWithDerived(model), BioavailabilitySc),
            _ => 1.0,
        };
        foreach (var e in Enantiomers)
        {
            int target = model.StateIndex(dose.Route == Route.Oral ? Gut(e) : InjectionDepot(e));
            events.AddBolus(dose.TimeHours, target, 0.5 * dose.AmountMg * dose.Bioavailability * fraction);
        }
    }
}
