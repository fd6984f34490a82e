using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Numerics.RandomStreams;
using KetaSim.Population.Sampling;
using KetaSim.Population.Statistics;

namespace KetaSim.Population.Trials;

/// <summary>
/// Runs a <see cref="TrialDefinition"/> for N subjects. Subject i's arm, covariates, patient state, rating noise
/// and dropout come only from (seed, i), each from its own salted SplitMix64 stream; summaries are accumulated
/// per fixed chunk of subject indices and merged in chunk order (<see cref="DeterministicReduction"/>), so the
/// result is bitwise identical for any thread count and memory does not grow with N. Contract: docs/trials.md.
/// </summary>
public sealed partial class TrialRunner
{
    /// <summary>Default subjects per chunk: a full-mechanism subject costs ~6 ms, so a chunk is ~0.4 s of work.</summary>
    public const int DefaultChunkSize = 64;

    private const ulong ArmSalt = 0x5452_4941_4C41_524DUL;      // "TRIALARM"
    private const ulong DropoutSalt = 0x5452_4941_4C44_524FUL;  // "TRIALDRO"

    private readonly ScenarioRunner _runner;

    public TrialRunner(ScenarioRunner? runner = null, int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _runner = runner ?? ScenarioRunner.Shared;
        ChunkSize = chunkSize;
    }

    /// <summary>Subjects per chunk. Part of the reproducibility key: a different chunk size may change the last bits of means.</summary>
    public int ChunkSize { get; }

    /// <summary>
    /// Simulates subjects 0..n−1 and aggregates them. <paramref name="maxThreads"/> null uses all cores: one worker per
    /// core, not an unlimited Parallel.For — chunks are seconds of work, so an unlimited loop let the thread pool grow
    /// to ~90 threads on 2 cores, with memory rising with the run and throughput below one thread (trial-scale benchmark).
    /// <paramref name="progress"/> receives the number of subjects done after each chunk, from worker threads (two reports may arrive out of order: keep the maximum).
    /// <paramref name="onSubject"/> sees every subject's outcome; it is called from many threads at once and in
    /// no particular order, so it must be thread-safe and must not rely on order (sort by <see cref="SubjectOutcome.Index"/>).
    /// <paramref name="completed"/> (resume) returns the stored outcome of a subject finished by an earlier, interrupted
    /// run of the same (definition, N, seed), or null: stored subjects are aggregated as they are, not simulated again and
    /// not passed to <paramref name="onSubject"/>, so a resumed result equals an uninterrupted one if the store round-trips
    /// outcomes exactly. Called from worker threads.
    /// </summary>
    public TrialResult Run(TrialDefinition trial, int n, ulong seed, int? maxThreads = null, IProgress<int>? progress = null,
        Action<SubjectOutcome>? onSubject = null, Func<long, SubjectOutcome?>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.Validate(n);
        if (maxThreads is { } m) ArgumentOutOfRangeException.ThrowIfLessThan(m, 1, nameof(maxThreads));
        int arms = trial.Arms.Count, visits = trial.VisitTimesHours.Count, phases = trial.Phases.Count;
        var phaseLast = new int[phases];
        for (int p = 0; p < phases; p++) phaseLast[p] = trial.VisitsOfPhase(p) is var (f, e) && e > f ? e - 1 : -1;
        int done = 0;
        var total = DeterministicReduction.Reduce(n, ChunkSize, maxThreads ?? Environment.ProcessorCount,
            (long first, long end) =>
            {
                var acc = Accumulator.Create(arms, visits, phases);
                acc.SafetyRule = trial.Safety;
                acc.Trial = trial;
                acc.Crossover = trial.Crossover is { } design ? new CrossoverTally(design) : null;
                for (long i = first; i < end; i++)
                {
                    var outcome = completed?.Invoke(i);
                    if (outcome is null)
                    {
                        outcome = SimulateSubject(trial, seed, i);
                        onSubject?.Invoke(outcome);
                    }
                    acc.Add(outcome, visits, phaseLast, trial.Suicidality);
                }
                int now = Interlocked.Add(ref done, (int)(end - first));
                progress?.Report(now);
                return acc;
            },
            static (ref Accumulator t, in Accumulator c) => t.Merge(c));
        if (total.Randomised is null) total = Accumulator.Create(arms, visits, phases);
        return Summarise(trial, n, seed, ChunkSize, total);
    }

