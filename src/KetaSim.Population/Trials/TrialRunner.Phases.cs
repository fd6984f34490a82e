using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Population.Sampling;

namespace KetaSim.Population.Trials;

/// <summary>Phased designs (docs/trials.md, "Phases"): one subject simulated phase by phase on one <see cref="SegmentedRun"/>.</summary>
public sealed partial class TrialRunner
{
    /// <summary>
    /// The regimen template of an arm as the trial runs it: the trial's duration, only the visits as output times, and
    /// every visit a care contact (<see cref="CareContactKind.Visit"/>) beside the arm's inert sessions.
    /// </summary>
    public static Scenario TemplateFor(TrialDefinition trial, TrialArm arm)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(arm);
        var template = arm.RegimenTemplate with { DurationHours = trial.DurationHours, OutputTimesHours = trial.VisitTimesHours, CareContacts = CareContactsOf(trial, arm) };
        // Suicidality endpoints need the suicidal-ideation layer, which only runs that ask for it compile.
        return trial.Suicidality is not null && template.Mechanism is { } mech ? template with { Mechanism = mech with { Suicidality = true } } : template;
    }

    /// <summary>The regimen of arm <paramref name="armIndex"/> in phase <paramref name="phase"/>: the phase's own, then the arm's in it.</summary>
    private static (PhaseRegimen Common, PhaseRegimen? Arm) RegimenIn(TrialDefinition trial, TrialPhase phase, int armIndex) =>
        (phase.Regimen, phase.ArmRegimens.TryGetValue(trial.Arms[armIndex].Name, out var r) ? r : null);

    /// <summary>The placebo context of an arm in a phase: the arm's regimen in the phase, the phase's regimen, the phase, then the arm's template.</summary>
    public static PlaceboKind PlaceboIn(TrialDefinition trial, int phaseIndex, int armIndex)
    {
        var phase = trial.Phases[phaseIndex];
        var (common, arm) = RegimenIn(trial, phase, armIndex);
        return arm?.Placebo ?? common.Placebo ?? phase.Placebo ?? trial.Arms[armIndex].RegimenTemplate.Mechanism?.Patient.Placebo ?? PlaceboKind.None;
    }

    private SubjectOutcome SimulatePhased(TrialDefinition trial, ulong seed, long subjectIndex, VirtualSubject subject, int armIndex, double? dropout)
    {
        var arm = trial.Arms[armIndex];
        var visits = trial.VisitTimesHours;
        bool hamd = trial.Scale == RatingScale.Hamd17;
        string scoreName = hamd ? MechanismNames.Hamd17 : MechanismNames.Madrs;
        var raw = new double[visits.Count + 1];
        var recorded = new bool[visits.Count];
        int held = 0, entered = 1;
        SessionSafety[]? sessionList = null;
        var sessionTimes = new List<double>();   // sessions given (a clock from the last dose; sessions to response)
        var retreatments = new List<double>();   // starts of re-treatment courses of a dosing rule
        var trajectory = new SegmentedTrajectory();   // the simulated grid of every segment, joined: validity flags
        var inertSessions = new List<double>();   // inert sessions (placebo spray, saline) of the phases entered: sessions to response
        try
        {
            // One model for the whole course: its doses name every compound and route any phase may give.
            var template = TemplateFor(trial, arm);
            var frameDoses = new List<DoseRecord>(template.Doses);
            foreach (var phase in trial.Phases)
            {
                var (common, own) = RegimenIn(trial, phase, armIndex);
                foreach (var r in own is null ? [common] : new[] { common, own })
                {
                    frameDoses.AddRange(r.Doses);
                    if (r.Rule is { } rule) frameDoses.Add(rule.Template with { TimeHours = phase.StartHours, Amount = rule.Levels[^1] });
                }
            }
            var frame = subject.Apply(template with { Doses = frameDoses }, _runner);
            if (arm.TreatmentResistant is { } trd && frame.Mechanism is { } m)
                frame = frame with { Mechanism = m with { Patient = m.Patient with { TreatmentResistant = trd } } };

            bool continued = template.Doses.Any(d => d.Continued);
            var run = new SegmentedRun(_runner, frame, continued ? -ContinuedMedication.PreRunHours : 0);
            SessionRecorder? recorder = null;
            if (trial.Safety is { } safety)
            {
                if (safety.BetweenPatientVariability)
                    SafetyCovariates.Apply(run, SafetyCovariates.Draw(safety, seed, subjectIndex, frame.Subject.AgeYears,
                        frame.Mechanism?.Patient.BaselineSystolicMmHg, frame.Mechanism?.Patient.BaselineDiastolicMmHg));
                recorder = new SessionRecorder(safety, run);
            }
            if (continued) ContinuedMedication.PreRun(run, template.Doses, PlaceboIn(trial, 0, armIndex));
            else run.SetPlacebo(PlaceboIn(trial, 0, armIndex));
            double modelBaselineMadrs = run.Observable(MechanismNames.Madrs);
            // The arm's own doses (absolute times, continued ones from t = 0 on), its inert sessions and every visit. With a
            // dose-hold rule, the doses it covers are given one by one at their times, after the pre-dose blood pressure check.
            var policy = frame.DoseHold;
            bool Covered(DoseRecord d) => policy is not null && policy.HeldCompounds.Contains(d.Compound) && !d.Continued;
            var checkedDoses = new List<DoseRecord>(policy is null ? [] : Biology.Safety.DoseHoldRule.SingleDoses(template.Doses.Where(Covered)));
            run.Give([.. template.Doses.Where(d => !Covered(d))], template.CareContacts);
            void SessionsOf(IEnumerable<DoseRecord> doses)
            {
                foreach (var d in doses)
                {
                    if (d.Continued || !CareContacts.IsSessionRoute(d.Route)) continue;
                    for (int k = 0; k <= d.AdditionalDoses; k++)
                    {
                        double t = d.TimeHours + k * d.IntervalHours;
                        if (t < run.TimeHours - 1e-9) continue;
                        sessionTimes.Add(t);
                        recorder?.Given(t, run);
                        if (d.IntervalHours <= 0) break;
                    }
                }
            }
            SessionsOf(template.Doses.Where(d => !Covered(d)));

            void Record(Modeling.Simulation.SimulationResult r)
            {
                recorder?.Take(r);
                trajectory.Add(r);
                var score = r.Observable(scoreName);
                var times = r.TimesHours;
                for (int k = 0, v = 0; k < times.Length; k++)
                {
                    while (v < visits.Count && visits[v] < times[k]) v++;
                    if (v < visits.Count && visits[v] == times[k] && !recorded[v]) { raw[v + 1] = score[k]; recorded[v] = true; }
                }
            }
            void AdvanceTo(double t)
            {
                if (t > run.TimeHours) Record(run.Advance(t, recorder?.OutputTimes(visits, run.TimeHours, t) ?? visits));
            }
            // The baseline rating: t = 0, before any event there (after the pre-run of a continued medication).
            raw[0] = run.Observable(scoreName);
            for (int v = 0; v < visits.Count && visits[v] == 0; v++) { raw[v + 1] = raw[0]; recorded[v] = true; }

            DoseAmount? level = null;
            bool HoldNow(DoseRecord d) =>
                Covered(d) && run.Has(MechanismNames.SystolicMmHg)
                && policy!.ShouldHold(run.Observable(MechanismNames.SystolicMmHg), run.Observable(MechanismNames.DiastolicMmHg), frame.Subject.AgeYears);
            // Covered fixed doses before t: advance to each, check, give or hold.
            void GiveCheckedUntil(double t)
            {
                while (checkedDoses.Count > 0 && checkedDoses[0].TimeHours < t)
                {
                    var d = checkedDoses[0];
                    checkedDoses.RemoveAt(0);
                    AdvanceTo(d.TimeHours);
                    bool session = CareContacts.IsSessionRoute(d.Route);
                    if (HoldNow(d))
                    {
                        held++;
                        if (session) recorder?.Held(run);
                    }
                    else
                    {
                        if (session)
                        {
                            sessionTimes.Add(d.TimeHours);
                            recorder?.Given(d.TimeHours, run);
                        }
                        run.Give([d]);
                    }
                }
            }
            for (int p = 0; p < trial.Phases.Count; p++)
            {
                var phase = trial.Phases[p];
                if (p > 0)
                {
                    if (!Qualifies(trial, p, Rated(trial, raw, seed, subjectIndex), dropout)) break;
                    entered++;
                    run.SetPlacebo(PlaceboIn(trial, p, armIndex));
                }
                var (common, own) = RegimenIn(trial, phase, armIndex);
                foreach (var r in own is null ? [common] : new[] { common, own })
                {
                    run.Give([.. r.Doses.Where(d => !Covered(d))], [.. r.SessionTimesHours.Select(t => new CareContact(t, CareContactKind.Session))]);
                    inertSessions.AddRange(r.SessionTimesHours);
                    SessionsOf(r.Doses.Where(d => !Covered(d)));
                    if (policy is not null && r.Doses.Any(Covered))
                    {
                        checkedDoses.AddRange(Biology.Safety.DoseHoldRule.SingleDoses(r.Doses.Where(Covered)));
                        checkedDoses.Sort((a, b) => a.TimeHours.CompareTo(b.TimeHours));
                    }
                }
                var rule = own?.Rule ?? common.Rule;
                if (rule is not null)
                {
                    double t = phase.StartHours + rule.FirstSessionOffsetHours;
                    int sessions = 0, current = -1, courses = 0;
                    double lastSession = t;   // the last session of the course (given or held)
                    RuleInputs InputsNow(int given)
                    {
                        double madrs = run.Observable(MechanismNames.Madrs);
                        return new RuleInputs(madrs, modelBaselineMadrs > 0 ? 1 - madrs / modelBaselineMadrs : 0, frame.Subject.AgeYears, given);
                    }
                    while (true)
                    {
                        if (t >= phase.EndHours - 1e-9) break;   // sessions run to the phase end
                        bool courseOver = rule.MaxSessions is { } max && sessions >= max;
                        // Visits after this time may start a re-treatment: after the course's last session, or after the stop.
                        double notBefore = lastSession;
                        if (!courseOver)
                        {
                            GiveCheckedUntil(t);
                            AdvanceTo(t);
                            // Stop at remission (or whatever stop_when says): no dose, and the course ends here.
                            courseOver = rule.StopWhen is { } stop && stop.Holds(InputsNow(sessions));
                            notBefore = t;
                        }
                        if (courseOver)
                        {
                            // Re-treatment: the first visit inside the phase, after now, at which retreat_when holds starts a new course.
                            if (rule.RetreatWhen is not { } retreat || (rule.MaxRetreatments is { } cap && courses >= cap)) break;
                            // Re-treatment is for relapse: only a subject who responded by the end of the course (one interval
                            // after its last session, or when stop_when held) is re-treated; a non-responder's treatment ends.
                            if (rule.RetreatRespondersOnly)
                            {
                                GiveCheckedUntil(t);
                                AdvanceTo(t);
                                if (InputsNow(0).Improvement < trial.ResponseFraction) break;
                            }
                            double next = double.NaN;
                            foreach (var vt in visits)
                            {
                                if (vt <= notBefore + 1e-9 || vt < run.TimeHours - 1e-9 || vt >= phase.EndHours - 1e-9) continue;
                                GiveCheckedUntil(vt);
                                AdvanceTo(vt);
                                if (retreat.Holds(InputsNow(0))) { next = vt; break; }
                            }
                            if (double.IsNaN(next)) break;
                            courses++;
                            retreatments.Add(next);
                            t = next;
                            sessions = 0;
                            continue;
                        }
                        var x = InputsNow(sessions);
                        current = current < 0 ? rule.FirstLevel(x, LevelOf(rule, level)) : rule.NextLevel(x, current);
                        var dose = rule.Template with { TimeHours = t, Amount = rule.Levels[current], AdditionalDoses = 0, IntervalHours = 0 };
                        bool session = CareContacts.IsSessionRoute(dose.Route);
                        if (HoldNow(dose))
                        {
                            held++;   // as the dose-hold rule of an unphased run: the dose is not given
                            if (session) recorder?.Held(run);
                        }
                        else
                        {
                            if (session)
                            {
                                sessionTimes.Add(t);
                                recorder?.Given(t, run);
                            }
                            run.Give([dose]);
                            level = dose.Amount;
                        }
                        sessions++;
                        lastSession = t;
                        t += rule.IntervalFor(x with { Sessions = sessions });
                    }
                }
                GiveCheckedUntil(phase.EndHours);
                AdvanceTo(phase.EndHours);
            }
            sessionList = recorder?.Finish();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TrialSubjectException($"Trial '{trial.Name}', subject {subjectIndex} (seed {seed}, arm '{arm.Name}'): {e.Message}", e);
        }
        var rated = Rated(trial, raw, seed, subjectIndex);
        sessionTimes.Sort();
        inertSessions.AddRange(TemplateFor(trial, arm).CareContacts.Where(c => c.Kind == CareContactKind.Session).Select(c => c.TimeHours));
        var treatmentSessions = sessionTimes.Concat(inertSessions).Where(x => dropout is not { } gone || x < gone).Distinct().Order().ToArray();
        int observed = entered < trial.Phases.Count ? visits.Count(t => t <= trial.Phases[entered - 1].EndHours) : visits.Count;
        int randomised = trial.RandomisedPhaseIndex;
        SubjectOutcome outcome;
        if (randomised > 0)
        {
            int armOut = entered > randomised ? armIndex : -1;
            outcome = Evaluate(trial, subjectIndex, armOut, rated, held, dropout, observed, entered, sessionTimes, treatmentSessions);
            if (armOut < 0) outcome = outcome with { RelapseEvaluable = false, RelapseHours = null, RelapseCensoredHours = 0, RelapseOriginHours = 0 };
        }
        else outcome = Evaluate(trial, subjectIndex, armIndex, rated, held, dropout, observed, entered, sessionTimes, treatmentSessions);
        // Sessions after dropout did not happen; those of phases the subject never entered were never given.
        IReadOnlyList<SessionSafety> given = sessionList is null ? [] : dropout is { } gone ? [.. sessionList.Where(x => x.TimeHours < gone)] : sessionList;
        return outcome with { PhasesEntered = entered, Sessions = given, Flags = trajectory.Flags(), RetreatmentHours = dropout is { } left ? [.. retreatments.Where(x => x < left)] : retreatments };
    }

    private static int LevelOf(DosingRule rule, DoseAmount? amount)
    {
        if (amount is not { } a) return -1;
        for (int k = 0; k < rule.Levels.Count; k++)
            if (rule.Levels[k] == a) return k;
        return -1;
    }

    /// <summary>The rated scores (rater noise when the trial has it; noise of a visit depends only on its index, so a prefix is final).</summary>
    private static double[] Rated(TrialDefinition trial, double[] raw, ulong seed, long subjectIndex)
    {
        if (!trial.MeasurementNoise) return raw;
        return trial.Scale == RatingScale.Hamd17
            ? MeasurementNoise.Apply(raw, seed, checked((int)subjectIndex), MeasurementNoise.MadrsSdPoints * SymptomsModule.HamdPerMadrs, Hamd17Max)
            : MeasurementNoise.Apply(raw, seed, checked((int)subjectIndex));
    }

    /// <summary>
    /// Whether a subject with rated scores <paramref name="rated"/> (baseline first) enters phase <paramref name="phase"/>:
    /// judged at the visits of the previous phase (observed ones: a subject who dropped out before them does not enter).
    /// </summary>
    public static bool Qualifies(TrialDefinition trial, int phase, IReadOnlyList<double> rated, double? dropoutHours)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(rated);
        var entry = trial.Phases[phase].Entry;
        // A subject who dropped out before the phase starts does not enter it (nor any later one).
        if (dropoutHours is { } d && d <= trial.Phases[phase].StartHours) return false;
        if (entry.Kind == PhaseEntryKind.All) return true;
        var (first, end) = trial.VisitsOfPhase(phase - 1);
        if (end <= first) return false;
        int last = end - 1;
        double baseline = rated[0];
        switch (entry.Kind)
        {
            case PhaseEntryKind.All: return true;
            case PhaseEntryKind.Responders: return baseline > 0 && Endpoints.IsResponse(baseline, rated[last + 1], trial.ResponseFraction);
            case PhaseEntryKind.Remitters: return Endpoints.IsRemission(rated[last + 1], trial.RemissionThresholdAtVisit(last));
            default:
                if (end - first < entry.StableVisits) return false;
                for (int v = end - entry.StableVisits; v < end; v++)
                    if (!Endpoints.IsRemission(rated[v + 1], trial.RemissionThresholdAtVisit(v))) return false;
                return true;
        }
    }
}

