using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Plasticity;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using static KetaSim.Biology.Circuit.MechanismExpr;

namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Suicidal ideation (system.md §5; docs/model/suicidal-ideation.md): MADRS item 10 (suicidal thoughts, 0-6) with
/// dynamics of its own, and a clinician-rated severity of suicidality on an ordinal 0-6 scale in the style of the
/// CGI-SS-r. Item 10 shares the relief of the whole depressive syndrome (its total-score drive) and adds a relief
/// specific to ideation, driven by the same BDNF/TrkB signal as the fast network change but with its own time
/// course: in the ketamine trials suicidal thoughts fell within hours, and the fall was only partly explained by the
/// fall in depression (Ballard 2014 J Psychiatr Res 58:161; Wilkinson 2018 Am J Psychiatry 175:150: the effect on
/// suicidal ideation held after adjusting for the change in depressive symptoms; Grunebaum 2018 Am J Psychiatry
/// 175:327: about a third of ketamine's effect on suicidal ideation was mediated by the change in mood). The layer
/// reads the symptoms layer's MADRS and expectancy and adds nothing to them: the total score is unchanged by it.
/// It is added only when a run asks for it (<see cref="MechanismSettings.Suicidality"/>), human only.
/// </summary>
public sealed class SuicidalIdeationModule : IMechanismModule
{
    public string Key => "suicidal-ideation-v1";
    public int Stage => MechanismStages.SuicidalIdeation;

    public const string ReliefStateName = "suicidal_ideation_relief_state";

    /// <summary>Top of MADRS item 10 and of the CGI-SS-r style severity, points.</summary>
    public const double ItemMax = 6;

    /// <summary>The nine other MADRS items can hold at most 9 × 6 = 54 points, so item 10 is at least MADRS − 54.</summary>
    public const double OtherItemsMax = 54;

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        if (!context.Settings.Suicidality || context.Species != Species.Human) return;
        var trkb = Observable(b, PlasticityModule.TrkBExcess);
        var madrs = Observable(b, MechanismNames.Madrs);
        var madrsRaw = Observable(b, SymptomNames.MadrsUnclamped);
        var expectancyDrive = Observable(b, SymptomNames.ExpectancyDrive);
        if (trkb is null || madrs is null || madrsRaw is null || expectancyDrive is null) return;

        var baselineMadrs = b.GetParameter(MechanismNames.Patient.BaselineMadrs);
        var resp = b.GetParameter(MechanismNames.Patient.Responsiveness);
        var placeboResp = b.GetParameter(MechanismNames.Patient.PlaceboResponsiveness);
        var zMaxPlacebo = b.GetParameter("madrs_expectancy_relief_max_drive");
        var baseline10 = GetOrAdd(b, MechanismNames.Patient.BaselineSuicidalThoughts, 2, "points", Provenance.Assume(
            "typical TRD trial entrant without suicidality inclusion: fleeting suicidal thoughts (MADRS item 10 ≈ 2); the crisis populations set their own"),
            "MADRS item 10 (suicidal thoughts) at baseline");

        // The share of the total score's relief item 10 follows: ideation is one of the ten items of the syndrome, so
        // whatever relieves the syndrome (drug, expectancy and care, a serotonergic drug) relieves it too.
        var coupling = b.Parameter("si_item10_coupling_to_total", 0.2, "1", Provenance.Calibrated(
            "CLIN-17 (Wilkinson 2018): the effect on the suicide item of one infusion holds to day 7 (d ≥ 0.48) while the total's fades, so item 10 follows only a fifth of the total's relative relief; about a third of the 24-h ideation effect of ketamine is then carried by the shared relief, as Grunebaum 2018 found a third mediated by mood"),
            "Relief drive of item 10 per unit relief drive of the MADRS total", PlausibleRange.Of(0.1, 1.0, "from an item almost independent of the total to one that moves exactly with it"));
        var tau = b.Parameter("si_relief_tau_h", 720.0, "h", Provenance.Calibrated(
            "CLIN-17: the ideation effect of one ketamine infusion holds from day 1 to day 7 (Cohen's d 0.48-0.85 at every time point, Wilkinson 2018)"),
            "Decay time of the ideation-specific relief after a dose", PlausibleRange.Of(72, 1440, "relief of suicidal ideation after one infusion lasts from days to beyond the week the trials followed (Wilkinson 2018; Ballard 2014); nothing constrains it beyond day 7"));
        var gain = b.Parameter("si_relief_per_trkb_h", 1.1, "1/h", Provenance.Calibrated(
            "CLIN-17: Cohen's d of the clinician-rated suicide item, single ketamine infusion vs control, inside 0.4-0.9 on days 1, 3 and 7 (Wilkinson 2018)"),
            "Ideation-specific relief drive (log units) per unit TrkB excess and hour, before decay");
        var zMax = b.Parameter("si_relief_max_drive", 2.0, "1", Provenance.Assume(
            "Emax of the ideation-specific relief: at most 1 − e^−2 ≈ 86% of the ideation left after the shared relief, as for expectancy"),
            "Largest ideation-specific relief drive (Emax, log units)", PlausibleRange.Of(1, 3, "assumption: between the expectancy (2) and drug (3) bounds of the total"));

