using KetaSim.Biology.Circuit;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Plasticity;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using static KetaSim.Biology.Circuit.MechanismExpr;

namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Symptoms (system.md §5). Human: MADRS = baseline − responsiveness × (fast + slow) − placebo
/// responsiveness × expectancy − serotonergic component, smoothly clamped to [0, 60]; HAM-D17 by a linear
/// conversion. Fast = a network state (hours) driven by the BDNF-TrkB signal; slow = spine density above
/// the stressed set point (days-weeks). Mouse: a stress-behaviour index (1 stressed, 0 healthy) with
/// the same fast/slow structure and no expectancy. Measurement noise is applied at observation time
/// (<see cref="MeasurementNoise"/>), never in the ODE. See docs/model/symptoms.md.
/// </summary>
public sealed class SymptomsModule : IMechanismModule
{
    public string Key => "symptoms-v1";
    public int Stage => MechanismStages.Symptoms;

    public const string NetworkStateName = "network_change";
    public const string SessionPendingState = "placebo_session_pending";
    public const string SessionState = "placebo_session";
    public const string OnsetState = "placebo_onset";
    /// <summary>State that care contacts (sessions, visits) add to: recent reinforcement of the expectancy.</summary>
    public const string CareReinforcementState = "placebo_care_reinforcement";
    /// <summary>Reinforcement added by one treatment session.</summary>
    public const string SessionWeightName = "placebo_reinforcement_per_session";
    /// <summary>Reinforcement added by one visit without treatment.</summary>
    public const string VisitWeightName = "placebo_reinforcement_per_visit";
    /// <summary>Serotonergic drive already present at baseline (a continued oral antidepressant at steady state): its
    /// effect is part of the baseline rating, so only the drive above it changes symptoms. Set by the runner.</summary>
    public const string SerotonergicDriveAtBaselineName = "madrs_serotonergic_drive_at_baseline";

    /// <summary>HAM-D17 per MADRS point (linear through 0).</summary>
    public const double HamdPerMadrs = 0.7;

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        var trkb = Observable(b, PlasticityModule.TrkBExcess);
        if (trkb is null || !b.HasSymbol(SpineDensity.ExcessState)) return;
        bool mouse = context.Species == Species.Mouse;

        var tauNetwork = b.Parameter("network_state_tau_h", mouse ? 8.0 : 10.0, "h", Provenance.Calibrated(mouse
            ? "MECH-5: behaviour changes within hours, before new spines (Moda-Sava 2019)"
            : "CLIN-4/CLIN-5: relief measurable from 40 min-4 h; CLIN-6 24-h value carried mostly by spines"),
            "Decay time of the BDNF-driven network change (AMPA potentiation) behind the fast relief");
        var network = b.State(NetworkStateName, "1", "BDNF/TrkB-driven network change (integrated TrkB excess, decaying)");
        b.Rate(network, trkb - network / tauNetwork);
        b.Observe(SymptomNames.NetworkState, "1", network, "Network-state change behind the fast relief");

        Expr spineRestored = SpineDensity.Excess(b) / SpineDensity.Loss(b); // share of the stress-lost spines regained

        if (mouse) { ContributeMouse(b, network, spineRestored); return; }

        var baseline = GetOrAdd(b, MechanismNames.Patient.BaselineMadrs, 32, "points", Provenance.Cite("typical TRD trial baseline (Murrough 2013; Daly 2018: 31-35)"), "MADRS at baseline");
        var resp = GetOrAdd(b, MechanismNames.Patient.Responsiveness, 1, "1", Provenance.Assume("typical patient"), "Multiplier on the drug-driven change");
        var placeboResp = GetOrAdd(b, MechanismNames.Patient.PlaceboResponsiveness, 1, "1", Provenance.Assume("typical patient"), "Multiplier on the expectancy change");
        var wFast = b.Parameter("madrs_points_per_network", 50.0, "points", Provenance.Calibrated("CLIN-5 (2 h) and CLIN-4 (measurable from 40 min-4 h)"), "MADRS improvement per unit network state");
        var wSlow = b.Parameter("madrs_points_per_spine_restored", 29.4, "points", Provenance.Calibrated("CLIN-1/Ketamine, CLIN-6, CLIN-7 (24 h and day 8), with the human spine lifetime set by CLIN-2/3"), "MADRS improvement per unit share of stress-lost spines regained");

        Expr fast = resp * wFast * network;
        Expr slow = resp * wSlow * spineRestored;
        b.Observe(MechanismNames.MadrsFast, "points", fast, "Fast (network) improvement, MADRS points");
        b.Observe(MechanismNames.MadrsSlow, "points", slow, "Slow (spine) improvement, MADRS points");

