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
    public const string ExpectancyState = "placebo_expectancy";
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
        if (trkb is null || !b.HasSymbol(SpineDensity.TransientState)) return;
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
        var kFast = b.Parameter("madrs_relief_per_network", 2.8, "1", Provenance.Calibrated("CLIN-5 (2 h) and CLIN-4 (measurable from 40 min-4 h)"),
            "Drug relief drive (relief odds) per unit network state");
        var kSlow = b.Parameter("madrs_relief_per_spine_restored", 1.7, "1", Provenance.Calibrated("CLIN-1/Ketamine, CLIN-6, CLIN-7 (24 h and day 8) and CLIN-11/12 (the induction gain held under maintenance)"),
            "Drug relief drive (relief odds) per unit share of stress-lost spines regained");

        // Every drive into symptoms is bounded (the spine share by the density capacity, the network state by the
        // saturating TrkB signal, expectancy by its own Emax, the serotonergic drive by its transduction) and acts on
        // the patient's own symptoms: the drives add in log space, MADRS = baseline·exp(−Σz), so each component removes a
        // share of what is left (a proportional, first-order relief), a change scales with how ill the patient is, and
        // MADRS stays within (0, baseline] without any clamp.
        var zMaxDrug = b.Parameter("madrs_drug_relief_max_drive", 3.0, "1", Provenance.Assume(
            "Emax of the drug-driven relief: at most 1 − e^−3 ≈ 95% of the patient's symptoms, however large the network and spine change and the patient's responsiveness (remission below a few MADRS points is rare even in responders)"),
            "Largest relief drive the network and spine change can reach (Emax, log units)");
        var zMaxPlacebo = b.Parameter("madrs_expectancy_relief_max_drive", 2.0, "1", Provenance.Assume(
            "Emax of expectancy and care: at most 1 − e^−2 ≈ 86% of symptoms: placebo remission is common in trials (CLIN-10), full symptom removal by expectancy alone is not"),
            "Largest relief drive expectancy and care can reach (Emax, log units)");
        Expr rawDrug = resp * (kFast * network + kSlow * spineRestored);
        Expr zDrug = Emax(rawDrug, zMaxDrug);
        Expr zPlacebo = Emax(placeboResp * Expectancy(b), zMaxPlacebo);
        Expr zSerotonergic = SerotonergicDrive(b);
        Expr zTotal = zDrug + zPlacebo + zSerotonergic;
        Expr raw = baseline * Expr.Exp(-zTotal);
        Expr relief = baseline - raw;
        Expr share(Expr z) => relief * z / (zTotal + 1e-9);
        b.Observe(MechanismNames.MadrsFast, "points", share(zDrug * kFast * network / (kFast * network + kSlow * spineRestored + 1e-12)), "Fast (network) share of the relief, MADRS points");
        b.Observe(MechanismNames.MadrsSlow, "points", share(zDrug * kSlow * spineRestored / (kFast * network + kSlow * spineRestored + 1e-12)), "Slow (spine) share of the relief, MADRS points");
        b.Observe(MechanismNames.MadrsPlacebo, "points", share(zPlacebo), "Expectancy and care share of the relief, MADRS points");
        b.Observe(SymptomNames.SerotonergicComponent, "points", share(zSerotonergic), "Serotonergic (oral antidepressant) share of the relief, MADRS points");
        b.Observe(SymptomNames.DrugReliefFraction, "1", 1.0 - Expr.Exp(-zDrug), "Share of the patient's symptoms the drug-driven network and spine change alone would relieve");
        b.Observe(SymptomNames.MadrsUnclamped, "points", raw, "MADRS before the 0-60 guard (MECH-8: the guard never does the work)");
        // The guard: identical to raw (within 0.003 points) inside [0.1, 59.9]; it exists only so that a user parameter set outside the
        // plausible ranges cannot produce an impossible rating.
        Expr madrs = SoftClamp(raw, 0, 60, 0.01);
        b.Observe(MechanismNames.Madrs, "points", madrs, "MADRS total (0-60)");
        b.Observe(SymptomNames.MadrsChange, "points", madrs - baseline, "MADRS change from baseline");
        b.Observe(MechanismNames.Hamd17, "points", HamdPerMadrs * madrs, "HAM-D17 by linear conversion (MADRS ≤ 10 ↔ HAM-D17 ≤ 7)");
    }

    /// <summary>
    /// A drive r bounded by its maximum: r/√(1 + (r/Zmax)²) — close to r while r is well below Zmax (71% of Zmax at
    /// r = Zmax) and never above Zmax, so the bound trims only the largest drives, not the moderate ones.
    /// </summary>
    public static Expr Emax(Expr r, Expr zMax) => r / Expr.Sqrt(1.0 + (r / zMax) * (r / zMax));

    /// <summary>Relief fraction 1 − exp(−z) of a drive z ≥ 0 (first-order: each unit of drive removes the same share of what is left).</summary>
    public static Expr Relief(Expr z) => 1.0 - Expr.Exp(-z);

    /// <summary>
    /// Expectancy and care as a process (system.md §5): every contact with care (a session, a visit —
    /// <see cref="CareContacts"/>) adds to a reinforcement that is absorbed into the patient's expectancy over hours;
    /// expectancy wanes over weeks once contacts stop. Its relief drive is the context's amplitude per session's worth
    /// of expectancy, plus an acute part after each session that fades within a day.
    /// </summary>
    private static Expr Expectancy(ModelBuilder b)
    {
        var tauAbsorbCare = b.Parameter("placebo_reinforcement_absorption_tau_h", 2.0, "h", Provenance.Assume(
            "expectancy relief is reported within the first hours of a session (Daly 2018 placebo arm at 2 h)"), "Time for a contact's reinforcement to become expectancy");
        var tauWane = b.Parameter("placebo_expectancy_wane_days", 56.0, "d", Provenance.Calibrated(
            "CLIN-5/6/7 placebo arm (two sessions: −5.7 at 24 h, −4.9 at day 8) with CLIN-14 (eight sessions: −15.3 at day 28): expectancy accumulates almost linearly over eight sessions 3-4 days apart, so it wanes slowly (weeks to months) without contacts"),
            "Time constant of expectancy waning without contacts");
        b.Parameter(SessionWeightName, 1.0, "1", Provenance.Assume(
            "definition: expectancy is counted in sessions' worth (one treatment session adds 1)"), "Expectancy reinforcement added by one treatment session");
        b.Parameter(VisitWeightName, 0.3, "1", Provenance.Assume(
            "a rating visit reinforces less than a treatment session; more follow-up visits give larger placebo responses (Posternak & Zimmerman 2007, Br J Psychiatry 190:287)"),
            "Expectancy reinforcement added by one visit without treatment (sessions' worth)");
        var care = b.State(CareReinforcementState, "1", "Recent care reinforcement not yet absorbed (sessions' worth; boluses at contacts)");
        var expectancy = b.State(ExpectancyState, "1", "Expectancy built by contacts with care (sessions' worth)");
        b.Flow(care, expectancy, care / tauAbsorbCare, "reinforcement becomes expectancy");
        b.Flow(expectancy, null, expectancy / (tauWane * 24.0), "expectancy wanes");

        var (sustained, acute) = PlaceboTable.Contribute(b);
        var tauAbsorb = b.Parameter("placebo_session_rise_tau_h", 0.5, "h", Provenance.Assume("session effect builds over the first hour"), "Rise time of the acute session expectancy");
        var tauAcute = b.Parameter("placebo_session_decay_tau_h", 6.0, "h", Provenance.Calibrated("CLIN-5/6 placebo arm: −9.7 at 2 h falling to −5.7 at 24 h"), "Decay time of the acute session expectancy");
        var pending = b.State(SessionPendingState, "1", "Sessions' acute expectancy not yet felt (a bolus at each session)");
        var session = b.State(SessionState, "1", "Acute session expectancy (unnormalised)");
        b.Flow(pending, session, pending / tauAbsorb, "expectancy builds");
        b.Flow(session, null, session / tauAcute, "expectancy fades");
        var peak = b.Derived("placebo_session_peak", SessionPeak(tauAbsorb, tauAcute), "1", "Peak of the unnormalised session curve");
        var saturation = b.Parameter("placebo_expectancy_saturation_sessions", 24.0, "1", Provenance.Assume(
            "expectancy cannot grow without bound with more contacts: its relief drive is half its linear extrapolation at 24 sessions' worth (three months of twice-weekly sessions; the calibration trials, at most 8 sessions in 4 weeks, stay in the nearly linear range)"),
            "Expectancy (sessions' worth) at which its relief drive is half of the linear extrapolation (Emax)");
        Expr drive = sustained * expectancy / (1.0 + expectancy / saturation) + acute * session / peak;
        b.Observe(SymptomNames.Expectancy, "1", expectancy, "Expectancy built by contacts with care (sessions' worth)");
        b.Observe(SymptomNames.ExpectancyDrive, "1", drive, "Expectancy relief drive of the typical patient (relief odds)");
        return drive;
    }

    /// <summary>Peak of k1/(k1−k2)(e^{−k2 t} − e^{−k1 t}) for time constants τ1 (rise) and τ2 (decay), τ1 ≠ τ2.</summary>
    private static Expr SessionPeak(Expr tau1, Expr tau2)
    {
        Expr k1 = 1.0 / tau1, k2 = 1.0 / tau2;
        Expr tPeak = Expr.Log(k1 / k2) / (k1 - k2);
        return k1 / (k1 - k2) * (Expr.Exp(-k2 * tPeak) - Expr.Exp(-k1 * tPeak));
    }

    /// <summary>
    /// The SSRI chain's relief drive (0 without the serotonin layer): the patient's serotonergic responsiveness × scale
    /// × the drive above what was already present at baseline (a continued antidepressant's effect is part of the
    /// baseline rating), reduced in treatment-resistant patients.
    /// </summary>
    private static Expr SerotonergicDrive(ModelBuilder b)
    {
        var drive = Observable(b, MechanismNames.SerotonergicPlasticityDrive);
        if (drive is null) return 0.0;
        var sResp = GetOrAdd(b, MechanismNames.Patient.SerotonergicResponsiveness, 1, "1", Provenance.Assume("typical patient"), "Multiplier on the serotonergic effect");
        var trd = GetOrAdd(b, MechanismNames.Patient.TreatmentResistant, 1, "1", Provenance.Assume("typical TRD patient"), "Treatment-resistant depression (0/1)");
        var w = b.Parameter("madrs_relief_per_serotonergic_drive", 0.12, "1", Provenance.Calibrated(
            "CLIN-8 with CLIN-10: in the virtual MDD cohort the trial context (tablet expectancy and visits) gives the CLIN-10 placebo response, and citalopram must add only enough for STAR*D's 47% response / 28% remission (CLIN-9 is a ratio and does not set the scale)"),
            "Serotonergic relief drive (relief odds) per unit serotonergic plasticity drive");
        var trdFactor = b.Parameter("madrs_serotonergic_trd_factor", 0.4, "1", Provenance.Assume(
            "TRD = failure of ≥ 2 adequate trials: serotonergic effect reduced to 40% (system.md §5)"), "Serotonergic effect remaining in TRD");
        var atBaseline = b.Parameter(SerotonergicDriveAtBaselineName, 0.0, "1", Provenance.Assume(
            "no antidepressant before t = 0 unless the regimen continues one (the runner sets it from the pre-treatment steady state)"),
            "Serotonergic drive already present at baseline");
        return sResp * w * Rectify(drive - atBaseline, 0.001) * (1.0 - (1.0 - trdFactor) * trd);
    }

    private static void ContributeMouse(ModelBuilder b, Expr network, Expr spineRestored)
    {
        var stress = StressSeverity(b);
        var resp = GetOrAdd(b, MechanismNames.Patient.Responsiveness, 1, "1", Provenance.Assume("typical animal"), "Multiplier on the drug-driven change");
        var wFast = b.Parameter("behaviour_relief_per_network", 1.5, "1", Provenance.Calibrated("MECH-5: rescue within hours (Moda-Sava 2019)"), "Stress-behaviour relief drive per unit network state");
        var wSlow = b.Parameter("behaviour_relief_per_spine_restored", 1.0, "1", Provenance.Assume("regaining the stress-lost spines restores most healthy behaviour"), "Relief drive per unit share of lost spines regained");
        // As in humans, the relief saturates (z/(1 + z)) and acts on the animal's own stress state.
        Expr z = resp * (wFast * network + wSlow * spineRestored);
        Expr relief = Relief(z);
        b.Observe(MechanismNames.MadrsFast, "1", relief * wFast * network / (wFast * network + wSlow * spineRestored + 1e-9), "Fast (network) share of the behaviour relief");
        b.Observe(MechanismNames.MadrsSlow, "1", relief * wSlow * spineRestored / (wFast * network + wSlow * spineRestored + 1e-9), "Slow (spine) share of the behaviour relief");
        b.Observe(SymptomNames.StressBehaviourIndex, "1", stress * (1.0 - relief), "Stress-behaviour index: 1 stressed untreated, 0 healthy");
    }
}
