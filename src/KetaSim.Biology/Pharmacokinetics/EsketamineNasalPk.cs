using KetaSim.Biology.Dosing;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>
/// Esketamine nasal spray (and IV / oral solution), Perez-Ruixo et al. 2021, Clin Pharmacokinet 60:501:
/// three-compartment esketamine with a hepato-portal compartment exchanging with the central one at
/// hepatic blood flow; elimination (kel) and metabolism to noresketamine (kmet) act on the hepatic
/// compartment, so first pass and systemic clearance both come from it. Each 28-mg device splits into a
/// nasal fraction FRn (first-order ka_n into the central compartment) and a swallowed remainder (zero-order
/// release over Dsw into a gut depot, × Fgut, first-order ka_sw into the hepatic compartment).
/// Noresketamine: the published apparent two-compartment parameters.
/// </summary>
/// <remarks>
/// Equations checked against the nlmixr2lib encoding of the same publication
/// (nlmixr2/nlmixr2lib, inst/modeldb, model "PerezRuixo_2020_esketamine"), including its notes that the
/// printed depot equations have typos and that the apparent noresketamine parameters over-predict its
/// AUC0-24 by (kel + kmet)/kmet ≈ 1.41 (not calibrated here, as parameters.md says).
/// </remarks>
public sealed class EsketamineNasalPk : IPkModule
{
    public const string CompoundName = "esketamine";
    private const string Src = "Perez-Ruixo et al. 2021, Clin Pharmacokinet 60:501, Table 3";

    public string Compound => CompoundName;
    public string Key => "esketamine-perezruixo2021";
    public string Description => "Esketamine nasal/IV/oral (Perez-Ruixo 2021 population PK) with noresketamine";

    public IReadOnlyList<string> DefaultObservables { get; } =
        ["esketamine_plasma_ng_per_ml", "noresketamine_plasma_ng_per_ml", "esketamine_brain_unbound_um"];

    public const string NasalDepot = "esk_nasal";
    public const string GutDepot = "esk_gut";
    public const string OralDepot = "esk_oral";
    public const string Central = "esk_central";
    public const string Peripheral1 = "esk_periph1";
    public const string Peripheral2 = "esk_periph2";
    public const string Liver = "esk_liver";
    public const string NorCentral = "nesk_central";
    public const string NorPeripheral = "nesk_periph";