        // Expectancy: a sustained part that sets in over ~1 h, plus an acute part after the first session (t = 0).
        var tauOnsetShared = b.Parameter("placebo_onset_tau_h", 1.0, "h", Provenance.Assume("expectancy relief is reported within the first hours of a session (Daly 2018 placebo arm at 2 h)"), "Onset time of the sustained expectancy");
        var (sustained, acute, tauOnset) = PlaceboTable.Contribute(b, tauOnsetShared);
        var tauAbsorb = b.Parameter("placebo_session_rise_tau_h", 0.5, "h", Provenance.Assume("session effect builds over the first hour"), "Rise time of the acute session expectancy");
        var tauAcute = b.Parameter("placebo_session_decay_tau_h", 6.0, "h", Provenance.Calibrated("CLIN-5/6 placebo arm: −9.7 at 2 h falling to −5.7 at 24 h"), "Decay time of the acute session expectancy");
        var onset = b.State(OnsetState, "1", "Sustained expectancy, fraction set in");
        b.Rate(onset, (1.0 - onset) / tauOnset);
        var pending = b.State(SessionPendingState, "1", "First session's expectancy not yet felt", initial: 1.0);
        var session = b.State(SessionState, "1", "Acute session expectancy (unnormalised)");
        b.Flow(pending, session, pending / tauAbsorb, "expectancy builds");
        b.Flow(session, null, session / tauAcute, "expectancy fades");
        var peak = b.Derived("placebo_session_peak", SessionPeak(tauAbsorb, tauAcute), "1", "Peak of the unnormalised session curve");
        Expr placebo = placeboResp * (sustained * onset + acute * session / peak);
        b.Observe(MechanismNames.MadrsPlacebo, "points", placebo, "Expectancy improvement, MADRS points");

        Expr serotonergic = SerotonergicComponent(b);
        Expr raw = baseline - fast - slow - placebo - serotonergic;
        Expr madrs = SoftClamp(raw, 0, 60, 0.2);
        b.Observe(MechanismNames.Madrs, "points", madrs, "MADRS total (0-60)");
        b.Observe(SymptomNames.MadrsChange, "points", madrs - baseline, "MADRS change from baseline");
        b.Observe(MechanismNames.Hamd17, "points", HamdPerMadrs * madrs, "HAM-D17 by linear conversion (MADRS ≤ 10 ↔ HAM-D17 ≤ 7)");
    }

    /// <summary>Peak of k1/(k1−k2)(e^{−k2 t} − e^{−k1 t}) for time constants τ1 (rise) and τ2 (decay), τ1 ≠ τ2.</summary>
    private static Expr SessionPeak(Expr tau1, Expr tau2)
    {
        Expr k1 = 1.0 / tau1, k2 = 1.0 / tau2;
        Expr tPeak = Expr.Log(k1 / k2) / (k1 - k2);
        return k1 / (k1 - k2) * (Expr.Exp(-k2 * tPeak) - Expr.Exp(-k1 * tPeak));
    }

    /// <summary>The SSRI chain's slow contribution, if the serotonin layer is in the model (0 otherwise).</summary>
    private static Expr SerotonergicComponent(ModelBuilder b)
    {
        var drive = Observable(b, MechanismNames.SerotonergicPlasticityDrive);
        if (drive is null) return 0.0;
        var sResp = GetOrAdd(b, MechanismNames.Patient.SerotonergicResponsiveness, 1, "1", Provenance.Assume("typical patient"), "Multiplier on the serotonergic effect");
        var trd = GetOrAdd(b, MechanismNames.Patient.TreatmentResistant, 1, "1", Provenance.Assume("typical TRD patient"), "Treatment-resistant depression (0/1)");
        var w = b.Parameter("madrs_points_per_serotonergic_drive", 2.0, "points", Provenance.Calibrated(
            "CLIN-8 with CLIN-10: in the virtual MDD cohort the trial context (tablet expectancy and care) gives the CLIN-10 placebo response, and citalopram must add only enough for STAR*D's 47% response / 28% remission, about 2-3 MADRS points (CLIN-9 is a ratio and does not set the scale)"),
            "MADRS improvement per unit serotonergic plasticity drive");
        var trdFactor = b.Parameter("madrs_serotonergic_trd_factor", 0.4, "1", Provenance.Assume(
            "TRD = failure of ≥ 2 adequate trials: serotonergic effect reduced to 40% (system.md §5)"), "Serotonergic effect remaining in TRD");
        Expr component = sResp * w * drive * (1.0 - (1.0 - trdFactor) * trd);
        b.Observe(SymptomNames.SerotonergicComponent, "points", component, "Serotonergic (SSRI) improvement, MADRS points");
        return component;
    }

    private static void ContributeMouse(ModelBuilder b, Expr network, Expr spineRestored)
    {
        var stress = StressSeverity(b);
        var resp = GetOrAdd(b, MechanismNames.Patient.Responsiveness, 1, "1", Provenance.Assume("typical animal"), "Multiplier on the drug-driven change");
        var wFast = b.Parameter("behaviour_per_network", 1.5, "1", Provenance.Calibrated("MECH-5: rescue within hours (Moda-Sava 2019)"), "Stress-behaviour index relief per unit network state");
        var wSlow = b.Parameter("behaviour_per_spine_restored", 1.0, "1", Provenance.Assume("regaining all stress-lost spines restores healthy behaviour"), "Relief per unit share of lost spines regained");
        Expr fast = resp * wFast * network, slow = resp * wSlow * spineRestored;
        b.Observe(MechanismNames.MadrsFast, "1", fast, "Fast (network) relief of the behaviour index");
        b.Observe(MechanismNames.MadrsSlow, "1", slow, "Slow (spine) relief of the behaviour index");
        b.Observe(SymptomNames.StressBehaviourIndex, "1", SoftClamp(stress - stress * (fast + slow), 0, 1, 0.005),
            "Stress-behaviour index: 1 stressed untreated, 0 healthy");
    }
}
