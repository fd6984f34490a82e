using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Population.Definitions;

namespace KetaSim.Population.Trials;

/// <summary>
/// One arm: a regimen template (doses, mechanism settings — placebo kind included —, dose-hold policy, parameter
/// overrides) that every subject randomised to the arm runs. Subject covariates and patient state come from the
/// population (<see cref="Sampling.VirtualSubject.Apply"/>); the template's duration and output step are replaced
/// by the trial's. Placebo arms are regimens too: the comparator is dosed (midazolam 0.045 mg/kg in CLIN-1, the
/// oral antidepressant alone in the CLIN-5 placebo-spray arm) or, for inert tablets, saline or no treatment at
/// all, not dosed (no doses: the symptom course comes from the disease state and the placebo context alone); the
/// expectation effect comes from <see cref="Biology.Mechanism.PatientState.Placebo"/> in the template's mechanism settings.
/// </summary>
public sealed record TrialArm(string Name, Scenario RegimenTemplate, double RandomisationWeight = 1)
{
    /// <summary>Treatment resistance of every subject in the arm, overriding the population's draw; null keeps the population's.</summary>
    public bool? TreatmentResistant { get; init; }
}

/// <summary>The rating scale a trial's visits record and its endpoints are defined on.</summary>
public enum RatingScale
{
    /// <summary>MADRS, 0-60 points.</summary>
    Madrs,
    /// <summary>HAM-D17, 0-52 points (the model's linear conversion of MADRS, <c>hamd17</c>).</summary>
    Hamd17,
}

/// <summary>
/// Randomised-withdrawal design: every subject runs the open-label regimen (identical in every arm before
/// <paramref name="RandomisationHours"/>); subjects in remission at each of the last <paramref name="StableVisits"/>
/// visits at or before randomisation are randomised by the arm weights, the others are not randomised and enter no
/// arm statistics. Relapse is then evaluated from randomisation (visits after it, without the after-remission
/// requirement) and its times are days since randomisation.
/// </summary>
public sealed record WithdrawalDesign(double RandomisationHours, int StableVisits = 2);

/// <summary>Relapse: MADRS ≥ <paramref name="Threshold"/> at <paramref name="ConsecutiveVisits"/> consecutive observed visits.
/// With <paramref name="OnlyAfterRemission"/> (default) only visits after a subject's first remission count, and only
/// subjects who remitted enter the relapse table.</summary>
/// <remarks>The other kinds, references and clocks: <see cref="RelapseEvaluation"/>. A trial with a relapse phase (<see cref="Phase"/>,
/// else the randomised phase) judges relapse from that phase's first visit, for the subjects who entered it.</remarks>
public sealed record RelapseRule(double Threshold = Endpoints.RelapseMadrs, int ConsecutiveVisits = 2, bool OnlyAfterRemission = true)
{
    public RelapseKind Kind { get; init; } = RelapseKind.Threshold;

    /// <summary>What a loss of response is measured against.</summary>
    public RelapseReference Reference { get; init; } = RelapseReference.Baseline;

    /// <summary>Origin of relapse times; the default is the relapse phase's start (randomisation), or t = 0 without one.</summary>
    public RelapseClock Clock { get; init; } = RelapseClock.PhaseEntry;

    /// <summary>The relapse phase by name; null = the randomised phase, if any.</summary>
    public string? Phase { get; init; }
}

/// <summary>"Enrol until <see cref="Entered"/> subjects enter phase <see cref="Phase"/>".</summary>
public sealed record EnrolUntil(string Phase, int Entered);

/// <summary>Arms analysed together (pooled) in the summary, beside each arm alone, and compared with the control arm.</summary>
public sealed record PooledArms(string Name, IReadOnlyList<string> Arms);