    /// <summary>
    /// Enrol until <see cref="TrialDefinition.EnrolUntil"/> is met: subjects are simulated in index order, in rounds run in
    /// parallel, until the N-th subject to enter the named phase; the trial is then the first M subjects (M = that
    /// subject's index + 1), summarised exactly as <see cref="Run"/> would summarise M subjects, so the result depends
    /// only on (definition, seed, chunk size), never on the thread count or the round size. <paramref name="cap"/> bounds
    /// the subjects enrolled when too few qualify. <paramref name="onKept"/> receives, after each round, the freshly
    /// simulated subjects that belong to the trial (index &lt; M), in index order; subjects simulated past M are dropped.
    /// <paramref name="completed"/> (resume) as in <see cref="Run"/>.
    /// </summary>
    public EnrolmentResult RunUntil(TrialDefinition trial, int cap, ulong seed, int? maxThreads = null, IProgress<int>? progress = null,
        Action<IReadOnlyList<SubjectOutcome>>? onKept = null, Func<long, SubjectOutcome?>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var rule = trial.EnrolUntil ?? throw new ArgumentException($"Trial '{trial.Name}' has no enrol_until rule.", nameof(trial));
        trial.Validate(cap);
        int phase = trial.Phases.Select((p, i) => (p, i)).First(x => x.p.Name == rule.Phase).i;
        int threads = Math.Max(1, maxThreads ?? Environment.ProcessorCount);
        var outcomes = new List<SubjectOutcome>();
        long entered = 0;
        int enrolled = -1;
        while (enrolled < 0 && outcomes.Count < cap)
        {
            // Round size from the entry rate so far (at least the entrants still missing, at least two per thread, and 10%
            // more than the rate predicts): few subjects are simulated past M. The size never changes the result.
            long missing = rule.Entered - entered;
            double rate = outcomes.Count > 0 && entered > 0 ? (double)entered / outcomes.Count : 1.0;
            int round = (int)Math.Min(cap, Math.Max(2L * threads, (long)Math.Ceiling(missing / rate * 1.1)));
            int first = outcomes.Count, end = Math.Min(cap, first + round);
            var batch = new SubjectOutcome[end - first];
            var fresh = new bool[end - first];
            Parallel.For(first, end, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var stored = completed?.Invoke(i);
                fresh[i - first] = stored is null;
                batch[i - first] = stored ?? SimulateSubject(trial, seed, i);
            });
            outcomes.AddRange(batch);
            int keep = batch.Length;
            for (int k = 0; k < batch.Length; k++)
                if (batch[k].PhasesEntered > phase && ++entered == rule.Entered) { enrolled = first + k + 1; keep = k + 1; break; }
            onKept?.Invoke([.. batch.Take(keep).Where((_, k) => fresh[k])]);
            progress?.Report(first + keep);
        }
        int m = enrolled < 0 ? outcomes.Count : enrolled;
        var result = Run(trial, m, seed, maxThreads, completed: i => outcomes[(int)i]);
        var summary = new EnrolmentSummary(rule.Phase, rule.Entered, entered, m, cap, enrolled >= 0);
        return new EnrolmentResult(result with { Enrolment = summary }, m, entered, enrolled >= 0);
    }

    /// <summary>The arm of subject <paramref name="subjectIndex"/>: a weighted draw from its own arm stream (simple randomisation).</summary>
    public static int ArmOf(TrialDefinition trial, ulong seed, long subjectIndex)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var rng = SplitMix64.ForStream(SplitMix64.Mix(seed ^ ArmSalt), (ulong)subjectIndex);
        double totalWeight = 0;
        foreach (var a in trial.Arms) totalWeight += a.RandomisationWeight;
        double u = rng.NextOpenUnit() * totalWeight, cumulative = 0;
        for (int a = 0; a < trial.Arms.Count - 1; a++)
        {
            cumulative += trial.Arms[a].RandomisationWeight;
            if (u < cumulative) return a;
        }
        return trial.Arms.Count - 1;
    }

    /// <summary><see cref="SubjectOutcome.ArmName"/> of a withdrawal-design subject who was not randomised (<see cref="SubjectOutcome.Arm"/> = −1).</summary>
    public const string NotRandomisedArmName = "not-randomised";

    /// <summary>
    /// Simulates one subject of the trial: the same outcome whichever thread or batch runs it. A phased design runs phase by
    /// phase (<see cref="SimulatePhased"/>); a withdrawal design runs as its phased form (<see cref="TrialDefinition.WithdrawalAsPhases"/>):
    /// the open-label phase, then, for a stable remitter, the arm it drew from randomisation on (every arm is the same before);
    /// anyone else is returned not randomised (arm −1), its visits after randomisation missing.
    /// </summary>
    public SubjectOutcome SimulateSubject(TrialDefinition trial, ulong seed, long subjectIndex)
    {
        ArgumentNullException.ThrowIfNull(trial);
        int armIndex = ArmOf(trial, seed, subjectIndex);
        var subject = PopulationSampler.Sample(trial.Population, seed, subjectIndex);
        double? dropout = DropoutOf(trial, seed, subjectIndex);
        if (trial.IsPhased) return SimulatePhased(trial, seed, subjectIndex, subject, armIndex, dropout);
        // A randomised withdrawal is a phased design: open label to randomisation, then the stable remitters randomised;
        // a trial with safety endpoints runs as one phase, session by session.
        if (trial.Withdrawal is not null || trial.Safety is not null) return SimulatePhased(trial.AsRun(), seed, subjectIndex, subject, armIndex, dropout);
        var (rated, held, flags, suicidality) = Rate(trial, seed, subjectIndex, subject, armIndex);
        var sessions = CareContacts.Of(TemplateFor(trial, trial.Arms[armIndex])).Where(c => c.Kind == CareContactKind.Session).Select(c => c.TimeHours).ToArray();
        var outcome = Evaluate(trial, subjectIndex, armIndex, rated, held, dropout, treatmentSessionsHours: sessions) with { Flags = flags };
        return suicidality is null ? outcome : outcome with { Suicidality = ObservedSuicidality(suicidality.Value, outcome.Scores) };
    }

    /// <summary>The rated scores (baseline, then each visit) of one subject under arm <paramref name="armIndex"/>'s regimen, and its held doses.</summary>
    private (double[] Rated, int Held, Biology.Validity.SubjectValidityFlags Flags, (double[] ItemTen, double[] Cgi)? Suicidality) Rate(TrialDefinition trial, ulong seed, long subjectIndex, VirtualSubject subject, int armIndex)
    {
        var arm = trial.Arms[armIndex];
        // Only the visits (plus 0 and dose times, which the runner adds): the dense grid is most of a subject's cost.
        var template = TemplateFor(trial, arm);
        var visits = trial.VisitTimesHours;
        bool hamd = trial.Scale == RatingScale.Hamd17;
        var raw = new double[visits.Count + 1];
        Biology.Safety.DoseHoldResult run;
        try
        {
            var scenario = subject.Apply(template, _runner);
            if (arm.TreatmentResistant is { } trd && scenario.Mechanism is { } mech)
                scenario = scenario with { Mechanism = mech with { Patient = mech.Patient with { TreatmentResistant = trd } } };
            run = _runner.RunWithRules(scenario);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failing subject in 100,000 must be findable and replayable: name it and its seed.
            throw new TrialSubjectException($"Trial '{trial.Name}', subject {subjectIndex} (seed {seed}, arm '{arm.Name}'): {e.Message}", e);
        }
        var flags = Biology.Validity.SubjectValidityFlags.None;
        (double[] ItemTen, double[] Cgi)? suicidality = null;
        if (run.Result is { } result)
        {
            if (trial.Suicidality is not null) suicidality = RateSuicidality(result, visits, trial.MeasurementNoise, seed, subjectIndex);
            flags = Biology.Validity.ValidityDomain.SubjectFlags(result);
            var times = result.TimesHours;
            var score = result.Observable(hamd ? MechanismNames.Hamd17 : MechanismNames.Madrs);
            raw[0] = score[0];
            var at = Endpoints.AtVisits(times, score, visits);
            Array.Copy(at, 0, raw, 1, at.Length);
        }
        else Array.Fill(raw, subject.Patient.BaselineMadrs * (hamd ? SymptomsModule.HamdPerMadrs : 1));   // every dose held: nothing was given, the state stays at baseline
        double[] rated = !trial.MeasurementNoise ? raw
            : hamd ? MeasurementNoise.Apply(raw, seed, checked((int)subjectIndex), MeasurementNoise.MadrsSdPoints * SymptomsModule.HamdPerMadrs, Hamd17Max)
            : MeasurementNoise.Apply(raw, seed, checked((int)subjectIndex));
        return (rated, run.Held.Count, flags, suicidality);
    }

    /// <summary>
    /// Contacts with care of a subject in the arm: the baseline visit (t = 0), every rating visit, and the arm's inert
    /// sessions (its dose sessions are added by the runner). They reinforce the expectancy process.
    /// </summary>
    public static IReadOnlyList<CareContact> CareContactsOf(TrialDefinition trial, TrialArm arm)
    {
        var contacts = new List<CareContact>(arm.RegimenTemplate.CareContacts) { new(0, CareContactKind.Visit) };
        foreach (var v in trial.VisitTimesHours) contacts.Add(new CareContact(v, CareContactKind.Visit));
        return contacts;
    }

    /// <summary>
    /// MADRS item 10 and the CGI-SS-r style severity at baseline (index 0) and each visit, rated as the trial rates: whole
    /// points with rater noise when it has measurement noise, the model's values otherwise.
    /// </summary>
    private static (double[] ItemTen, double[] Cgi) RateSuicidality(KetaSim.Modeling.Simulation.SimulationResult result, IReadOnlyList<double> visits, bool noise, ulong seed, long subjectIndex)
    {
        double[] AtBaselineAndVisits(string name)
        {
            var y = result.Observable(name);
            var at = Endpoints.AtVisits(result.TimesHours, y, visits);
            var all = new double[visits.Count + 1];
            all[0] = y[0];
            Array.Copy(at, 0, all, 1, at.Length);
            return all;
        }
        var item10 = AtBaselineAndVisits(SuicidalIdeationNames.Item10);
        var cgi = AtBaselineAndVisits(SuicidalIdeationNames.CgiSsR);
        if (!noise) return (item10, cgi);
        int subject = checked((int)subjectIndex);
        return (SuicidalityRatings.Apply(item10, seed, subject, SuicidalityEndpoints.Item10NoiseSdPoints, cgi: false),
                SuicidalityRatings.Apply(cgi, seed, subject, SuicidalityEndpoints.CgiNoiseSdPoints, cgi: true));
    }

    /// <summary>The suicidality ratings at the visits the subject was observed at (the total's visits), null after.</summary>
    private static SuicidalityScores ObservedSuicidality((double[] ItemTen, double[] Cgi) rated, IReadOnlyList<double?> observedScores)
    {
        int n = observedScores.Count;
        var item10 = new double?[n];
        var cgi = new double?[n];
        for (int v = 0; v < n; v++)
        {
            if (observedScores[v] is null) continue;
            item10[v] = rated.ItemTen[v + 1];
            cgi[v] = rated.Cgi[v + 1];
        }
        return new SuicidalityScores(rated.ItemTen[0], rated.Cgi[0], item10, cgi);
    }

    /// <summary>Top of the HAM-D17 scale, points.</summary>
    private const double Hamd17Max = 52;

    private static double? DropoutOf(TrialDefinition trial, ulong seed, long subjectIndex)
    {
        if (trial.DropoutHazardPerWeek is not { } hazard || !(hazard > 0)) return null;
        var rng = SplitMix64.ForStream(SplitMix64.Mix(seed ^ DropoutSalt), (ulong)subjectIndex);
        double time = -Math.Log(rng.NextOpenUnit()) / (hazard / 168.0);
        return time < trial.DurationHours ? time : null;
    }

    /// <summary>
    /// Endpoints of one subject from its rated scores (baseline first): visits up to dropout and <paramref name="observedVisits"/>
    /// (a phased subject left the trial at the end of its last phase), response and remission per visit, and relapse
    /// (<see cref="RelapseEvaluation"/>). <paramref name="sessionTimesHours"/>: sessions given (for a clock from the last dose).
    /// </summary>
    private static SubjectOutcome Evaluate(TrialDefinition trial, long subjectIndex, int armIndex, double[] rated, int held, double? dropout,
        int observedVisits = int.MaxValue, int phasesEntered = 0, IReadOnlyList<double>? sessionTimesHours = null, IReadOnlyList<double>? treatmentSessionsHours = null)
    {
        var visits = trial.VisitTimesHours;
        double baseline = rated[0];
        var scores = new double?[visits.Count];
        var responded = new bool[visits.Count];
        var remitted = new bool[visits.Count];
        int observed = 0;
        for (int v = 0; v < visits.Count; v++)
        {
            if (dropout is { } d && visits[v] > d) break;
            if (v >= observedVisits) break;   // phased design: the subject left the trial before this visit's phase
            double s = rated[v + 1];
            scores[v] = s;
            observed++;
            responded[v] = baseline > 0 && Endpoints.IsResponse(baseline, s, trial.ResponseFraction);
            remitted[v] = Endpoints.IsRemission(s, trial.RemissionThresholdAtVisit(v));
        }
        var relapse = RelapseEvaluation.Evaluate(trial, rated, observed, trial.RelapsePhaseIndex, phasesEntered, sessionTimesHours ?? []);
        string armName = armIndex >= 0 ? trial.Arms[armIndex].Name : NotRandomisedArmName;
        var outcome = new SubjectOutcome(subjectIndex, armIndex, armName, baseline, scores, responded, remitted, dropout,
            relapse.Evaluable, relapse.RelapseHours, relapse.CensoredHours, held) { RelapseOriginHours = relapse.OriginHours };
        int firstResponse = EfficacyEndpoints.FirstResponseVisit(outcome);
        // Sessions to response only where there are sessions (an oral-only arm has none to count).
        var treatment = treatmentSessionsHours ?? sessionTimesHours ?? [];
        return firstResponse < 0 || treatment.Count == 0 ? outcome
            : outcome with { SessionsToResponse = EfficacyEndpoints.SessionsUpTo(treatment, visits[firstResponse]) };
    }

    private static TrialResult Summarise(TrialDefinition trial, int n, ulong seed, int chunkSize, Accumulator acc)
    {
        int arms = trial.Arms.Count, visits = trial.VisitTimesHours.Count;
        var summaries = new ArmSummary[arms];
        for (int a = 0; a < arms; a++)
        {
            var vs = new VisitSummary[visits];
            for (int v = 0; v < visits; v++)
            {
                int k = a * visits + v;
                vs[v] = new VisitSummary(trial.VisitTimesHours[v], acc.Change[k], acc.Response[k], acc.Remission[k])
                {
                    Suicidality = trial.Suicidality is null ? null : new SuicidalityVisit(acc.Item10Change[k], acc.CgiChange[k], acc.Item10Low[k], acc.Resolved[k]),
                };
            }
            summaries[a] = new ArmSummary(trial.Arms[a].Name, acc.Randomised[a], acc.Dropped[a], acc.Held[a], vs, acc.Relapse[a])
            {
                Safety = trial.Safety is null ? null : acc.Safety[a],
                Efficacy = acc.Efficacy[a],
            };
        }
        int c = trial.ControlArmIndex;
        var comparisons = new List<ArmComparison>();
        var pooled = trial.Pooled.Select(p => Pool(trial, p, acc)).ToArray();
        var pooledComparisons = new List<ArmComparison>();
        foreach (var (summary, list) in summaries.Where((_, a) => a != c).Select(s => (s, comparisons)).Concat(pooled.Select(s => (s, pooledComparisons))))
        {
            for (int v = 0; v < visits; v++)
            {
                var x = summary.Visits[v];
                var y = summaries[c].Visits[v];
                MeanDifference? diff = x.Change.Count >= 2 && y.Change.Count >= 2 ? MeanDifference.Welch(x.Change, y.Change) : null;
                var resp = ProportionIntervals.NewcombeDifference(x.Response, y.Response);
                var rem = ProportionIntervals.NewcombeDifference(x.Remission, y.Remission);
                list.Add(new ArmComparison(summary.Name, summaries[c].Name, trial.VisitTimesHours[v], diff,
                    resp.Difference, resp.Interval, rem.Difference, rem.Interval)
                {
                    Suicidality = x.Suicidality is { } xs && y.Suicidality is { } ys ? SuicidalityComparison.Of(xs, ys) : null,
                });
            }
        }
        var phaseSummaries = new PhaseSummary[trial.Phases.Count];
        for (int p = 0; p < phaseSummaries.Length; p++)
        {
            var ph = trial.Phases[p];
            phaseSummaries[p] = new PhaseSummary(ph.Name, ph.StartHours, ph.EndHours, ph.Entry.ToString(), acc.Entered[p],
                [.. Enumerable.Range(0, arms).Select(a => acc.EnteredPerArm[a * phaseSummaries.Length + p])], acc.ResponseAtEnd[p], acc.RemissionAtEnd[p]);
            if (p > 0 && acc.Entered[p] == 0)
                throw new TrialPhaseEntryException(ph, p, 0, acc.Entered[p - 1]);
        }
        return new TrialResult(trial.Name, n, seed, chunkSize, [.. trial.VisitTimesHours], summaries, comparisons)
        {
            Pooled = pooled,
            PooledComparisons = pooledComparisons,
            Crossover = acc.Crossover,
            Phases = phaseSummaries,
            Scale = trial.Scale,
            RandomisationHours = trial.Withdrawal?.RandomisationHours ?? (trial.RandomisedPhaseIndex > 0 ? trial.Phases[trial.RandomisedPhaseIndex].StartHours : null),
            NotRandomised = acc.NotRandomised,
            NotRandomisedSafety = trial.Safety is not null && acc.NotRandomised > 0 ? acc.NotRandomisedSafety : null,
        };
    }

    /// <summary>A pooled arm: its member arms' sums merged in arm order (the same statistics as one arm of all their subjects).</summary>
    private static ArmSummary Pool(TrialDefinition trial, PooledArms pool, in Accumulator acc)
    {
        int visits = trial.VisitTimesHours.Count;
        var members = trial.Arms.Select((arm, a) => (arm, a)).Where(x => pool.Arms.Contains(x.arm.Name)).Select(x => x.a).ToArray();
        var vs = new VisitSummary[visits];
        for (int v = 0; v < visits; v++)
        {
            RunningMoments change = default, item10 = default, cgi = default;
            ProportionCounter response = default, remission = default, low = default, resolved = default;
            foreach (int a in members)
            {
                int k = a * visits + v;
                change.Merge(acc.Change[k]);
                response.Merge(acc.Response[k]);
                remission.Merge(acc.Remission[k]);
                item10.Merge(acc.Item10Change[k]);
                cgi.Merge(acc.CgiChange[k]);
                low.Merge(acc.Item10Low[k]);
                resolved.Merge(acc.Resolved[k]);
            }
            vs[v] = new VisitSummary(trial.VisitTimesHours[v], change, response, remission)
            {
                Suicidality = trial.Suicidality is null ? null : new SuicidalityVisit(item10, cgi, low, resolved),
            };
        }
        var relapse = new EventCountTable();
        var efficacy = new EfficacyTally(visits);
        SafetyTally safety = default;
        long randomised = 0, dropped = 0, held = 0;
        foreach (int a in members)
        {
            relapse.Merge(acc.Relapse[a]);
            efficacy.Merge(acc.Efficacy[a]);
            safety.Merge(acc.Safety[a]);
            randomised += acc.Randomised[a];
            dropped += acc.Dropped[a];
            held += acc.Held[a];
        }
        return new ArmSummary(pool.Name, randomised, dropped, held, vs, relapse)
        {
            Safety = trial.Safety is null ? null : safety,
            Efficacy = efficacy,
            PooledFrom = pool.Arms,
        };
    }

    /// <summary>Per-chunk sums: one cell per arm × visit, plus per-arm counts and relapse tables.</summary>
    private struct Accumulator
    {
        public RunningMoments[] Change;
        public ProportionCounter[] Response;
        public ProportionCounter[] Remission;
        public long[] Randomised;
        public long[] Dropped;
        public long[] Held;
        public EventCountTable[] Relapse;
        public long NotRandomised;
        public long[] Entered;
        public long[] EnteredPerArm;
        public ProportionCounter[] ResponseAtEnd;
        public ProportionCounter[] RemissionAtEnd;
        public RunningMoments[] Item10Change;
        public RunningMoments[] CgiChange;
        public ProportionCounter[] Item10Low;
        public ProportionCounter[] Resolved;
        public SafetyTally[] Safety;
        public TrialSafety? SafetyRule;
        public SafetyTally NotRandomisedSafety;
        public EfficacyTally[] Efficacy;
        public TrialDefinition Trial;
        public CrossoverTally? Crossover;

        public static Accumulator Create(int arms, int visits, int phases) => new()
        {
            Entered = new long[phases],
            EnteredPerArm = new long[arms * phases],
            ResponseAtEnd = new ProportionCounter[phases],
            RemissionAtEnd = new ProportionCounter[phases],
            Change = new RunningMoments[arms * visits],
            Response = new ProportionCounter[arms * visits],
            Remission = new ProportionCounter[arms * visits],
            Randomised = new long[arms],
            Dropped = new long[arms],
            Held = new long[arms],
            Safety = new SafetyTally[arms],
            Efficacy = Enumerable.Range(0, arms).Select(_ => new EfficacyTally(visits)).ToArray(),
            Relapse = Enumerable.Range(0, arms).Select(_ => new EventCountTable()).ToArray(),
            Item10Change = new RunningMoments[arms * visits],
            CgiChange = new RunningMoments[arms * visits],
            Item10Low = new ProportionCounter[arms * visits],
            Resolved = new ProportionCounter[arms * visits],
        };

        public void Add(SubjectOutcome o, int visits, int[] phaseLast, SuicidalityEndpoints? suicidality)
        {
            int phases = phaseLast.Length;
            for (int p = 0; p < Math.Min(o.PhasesEntered, phases); p++)
            {
                Entered[p]++;
                if (o.Arm >= 0) EnteredPerArm[o.Arm * phases + p]++;
                if (phaseLast[p] >= 0 && o.Scores[phaseLast[p]] is not null)
                {
                    ResponseAtEnd[p].Add(o.Responded[phaseLast[p]]);
                    RemissionAtEnd[p].Add(o.Remitted[phaseLast[p]]);
                }
            }
            int a = o.Arm;
            if (a < 0)
            {
                // Not randomised (a randomised phase it did not enter): its open-label sessions still count, apart from the arms.
                NotRandomised++;
                if (SafetyRule is not null) NotRandomisedSafety.Add(o.Sessions, SafetyRule);
                return;
            }   // withdrawal design: not a stable remitter at randomisation
            Randomised[a]++;
            if (o.DropoutHours is not null) Dropped[a]++;
            Held[a] += o.HeldDoses;
            if (SafetyRule is not null) Safety[a].Add(o.Sessions, SafetyRule);
            Efficacy[a].Add(o, Trial);
            Crossover?.Add(o, Trial.ResponseFraction);
            for (int v = 0; v < visits; v++)
            {
                if (o.Scores[v] is not { } s) continue;
                int k = a * visits + v;
                Change[k].Add(s - o.Baseline);
                Response[k].Add(o.Responded[v]);
                Remission[k].Add(o.Remitted[v]);
                if (suicidality is not null && o.Suicidality is { } si && si.Item10[v] is { } item10 && si.Cgi[v] is { } cgi)
                {
                    Item10Change[k].Add(item10 - si.BaselineItem10);
                    CgiChange[k].Add(cgi - si.BaselineCgi);
                    Item10Low[k].Add(item10 <= suicidality.Item10Max);
                    Resolved[k].Add(cgi <= suicidality.CgiMax);
                }
            }
            if (o.RelapseEvaluable)
            {
                if (o.RelapseHours is { } r) Relapse[a].Add(r / 24.0, isEvent: true);
                else Relapse[a].Add(o.RelapseCensoredHours / 24.0, isEvent: false);
            }
        }

        public void Merge(in Accumulator chunk)
        {
            if (Randomised is null) { this = chunk; return; }
            for (int k = 0; k < Change.Length; k++)
            {
                Change[k].Merge(chunk.Change[k]);
                Response[k].Merge(chunk.Response[k]);
                Remission[k].Merge(chunk.Remission[k]);
                Item10Change[k].Merge(chunk.Item10Change[k]);
                CgiChange[k].Merge(chunk.CgiChange[k]);
                Item10Low[k].Merge(chunk.Item10Low[k]);
                Resolved[k].Merge(chunk.Resolved[k]);
            }
            for (int a = 0; a < Randomised.Length; a++)
            {
                Randomised[a] += chunk.Randomised[a];
                Dropped[a] += chunk.Dropped[a];
                Held[a] += chunk.Held[a];
                Safety[a].Merge(chunk.Safety[a]);
                Efficacy[a].Merge(chunk.Efficacy[a]);
                Relapse[a].Merge(chunk.Relapse[a]);
            }
            if (Crossover is not null && chunk.Crossover is not null) Crossover.Merge(chunk.Crossover);
            NotRandomised += chunk.NotRandomised;
            NotRandomisedSafety.Merge(chunk.NotRandomisedSafety);
            for (int p = 0; p < Entered.Length; p++)
            {
                Entered[p] += chunk.Entered[p];
                ResponseAtEnd[p].Merge(chunk.ResponseAtEnd[p]);
                RemissionAtEnd[p].Merge(chunk.RemissionAtEnd[p]);
            }
            for (int k = 0; k < EnteredPerArm.Length; k++) EnteredPerArm[k] += chunk.EnteredPerArm[k];
        }
    }
}

/// <summary>A subject's simulation failed; the message names the trial, subject index, seed and arm so it can be replayed
/// alone with <see cref="TrialRunner.SimulateSubject"/>.</summary>
public sealed class TrialSubjectException(string message, Exception inner) : Exception(message, inner);

/// <summary>An enrol-until run: the trial of the first <see cref="Enrolled"/> subjects, of whom <see cref="Entered"/>
/// entered the phase; <see cref="Reached"/> is false when the cap came first.</summary>
public sealed record EnrolmentResult(TrialResult Result, int Enrolled, long Entered, bool Reached);