/// <summary>No subject of the run entered a phase: its entry criterion is met by nobody. Carries how many qualified and of how many.</summary>
public sealed class TrialPhaseEntryException(TrialPhase phase, int phaseIndex, long qualified, long candidates)
    : Exception($"phase '{phase.Name}': no subject met the entry criterion '{phase.Entry}' ({qualified} of {candidates} qualified at the end of the previous phase)")
{
    public TrialPhase Phase { get; } = phase;
    public int PhaseIndex { get; } = phaseIndex;
    public long Qualified { get; } = qualified;
    public long Candidates { get; } = candidates;
}

/// <summary>
/// MADRS and spine density on the simulated grid of a subject run in segments, joined in time order (a segment's first
/// point repeats the previous one's last and is skipped), so the validity checks see one trajectory (docs/validity.md).
/// </summary>
internal sealed class SegmentedTrajectory
{
    private readonly List<double> _t = [];
    private readonly List<double> _madrs = [];
    private readonly List<double> _spines = [];
    private bool _hasMadrs, _hasSpines;

    public void Add(Modeling.Simulation.SimulationResult r)
    {
        _hasMadrs = r.Model.HasObservable(MechanismNames.Madrs);
        _hasSpines = r.Model.HasObservable(MechanismNames.SpineDensityRel);
        var madrs = _hasMadrs ? r.Observable(MechanismNames.Madrs) : null;
        var spines = _hasSpines ? r.Observable(MechanismNames.SpineDensityRel) : null;
        var times = r.TimesHours;
        for (int k = 0; k < times.Length; k++)
        {
            if (_t.Count > 0 && times[k] <= _t[^1]) continue;
            _t.Add(times[k]);
            if (madrs is not null) _madrs.Add(madrs[k]);
            if (spines is not null) _spines.Add(spines[k]);
        }
    }

    public Biology.Validity.SubjectValidityFlags Flags() => _t.Count == 0 ? Biology.Validity.SubjectValidityFlags.None
        : Biology.Validity.ValidityDomain.SubjectFlags([.. _t], _hasMadrs ? [.. _madrs] : null, _hasSpines ? [.. _spines] : null);
}