/// <summary>
/// A parallel-arm virtual trial: population, arms with randomisation weights, scheduled visits (hours after the
/// first dose, t = 0) and endpoint rules. Format and semantics: docs/trials.md.
/// </summary>
public sealed record TrialDefinition(
    string Name,
    PopulationDefinition Population,
    IReadOnlyList<TrialArm> Arms,
    IReadOnlyList<double> VisitTimesHours,
    double DurationHours)
{
    /// <summary>Remission: MADRS ≤ this at a visit (10 in the ketamine trials, 12 in the esketamine programme).</summary>
    public double RemissionThreshold { get; init; } = Endpoints.KetamineRemissionMadrs;

    /// <summary>Response: MADRS fell by at least this fraction of the baseline rating.</summary>
    public double ResponseFraction { get; init; } = 0.5;

    public RelapseRule Relapse { get; init; } = new();

    /// <summary>Constant dropout hazard, per week (exponential time to dropout); null = no dropout.</summary>
    public double? DropoutHazardPerWeek { get; init; }

    /// <summary>Add rater noise (<see cref="MeasurementNoise"/>, SD 2.5 points, rounded, clamped) to baseline and visit ratings.</summary>
    public bool MeasurementNoise { get; init; }


    /// <summary>The arm every other arm is compared with; null = the first arm.</summary>
    public string? ControlArm { get; init; }

    /// <summary>Enrol subjects until this many have entered the named phase (the subject count is then a cap); null = a fixed count.</summary>
    public EnrolUntil? EnrolUntil { get; init; }

    /// <summary>A crossover design: the arms are its sequences and the phases its periods and washouts; null = none.</summary>
    public CrossoverDesign? Crossover { get; init; }

    /// <summary>Arms analysed together as well as apart (e.g. esketamine 56 mg and 84 mg as "esketamine"); empty = none.</summary>
    public IReadOnlyList<PooledArms> Pooled { get; init; } = [];

    /// <summary>Free text describing the trial.</summary>
    public string Description { get; init; } = "";

    /// <summary>The scale visits are rated on; remission, response and relapse thresholds are in its points.</summary>
    public RatingScale Scale { get; init; } = RatingScale.Madrs;

    /// <summary>Subjects to run when the caller does not say (the file's <c>subjects:</c>).</summary>
    public int DefaultSubjectCount { get; init; } = 1000;

    /// <summary>Run seed when the caller does not say (the file's <c>seed:</c>).</summary>
    public ulong DefaultSeed { get; init; } = 1;

    /// <summary>
    /// Suicidality endpoints (MADRS item 10 and the CGI-SS-r style severity at every visit); null = not rated. Parallel-arm
    /// trials only (not phased or withdrawal designs).
    /// </summary>
    public SuicidalityEndpoints? Suicidality { get; init; }

    /// <summary>Randomised-withdrawal design; null = parallel arms randomised at t = 0.</summary>
    public WithdrawalDesign? Withdrawal { get; init; }

    /// <summary>
    /// Phases in time order, the first starting at t = 0 and the last ending at the duration (docs/trial-format.md,
    /// "phases"); empty = one course from t = 0 to the end.
    /// </summary>
    public IReadOnlyList<TrialPhase> Phases { get; init; } = [];

    /// <summary>Safety endpoints recorded per session (docs/trial-format.md, "safety"); null = none (the trial runs as before).</summary>
    public TrialSafety? Safety { get; init; }

    /// <summary>
    /// The definition as the runner simulates a subject of it: phased designs as they are, a withdrawal design as its phases,
    /// and a parallel-arm trial with a safety block as one phase over the whole course (so its sessions can be recorded one by one).
    /// </summary>
    public TrialDefinition AsRun()
    {
        if (IsPhased) return this;
        if (Withdrawal is not null) return WithdrawalAsPhases();
        if (Safety is not null) return this with { Phases = [new TrialPhase("course", 0, DurationHours)] };
        return this;
    }

    /// <summary>True when the trial runs phase by phase.</summary>
    public bool IsPhased => Phases.Count > 0;

    /// <summary>The phase relapse is judged in (<see cref="RelapseRule.Phase"/>, else the randomised phase); −1 when none.</summary>
    public int RelapsePhaseIndex
    {
        get
        {
            var phases = Withdrawal is not null ? WithdrawalAsPhases().Phases : Phases;
            if (Relapse.Phase is { } name)
            {
                for (int p = 0; p < phases.Count; p++)
                    if (string.Equals(phases[p].Name, name, StringComparison.Ordinal)) return p;
                return -1;
            }
            for (int p = 0; p < phases.Count; p++)
                if (phases[p].Randomise) return p;
            return -1;
        }
    }

    /// <summary>Index of the phase whose entry randomises to the arms; −1 when subjects are randomised at t = 0.</summary>
    public int RandomisedPhaseIndex
    {
        get
        {
            for (int p = 0; p < Phases.Count; p++)
                if (Phases[p].Randomise) return p;
            return -1;
        }
    }

    /// <summary>The phase visit <paramref name="visit"/> belongs to (a visit at a boundary belongs to the phase that ends there); 0 when unphased.</summary>
    public int PhaseOfVisit(int visit)
    {
        double t = VisitTimesHours[visit];
        for (int p = 0; p < Phases.Count; p++)
            if (t <= Phases[p].EndHours) return p;
        return Math.Max(0, Phases.Count - 1);
    }

    /// <summary>Remission threshold at visit <paramref name="visit"/>: its phase's, else the trial's.</summary>
    public double RemissionThresholdAtVisit(int visit) =>
        Phases.Count > 0 && Phases[PhaseOfVisit(visit)].RemissionThreshold is { } r ? r : RemissionThreshold;

    /// <summary>Visits of phase <paramref name="phase"/>: [first, end) indices.</summary>
    public (int First, int End) VisitsOfPhase(int phase)
    {
        int first = -1, end = 0;
        for (int v = 0; v < VisitTimesHours.Count; v++)
            if (PhaseOfVisit(v) == phase) { if (first < 0) first = v; end = v + 1; }
        return first < 0 ? (0, 0) : (first, end);
    }

    /// <summary>
    /// A randomised-withdrawal design as the phased design it is: an open-label phase to randomisation, then a phase
    /// that stable remitters (remission at each of the last <see cref="WithdrawalDesign.StableVisits"/> visits at or
    /// before randomisation) enter and are randomised at. The definition itself when it has no withdrawal block.
    /// </summary>
    public TrialDefinition WithdrawalAsPhases()
    {
        if (Withdrawal is not { } w) return this;
        return this with
        {
            Withdrawal = null,
            Phases =
            [
                new TrialPhase("open-label", 0, w.RandomisationHours),
                new TrialPhase("randomised", w.RandomisationHours, DurationHours)
                {
                    Entry = new PhaseEntry(PhaseEntryKind.StableRemitters, w.StableVisits),
                    Randomise = true,
                },
            ],
        };
    }

    /// <summary>Visits at or before randomisation in a withdrawal design (all visits otherwise).</summary>
    public int OpenLabelVisitCount => Withdrawal is { } w ? VisitTimesHours.Count(t => t <= w.RandomisationHours) : VisitTimesHours.Count;

    /// <summary>Index of the control arm in <see cref="Arms"/>.</summary>
    public int ControlArmIndex
    {
        get
        {
            if (ControlArm is null) return 0;
            for (int a = 0; a < Arms.Count; a++)
                if (string.Equals(Arms[a].Name, ControlArm, StringComparison.Ordinal)) return a;
            return -1;
        }
    }

    /// <summary>Checks the definition (and <paramref name="subjectCount"/> when given).</summary>
    /// <exception cref="ArgumentException">With a message that names the trial and the offending field.</exception>
    public void Validate(int? subjectCount = null)
    {
        string t = $"Trial '{Name}'";
        if (Population is null) throw new ArgumentException($"{t}: no population.", nameof(Population));
        if (subjectCount is { } n && n <= 0) throw new ArgumentException($"{t}: subject count N must be > 0, got {n}.", nameof(subjectCount));
        if (Arms is null || Arms.Count == 0) throw new ArgumentException($"{t}: no arms; a trial needs at least one arm.", nameof(Arms));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arm in Arms)
        {
            if (arm is null || string.IsNullOrWhiteSpace(arm.Name)) throw new ArgumentException($"{t}: every arm needs a name.", nameof(Arms));
            if (!names.Add(arm.Name)) throw new ArgumentException($"{t}: arm name '{arm.Name}' is used twice.", nameof(Arms));
            string a = $"{t}, arm '{arm.Name}'";
            if (arm.RegimenTemplate is null) throw new ArgumentException($"{a}: no regimen template.", nameof(Arms));
            if (arm.RegimenTemplate.Doses is null)
                throw new ArgumentException($"{a}: the regimen's dose list is null (an arm without drug has an empty list).", nameof(Arms));
            if (arm.RegimenTemplate.Mechanism is null)
                throw new ArgumentException($"{a}: the regimen has no mechanism settings, so it has no MADRS to rate" +
                    (arm.RegimenTemplate.Doses.Count == 0 ? " (an arm without doses needs them: its course comes from the disease state and the placebo context alone)." : "."), nameof(Arms));
            if (!(arm.RandomisationWeight > 0) || !double.IsFinite(arm.RandomisationWeight))
                throw new ArgumentException($"{a}: randomisation weight must be finite and > 0, got {arm.RandomisationWeight}.", nameof(Arms));
            if (arm.RegimenTemplate.Subject.Species != Population.Species)
                throw new ArgumentException($"{a}: the regimen is for a {arm.RegimenTemplate.Subject.Species} but population '{Population.Name}' is {Population.Species}.", nameof(Arms));
        }
        if (Suicidality is not null && (IsPhased || Withdrawal is not null))
            throw new ArgumentException($"{t}: suicidality endpoints are rated in parallel-arm trials only, not in phased or withdrawal designs.", nameof(Suicidality));
        if (ControlArmIndex < 0) throw new ArgumentException($"{t}: control arm '{ControlArm}' is not one of the arms ({string.Join(", ", names)}).", nameof(ControlArm));
        if (Crossover is { } x)
        {
            if (x.Sequences.Count != Arms.Count || !x.Sequences.Select((_, s) => x.SequenceName(s)).SequenceEqual(Arms.Select(a => a.Name)))
                throw new ArgumentException($"{t}: a crossover's arms are its sequences, in order ({string.Join(", ", x.Sequences.Select((_, s) => x.SequenceName(s)))}).", nameof(Crossover));
            if (!(x.WashoutHours > 0) || !(x.PeriodHours > 0) || x.Sequences.Any(s => s.Count != x.Periods) || x.Periods < 2)
                throw new ArgumentException($"{t}: a crossover needs at least two periods of equal count in every sequence, a positive period and a washout.", nameof(Crossover));
            if (!x.VisitTimesHours().SequenceEqual(VisitTimesHours))
                throw new ArgumentException($"{t}: a crossover's visits are its offsets in every period plus each later period's baseline.", nameof(Crossover));
        }
        if (EnrolUntil is { } eu)
        {
            int p = Phases.Select((ph, i) => (ph, i)).FirstOrDefault(x => x.ph.Name == eu.Phase, (null!, -1)).Item2;
            if (p < 1) throw new ArgumentException($"{t}: enrol_until needs a phase after the first ('{eu.Phase}' is not one).", nameof(EnrolUntil));
            if (eu.Entered < 1) throw new ArgumentException($"{t}: enrol_until needs at least one subject to enter.", nameof(EnrolUntil));
            if (eu.Entered > subjectCount)
                throw new ArgumentException($"{t}: enrol_until asks for {eu.Entered} subjects to enter '{eu.Phase}', but at most {subjectCount} are enrolled (the subject count is the cap).", nameof(EnrolUntil));
        }
        var poolNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in Pooled)
        {
            if (string.IsNullOrWhiteSpace(pool.Name) || names.Contains(pool.Name) || !poolNames.Add(pool.Name))
                throw new ArgumentException($"{t}: pooled arm '{pool.Name}' needs a name of its own (not an arm's, not repeated).", nameof(Pooled));
            if (pool.Arms.Count < 2 || pool.Arms.Distinct(StringComparer.Ordinal).Count() != pool.Arms.Count)
                throw new ArgumentException($"{t}: pooled arm '{pool.Name}' needs at least two different arms.", nameof(Pooled));
            foreach (var member in pool.Arms)
                if (!names.Contains(member)) throw new ArgumentException($"{t}: pooled arm '{pool.Name}': '{member}' is not one of the arms ({string.Join(", ", names)}).", nameof(Pooled));
            if (pool.Arms.Contains(Arms[ControlArmIndex].Name))
                throw new ArgumentException($"{t}: pooled arm '{pool.Name}' contains the control arm '{Arms[ControlArmIndex].Name}', which it is compared with.", nameof(Pooled));
        }
        if (!(DurationHours > 0) || !double.IsFinite(DurationHours)) throw new ArgumentException($"{t}: duration must be finite and > 0 h, got {DurationHours}.", nameof(DurationHours));
        if (VisitTimesHours is null || VisitTimesHours.Count == 0) throw new ArgumentException($"{t}: no visits.", nameof(VisitTimesHours));
        for (int v = 0; v < VisitTimesHours.Count; v++)
        {
            double h = VisitTimesHours[v];
            if (!(h >= 0 && h <= DurationHours)) throw new ArgumentException($"{t}: visit {v} at {h} h is outside [0, {DurationHours}] h.", nameof(VisitTimesHours));
            if (v > 0 && !(h > VisitTimesHours[v - 1]))
                throw new ArgumentException($"{t}: visit times must be strictly increasing; visit {v} at {h} h follows {VisitTimesHours[v - 1]} h.", nameof(VisitTimesHours));
        }
        if (!(ResponseFraction > 0 && ResponseFraction <= 1)) throw new ArgumentException($"{t}: response fraction must be in (0, 1], got {ResponseFraction}.", nameof(ResponseFraction));
        if (!double.IsFinite(RemissionThreshold)) throw new ArgumentException($"{t}: remission threshold must be finite.", nameof(RemissionThreshold));
        if (Relapse is null || Relapse.ConsecutiveVisits < 1 || !double.IsFinite(Relapse.Threshold))
            throw new ArgumentException($"{t}: relapse rule needs a finite threshold and at least one visit.", nameof(Relapse));
        if (DropoutHazardPerWeek is { } d && (!(d >= 0) || !double.IsFinite(d)))
            throw new ArgumentException($"{t}: dropout hazard must be finite and >= 0 per week, got {d}.", nameof(DropoutHazardPerWeek));
        if (DefaultSubjectCount <= 0) throw new ArgumentException($"{t}: default subject count must be > 0, got {DefaultSubjectCount}.", nameof(DefaultSubjectCount));
        if (!Enum.IsDefined(Scale)) throw new ArgumentException($"{t}: unknown rating scale {Scale}.", nameof(Scale));
        if (Population.Species != Species.Human)
            throw new ArgumentException($"{t}: population '{Population.Name}' is {Population.Species}; trials rate MADRS or HAM-D17, which the model gives for human subjects only.", nameof(Population));
        if (Withdrawal is { } w) ValidateWithdrawal(t, w);
        Safety?.Validate(Name);
        if (Relapse.Phase is { } rp && RelapsePhaseIndex < 0)
            throw new ArgumentException($"{t}: relapse phase '{rp}' is not one of the phases ({string.Join(", ", Phases.Select(p => p.Name))}).", nameof(Relapse));
        if ((Relapse.Reference == RelapseReference.PhaseEntry || Relapse.Clock == RelapseClock.Randomisation) && RelapsePhaseIndex < 0 && Withdrawal is null)
            throw new ArgumentException($"{t}: relapse relative to phase entry or timed from randomisation needs a relapse phase (relapse.phase, or a phase with randomise: true).", nameof(Relapse));
        if (Phases.Count > 0) ValidatePhases(t);
    }

    private void ValidatePhases(string t)
    {
        if (Withdrawal is not null) throw new ArgumentException($"{t}: a trial has phases or a withdrawal block, not both (a withdrawal is a phase with randomise: true).", nameof(Phases));
        double at = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < Phases.Count; p++)
        {
            var ph = Phases[p];
            string w = $"{t}, phase '{ph.Name}'";
            if (ph is null || string.IsNullOrWhiteSpace(ph.Name) || !names.Add(ph.Name)) throw new ArgumentException($"{t}: every phase needs a name of its own.", nameof(Phases));
            if (Math.Abs(ph.StartHours - at) > 1e-9 || !(ph.EndHours > ph.StartHours))
                throw new ArgumentException($"{w}: phases must follow each other from 0 h without gaps; it starts at {ph.StartHours} h, expected {at} h, and must end after it starts.", nameof(Phases));
            at = ph.EndHours;
            if (p == 0 && (ph.Entry.Kind != PhaseEntryKind.All || ph.Randomise))
                throw new ArgumentException($"{w}: the first phase takes every subject (entry all, no randomisation: arms are randomised at t = 0 then).", nameof(Phases));
            if (p > 0 && ph.Entry.Kind != PhaseEntryKind.All)
            {
                var (first, end) = VisitsOfPhase(p - 1);
                int k = ph.Entry.Kind == PhaseEntryKind.StableRemitters ? ph.Entry.StableVisits : 1;
                if (end - first < k)
                    throw new ArgumentException($"{w}: entry '{ph.Entry}' needs {k} visit(s) in phase '{Phases[p - 1].Name}', which has {end - first}.", nameof(Phases));
            }
            if (ph.Regimen.Rule is { } rule) ValidateRule(w, rule);
            foreach (var (arm, regimen) in ph.ArmRegimens)
            {
                if (!Arms.Any(a => a.Name == arm)) throw new ArgumentException($"{w}: a regimen for arm '{arm}', which the trial does not have.", nameof(Phases));
                if (regimen.Rule is { } r) ValidateRule(w, r);
            }
            if (ph.RemissionThreshold is { } rt && !double.IsFinite(rt)) throw new ArgumentException($"{w}: remission threshold must be finite.", nameof(Phases));
        }
        if (Math.Abs(at - DurationHours) > 1e-9)
            throw new ArgumentException($"{t}: the phases end at {at} h but the trial lasts {DurationHours} h; they must cover it.", nameof(Phases));
        int randomised = RandomisedPhaseIndex;
        if (Phases.Count(ph => ph.Randomise) > 1) throw new ArgumentException($"{t}: at most one phase randomises.", nameof(Phases));
        if (randomised > 0)
        {
            if (Arms.Count < 2) throw new ArgumentException($"{t}: randomisation at phase '{Phases[randomised].Name}' needs at least two arms.", nameof(Phases));
            for (int p = 0; p < randomised; p++)
                if (Phases[p].ArmRegimens.Count > 0)
                    throw new ArgumentException($"{t}, phase '{Phases[p].Name}': arms are randomised only at phase '{Phases[randomised].Name}', so before it no arm has a regimen of its own.", nameof(Phases));
            double r = Phases[randomised].StartHours;
            for (int a = 1; a < Arms.Count; a++)
                if (TrialRegimen.FirstDifferenceBefore(Arms[0].RegimenTemplate, Arms[a].RegimenTemplate, r) is { } diff)
                    throw new ArgumentException($"{t}, arm '{Arms[a].Name}': every arm must be the same before randomisation at phase '{Phases[randomised].Name}' ({r} h), but it differs from arm '{Arms[0].Name}': {diff}.", nameof(Phases));
        }
    }

    private static void ValidateRule(string w, DosingRule rule)
    {
        if (rule.Levels.Count == 0) throw new ArgumentException($"{w}: a dosing rule needs at least one dose level.", nameof(Phases));
        if (rule.Every.Count == 0 || rule.Every[^1].When is not null || rule.Every.Any(e => !(e.IntervalHours > 0)))
            throw new ArgumentException($"{w}: a dosing rule needs positive intervals, the last without a condition.", nameof(Phases));
        if (rule.StartLevel is { } s && (s < 0 || s >= rule.Levels.Count) || rule.StartWhen.Any(x => x.Level < 0 || x.Level >= rule.Levels.Count))
            throw new ArgumentException($"{w}: a start level is not one of the rule's levels.", nameof(Phases));
        if (rule.MaxSessions is { } m && m < 1) throw new ArgumentException($"{w}: max sessions must be >= 1.", nameof(Phases));
    }

    private void ValidateWithdrawal(string t, WithdrawalDesign w)
    {
        double r = w.RandomisationHours;
        if (!(r > 0 && r < DurationHours))
            throw new ArgumentException($"{t}: randomisation at {r} h must lie inside (0, {DurationHours}) h.", nameof(Withdrawal));
        if (w.StableVisits < 1) throw new ArgumentException($"{t}: stable visits must be >= 1, got {w.StableVisits}.", nameof(Withdrawal));
        int before = OpenLabelVisitCount;
        if (before < w.StableVisits)
            throw new ArgumentException($"{t}: {w.StableVisits} stable visit(s) needed at or before randomisation ({r} h), but only {before} visit(s) fall there.", nameof(Withdrawal));
        if (before == VisitTimesHours.Count)
            throw new ArgumentException($"{t}: no visit after randomisation ({r} h), so relapse cannot be observed.", nameof(Withdrawal));
        var first = Arms[0];
        for (int a = 1; a < Arms.Count; a++)
        {
            var arm = Arms[a];
            if (TrialRegimen.FirstDifferenceBefore(first.RegimenTemplate, arm.RegimenTemplate, r) is { } diff)
                throw new ArgumentException($"{t}, arm '{arm.Name}': the open-label phase must be the same in every arm before randomisation ({r} h), " +
                    $"but it differs from arm '{first.Name}': {diff}.", nameof(Withdrawal));
            if (arm.TreatmentResistant != first.TreatmentResistant)
                throw new ArgumentException($"{t}, arm '{arm.Name}': the open-label phase must be the same in every arm, but its treatment-resistance override differs from arm '{first.Name}'.", nameof(Withdrawal));
        }
    }
}