    public void Contribute(ModelBuilder b)
    {
        var age = PkCovariates.Age(b);
        var asian = PkCovariates.Asian(b);
        var japanese = b.HasSymbol("JAPANESE") ? b.GetParameter("JAPANESE")
            : b.Parameter("JAPANESE", 0, "1", Provenance.Assume("covariate placeholder (0/1); not in Subject, set by override"), "Japanese ancestry flag (raises esketamine FRn)",
                PlausibleRange.Fraction("a flag: 0 or 1"));

        P(b, "esk_FRn", 0.54, "1", "Nasal fraction FRn of the first 28-mg device of a session (typical)",
            PlausibleRange.LogitSd(0.54, 0.708, "Perez-Ruixo 2021 FRn"));
        P(b, "esk_FRn_later_device_factor", 0.62, "1", "FRn multiplier for the 2nd and later devices of a session");
        P(b, "esk_FRn_japanese_factor", 1.34, "1", "FRn multiplier for Japanese subjects");
        var kaN = P(b, "esk_ka_nasal", 2.93, "1/h", "Nasal absorption rate constant ka_n", PlausibleRange.LogNormalCv(2.93, 0.615, "Perez-Ruixo 2021 ka_n"));
        P(b, "esk_D_swallowed", 0.53, "h", "Duration of zero-order release of the swallowed part into the gut depot");
        var kaSw = P(b, "esk_ka_swallowed", 1.45, "1/h", "Absorption rate constant of the swallowed part into the hepatic compartment",
            PlausibleRange.LogNormalCv(1.45, 1.32, "Perez-Ruixo 2021 ka_sw"));
        P(b, "esk_D_oral", 0.32, "h", "Duration of zero-order release of an oral solution dose");
        var kaPo = P(b, "esk_ka_oral", 0.97, "1/h", "Absorption rate constant of an oral solution dose");
        P(b, "esk_Fgut", 0.64, "1", "Fraction of a swallowed dose escaping gut-wall metabolism", PlausibleRange.Fraction());
        var vc = P(b, "esk_Vc", 192, "L", "Central volume", PlausibleRange.LogNormalCv(192, 0.275, "Perez-Ruixo 2021 Vc"));
        var vp1 = P(b, "esk_Vp1", 143, "L", "Shallow peripheral volume", PlausibleRange.LogNormalCv(143, 0.493, "Perez-Ruixo 2021 Vp1"));
        var vp2 = P(b, "esk_Vp2", 417, "L", "Deep peripheral volume");
        var q1 = P(b, "esk_Q1", 84.3, "L/h", "Inter-compartmental clearance, shallow");
        var q2 = P(b, "esk_Q2", 37.6, "L/h", "Inter-compartmental clearance, deep");
        var qhRef = P(b, "esk_Qh_ref", 151, "L/h", "Hepatic blood flow Qh (≤ 60 y)", PlausibleRange.LogNormalCv(151, 0.232, "Perez-Ruixo 2021 Qh"));
        var qhAge = P(b, "esk_Qh_age_slope", 2.19, "L/h/y", "Fall of Qh per year of age above 60");
        var vh = P(b, "esk_Vh", 101, "L", "Hepato-portal volume");
        var kelRef = P(b, "esk_kel_ref", 1.11, "1/h", "Hepatic elimination to other metabolites, kel (non-Asian)", PlausibleRange.LogNormalCv(1.11, 1.20, "Perez-Ruixo 2021 kel"));
        var kelAsian = P(b, "esk_kel_asian_factor", 0.36, "1", "kel multiplier for (east-)Asian subjects");
        var kmet = P(b, "esk_kmet", 2.77, "1/h", "Hepatic metabolism to noresketamine, kmet");
        var vcn = P(b, "nesk_Vc_app", 70, "L", "Noresketamine apparent central volume Vcn/F");
        var clnRef = P(b, "nesk_CL_app_ref", 38, "L/h", "Noresketamine apparent clearance CLn/F (non-Asian)", PlausibleRange.LogNormalCv(38, 0.254, "Perez-Ruixo 2021 CLn/F"));
        var clnAsian = P(b, "nesk_CL_asian_factor", 0.81, "1", "CLn/F multiplier for Asian subjects (Table 3; in the nlmixr2lib encoding)");
        var vpn = P(b, "nesk_Vp_app", 115, "L", "Noresketamine apparent peripheral volume Vpn/F");
        var q3 = P(b, "nesk_Q_app", 26.1, "L/h", "Noresketamine apparent inter-compartmental clearance Q/F");
        var fu = b.Parameter("esk_fu", 0.55, "1", Provenance.Cite("Spravato label: esketamine plasma unbound fraction ≈ 0.55 (43-45% bound)"), "Esketamine plasma unbound fraction", PlausibleRange.Fraction());
        var kpuu = b.Parameter("esk_Kpuu_brain", 1.0, "1", Provenance.Assume("passive, lipophilic, no known efflux: unbound brain = unbound plasma; equilibration < 1 min (Sleigh 2019)"), "Unbound brain-to-plasma partition Kp,uu");
        var fuN = b.Parameter("nesk_fu", 0.55, "1", Provenance.Assume("noresketamine binding taken equal to esketamine's"), "Noresketamine plasma unbound fraction", PlausibleRange.Fraction());

        var qh = b.Derived("esk_Qh", qhRef - qhAge * PkCovariates.PositivePart(age - 60.0), "L/h", "Hepatic blood flow for this age");
        var kel = b.Derived("esk_kel", kelRef * Expr.Pow(kelAsian, asian), "1/h", "kel for this subject");
        var cln = b.Derived("nesk_CL_app", clnRef * Expr.Pow(clnAsian, asian), "L/h", "CLn/F for this subject");
        b.Derived("esk_FRn_subject", b.GetParameter("esk_FRn") * Expr.Pow(b.GetParameter("esk_FRn_japanese_factor"), japanese), "1",
            "First-device FRn for this subject");

        var nasal = b.State(NasalDepot, "mg", "Esketamine in the nasal depot (nasal fraction of the sprays)");
        var gut = b.State(GutDepot, "mg", "Esketamine in the gut depot (swallowed part, after Fgut)");
        var oral = b.State(OralDepot, "mg", "Esketamine oral-solution depot (after Fgut)");
        var c = b.State(Central, "mg", "Esketamine, central compartment");
        var p1 = b.State(Peripheral1, "mg", "Esketamine, shallow peripheral");
        var p2 = b.State(Peripheral2, "mg", "Esketamine, deep peripheral");
        var h = b.State(Liver, "mg", "Esketamine, hepato-portal compartment");
        var n1 = b.State(NorCentral, "mg", "Noresketamine, central (apparent)");
        var n2 = b.State(NorPeripheral, "mg", "Noresketamine, peripheral (apparent)");

        Expr cc = c / vc;
        b.Flow(nasal, c, kaN * nasal, "nasal absorption");
        b.Flow(gut, h, kaSw * gut, "swallowed part absorbed into the hepato-portal compartment");
        b.Flow(oral, h, kaPo * oral, "oral solution absorbed into the hepato-portal compartment");
        b.Flow(c, p1, q1 * cc, "central → shallow");
        b.Flow(p1, c, q1 * (p1 / vp1), "shallow → central");
        b.Flow(c, p2, q2 * cc, "central → deep");
        b.Flow(p2, c, q2 * (p2 / vp2), "deep → central");
        b.Flow(c, h, qh * cc, "central → hepato-portal (Qh)");
        b.Flow(h, c, qh * (h / vh), "hepato-portal → central (Qh)");
        b.Flow(h, null, kel * h, "hepatic elimination to other metabolites (kel)");
        // Yield 1, as published: noresketamine amounts are in the apparent (esketamine-mg) scale of
        // Table 3's Vcn/F and CLn/F, which reproduce the published noresketamine Cmax.
        b.Flow(h, n1, kmet * h, "hepatic metabolism to noresketamine (kmet)");
        b.Flow(n1, n2, q3 * (n1 / vcn), "noresketamine central → peripheral");
        b.Flow(n2, n1, q3 * (n2 / vpn), "noresketamine peripheral → central");
        b.Flow(n1, null, cln * (n1 / vcn), "noresketamine elimination");

        b.Observe("esketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(cc), "Esketamine, plasma");
        b.Observe("noresketamine_plasma_ng_per_ml", "ng/mL", PkUnits.NgPerMl(n1 / vcn), "Noresketamine, plasma (apparent parameters)");
        b.Observe("esketamine_brain_unbound_um", "uM", PkUnits.Micromolar(fu * kpuu * cc, MolarMass.Ketamine), "Esketamine, unbound in brain");
        b.Observe("noresketamine_brain_unbound_um", "uM", PkUnits.Micromolar(fuN * kpuu * (n1 / vcn), MolarMass.Norketamine), "Noresketamine, unbound in brain");
    }

    private static Param P(ModelBuilder b, string name, double value, string unit, string description, PlausibleRange? range = null) =>
        b.Parameter(name, value, unit, Provenance.Cite(Src), description, range);

    private static readonly Route[] Routes = [Route.Intranasal, Route.IvBolus, Route.IvInfusion, Route.Oral];

    public IDoseRouting Routing => new PkRouting(CompoundName, Routes,
        (dose, model, events) => Apply(dose, model, PkDosing.DefaultsWithDerived(model), events));

    public IDoseRouting RoutingFor(Model model, double[] parameters)
    {
        var bound = (double[])parameters.Clone();
        return new PkRouting(CompoundName, Routes, (dose, m, events) => Apply(dose, m, bound, events));
    }

    /// <summary>
    /// Intranasal: the session's devices (28 mg each, 5 min apart); device i puts FRn_i × amount into the
    /// nasal depot and (1 − FRn_i) × Fgut × amount into the gut depot over Dsw, with FRn_1 = FRn and
    /// FRn_i = FRn × 0.62 for later devices. Oral solution: Fgut × amount over Dpo. IV: central.
    /// </summary>
    private static void Apply(DoseOccurrence dose, Model model, double[] p, DoseEvents events)
    {
        double V(string name) => PkDosing.Value(model, p, name);
        switch (dose.Route)
        {
            case Route.Intranasal:
            {
                double frn = V("esk_FRn_subject"), later = V("esk_FRn_later_device_factor"), fgut = V("esk_Fgut"), dsw = V("esk_D_swallowed");
                int nasal = model.StateIndex(NasalDepot), gut = model.StateIndex(GutDepot);
                foreach (var device in NasalSession.Devices(dose.AmountMg))
                {
                    // Later devices of a session are absorbed less nasally (Perez-Ruixo 2021: FRn × 0.62); a
                    // parameter, so that a user or a virtual population can vary it.
                    double fr = Math.Clamp(frn * (device.Index == 0 ? 1.0 : later), 0, 1);
                    double amount = device.AmountMg * dose.Bioavailability;
                    double t = dose.TimeHours + device.OffsetHours;
                    events.AddBolus(t, nasal, fr * amount);
                    events.AddInput(t, t + dsw, gut, (1 - fr) * fgut * amount / dsw);
                }
                break;
            }
            case Route.Oral:
            {
                double fgut = V("esk_Fgut"), dpo = V("esk_D_oral");
                double amount = dose.AmountMg * dose.Bioavailability;
                events.AddInput(dose.TimeHours, dose.TimeHours + dpo, model.StateIndex(OralDepot), fgut * amount / dpo);
                break;
            }
            default:
                PkDosing.AddIntravenous(dose, model.StateIndex(Central), 1.0, events);
                break;
        }
    }
}