        // The ideation-specific drive: the BDNF/TrkB signal of a dose (so it needs what the fast relief needs — the MOR gate
        // on SST cells in the mor-gated hypothesis — but not mTORC1 or new spines), integrated and decaying over days.
        var state = b.State(ReliefStateName, "1", "Ideation-specific relief signal (integrated TrkB excess, decaying)");
        b.Rate(state, gain * trkb - state / tau);
        Expr zOwn = SymptomsModule.Emax(resp * state, zMax);

        // The total's relief drive, recovered from its own output: MADRS = baseline·exp(−z_total) (SymptomsModule).
        Expr zTotal = Expr.Log(baselineMadrs / madrsRaw);
        Expr item10Raw = baseline10 * Expr.Exp(-(coupling * zTotal + zOwn));
        // Item 10 can be neither above 6 nor above the total, nor below what the nine other items (at most 54) leave.
        Expr upper = Min(ItemMax, madrs);
        Expr lower = Max(0.0, madrs - OtherItemsMax);
        Expr item10 = Max(lower, Min(upper, item10Raw));
        b.Observe(SuicidalIdeationNames.Item10Specific, "1", zOwn, "Ideation-specific relief drive (log units), beyond the total's");
        b.Observe(SuicidalIdeationNames.Item10Unbounded, "points", item10Raw, "MADRS item 10 before its bounds (0-6 and the total)");
        b.Observe(SuicidalIdeationNames.Item10, "points", item10, "MADRS item 10, suicidal thoughts (0-6)");

        // The clinician's global judgement of suicidality weighs the ideation and the acute risk around it (intent, plans,
        // the protective setting). The ideation part follows item 10; the risk part is relieved by care and containment
        // (the expectancy and care drive of the context, strongest in hospital), not specifically by the drug — which is
        // why the esketamine–placebo difference in ASPIRE I was clear on MADRS but not on CGI-SS-r (Fu 2020).
        var perItem = b.Parameter("cgi_ss_r_per_item10_point", 0.9, "1", Provenance.Assume(
            "CGI-SS-r and MADRS item 10 both run 0-6 from no suicidality to explicit plans; ASPIRE I entrants (active ideation with intent, item 10 ≈ 4-5) were rated around 4 ('markedly suicidal') on CGI-SS-r (Fu 2020)"),
            "CGI-SS-r severity per MADRS item-10 point at baseline", PlausibleRange.Of(0.6, 1.2, "assumption: parallel 0-6 anchors"));
        var ideationWeight = b.Parameter("cgi_ss_r_ideation_weight", 0.35, "1", Provenance.Calibrated(
            "CLIN-16/Suicidality: the esketamine–placebo difference in CGI-SS-r at 24 h was 0.0 (95% CI −1.0 to 0.0), not distinguishable from 0, while the MADRS difference was −3.8 (ASPIRE I, Fu 2020)"),
            "Share of the clinician's suicidality rating that follows the ideation (item 10); the rest follows acute risk relieved by care", PlausibleRange.Fraction());
        Expr zCare = SymptomsModule.Emax(placeboResp * expectancyDrive, zMaxPlacebo);
        Expr cgiRaw = perItem * (ideationWeight * item10 + (1.0 - ideationWeight) * baseline10 * Expr.Exp(-zCare));
        b.Observe(SuicidalIdeationNames.CgiSsR, "points", Min(ItemMax, cgiRaw), "Clinician-rated severity of suicidality, CGI-SS-r style (0-6, continuous before rating)");
    }

    /// <summary>min(a, b) (observables only: they enter no Jacobian, so a kink is harmless).</summary>
    private static Expr Min(Expr a, Expr b) => a - (a - b) * Expr.Step(a - b);

    /// <summary>max(a, b) (observables only).</summary>
    private static Expr Max(Expr a, Expr b) => a + (b - a) * Expr.Step(b - a);
}
