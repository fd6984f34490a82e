using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.Biology.Inputs;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Store;
using KetaSim.Population.Sampling;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Runs;

/// <summary>What identifies a trial run's numbers besides the definition: N, seed and chunk size (the thread count does not matter).</summary>
public sealed record TrialRunSettings(int Subjects, ulong Seed, int ChunkSize = TrialRunner.DefaultChunkSize);

/// <summary>A finished trial run.</summary>
/// <param name="Result">Summaries from the runner's chunk-ordered reduction (over stored and new subjects alike).</param>
/// <param name="Simulated">Subjects simulated by this process.</param>
/// <param name="Reused">Subjects taken from the store (resume).</param>
/// <param name="Sample">The first <see cref="TrialStoreRun.SamplePerArm"/> subjects of each arm, by index, read back from the store.</param>
public sealed record TrialRunReport(TrialResult Result, int Simulated, int Reused, TimeSpan Elapsed, IReadOnlyList<SubjectOutcome> Sample)
{
    /// <summary>Per-subject validity flags counted over every subject, stored and new (docs/validity.md).</summary>
    public IReadOnlyList<SubjectWarningCount> SubjectWarnings { get; init; } = [];

    /// <summary>An enrol-until run: how many were enrolled and entered; null for a fixed subject count.</summary>
    public EnrolmentResult? Enrolment { get; init; }
}

/// <summary>The run was cancelled (Ctrl-C); every subject finished before is committed to the store.</summary>
public sealed class TrialRunCancelledException(string message, int stored) : OperationCanceledException(message)
{
    /// <summary>Subjects committed to the store when the run stopped.</summary>
    public int Stored { get; } = stored;
}

/// <summary>
/// Runs a trial into a result store: creates the store (or reopens it to resume, checking that the stored run is
/// the same run), streams every simulated subject into it through <see cref="TrialRunner.Run"/>'s
/// <c>onSubject</c> hook, and hands subjects already stored back to the runner through <c>completed</c>, so a
/// resumed run neither simulates nor counts a subject twice and its <see cref="TrialResult"/> equals an
/// uninterrupted run's bit for bit. How the store is laid out: <see cref="SubjectOutcomeRecords"/>.
/// </summary>
public static class TrialStoreRun
{
    /// <summary>The store's file name inside a trial output directory.</summary>
    public const string StoreFileName = "run.duckdb";

    /// <summary>Subjects per arm in <see cref="TrialRunReport.Sample"/> (for trajectory plots).</summary>
    public const int SamplePerArm = 20;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = false };

    /// <summary>The run's <c>parameters_json</c>: N, seed, chunk size, where the trial came from, arms and visits.</summary>
    public static string ParametersJson(TrialDefinition trial, TrialRunSettings settings, string source, IReadOnlyList<InputFileRecord>? inputs = null) =>
        new JsonObject
        {
            ["subjects"] = settings.Subjects,
            ["seed"] = settings.Seed,
            ["chunk_size"] = settings.ChunkSize,
            ["source"] = source,
            ["arms"] = new JsonArray([.. trial.Arms.Select(a => (JsonNode)JsonValue.Create(a.Name))]),
            ["control_arm"] = trial.Arms[Math.Max(0, trial.ControlArmIndex)].Name,
            ["visits_h"] = new JsonArray([.. trial.VisitTimesHours.Select(v => (JsonNode)JsonValue.Create(v))]),
            ["duration_h"] = trial.DurationHours,
            ["inputs"] = new JsonArray([.. (inputs ?? []).Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["sha256"] = f.Sha256 })]),
        }.ToJsonString(Indented);

    /// <summary>Creates a new store for the run (refuses an existing file).</summary>
    public static ResultStore Create(string path, TrialDefinition trial, string definitionText, TrialRunSettings settings, string source,
        ResultStoreOptions? options = null, IReadOnlyList<InputFileRecord>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.Validate(settings.Subjects);
        var run = RunInfo.New(unchecked((long)settings.Seed), settings.Subjects, trial.Name, definitionText, ParametersJson(trial, settings, source, inputs));
        return ResultStore.Create(path, run, SubjectOutcomeRecords.Columns, options);
    }

    /// <summary>N, seed and chunk size a store was written with (from its run row and parameters).</summary>
    public static TrialRunSettings StoredSettings(ResultStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        int chunk = TrialRunner.DefaultChunkSize;
        try
        {
            if (JsonNode.Parse(store.Run.ParametersJson)?["chunk_size"] is { } c) chunk = c.GetValue<int>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InputException(store.Path, 0, "run.parameters_json", null, "the stored run parameters are unreadable", "a store written by 'ketasim trial'", e);
        }
        return new TrialRunSettings(store.Run.NSubjects, unchecked((ulong)store.Run.Seed), chunk);
    }

    /// <summary>
    /// Opens an existing store to resume and checks that it holds this run: same trial text, N, seed and chunk size,
    /// written by this model version with this subject layout. A mismatch throws <see cref="InputException"/>
    /// naming the store, the differing field and both values; the store is closed again.
    /// </summary>
    public static ResultStore OpenForResume(string path, string definitionText, TrialRunSettings settings, ResultStoreOptions? options = null)
    {
        var store = ResultStore.OpenForResume(path, options);
        try
        {
            CheckSameRun(store, definitionText, settings);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="InputException"/> unless <paramref name="store"/> holds this run (see <see cref="OpenForResume"/>).</summary>
    public static void CheckSameRun(ResultStore store, string definitionText, TrialRunSettings settings, IReadOnlyList<InputFileRecord>? inputs = null)
    {
        const string Fix = "the same trial file and options as the interrupted run, or a new --out directory (or --force to start over)";
        var stored = StoredSettings(store);
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        if (!store.CovariateNames.SequenceEqual(SubjectOutcomeRecords.Columns, StringComparer.Ordinal))
            throw new InputException(store.Path, 0, "subjects", null, "this store was not written by 'ketasim trial' (its subject columns differ)", Fix);
        if (!string.Equals(store.Run.Definition.ReplaceLineEndings("\n"), definitionText.ReplaceLineEndings("\n"), StringComparison.Ordinal))
            throw new InputException(store.Path, 0, "run.definition", store.Run.TrialName,
                "the trial definition differs from the one this store was started with", Fix);
        if (stored.Subjects != settings.Subjects)
            throw new InputException(store.Path, 0, "--n", I(settings.Subjects), $"the stored run has N = {I(stored.Subjects)}", Fix);
        if (stored.Seed != settings.Seed)
            throw new InputException(store.Path, 0, "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture),
                $"the stored run has seed {stored.Seed.ToString(CultureInfo.InvariantCulture)}", Fix);
        if (stored.ChunkSize != settings.ChunkSize)
            throw new InputException(store.Path, 0, "--chunk-size", I(settings.ChunkSize), $"the stored run has chunk size {I(stored.ChunkSize)}", Fix);
        if (!string.Equals(store.Run.ModelVersion, RunInfo.CurrentModelVersion, StringComparison.Ordinal))
            throw new InputException(store.Path, 0, "run.model_version", store.Run.ModelVersion,
                $"the run was started by another KetaSim build ({RunInfo.CurrentModelVersion} now), so resumed subjects would not match", Fix);
        if (inputs is not null) CheckSameInputs(store, inputs, Fix);
    }

    /// <summary>Every file the run read (population, compound library, the trial file) must hold what it held
    /// when the run started: a changed file would change the cohort midway.</summary>
    private static void CheckSameInputs(ResultStore store, IReadOnlyList<InputFileRecord> inputs, string fix)
    {
        JsonArray? stored;
        try
        {
            stored = JsonNode.Parse(store.Run.ParametersJson)?["inputs"] as JsonArray;
        }
        catch (JsonException e)
        {
            throw new InputException(store.Path, 0, "run.parameters_json", null, "the stored run parameters are unreadable", "a store written by 'ketasim trial'", e);
        }
        if (stored is null)
            throw new InputException(store.Path, 0, "run.parameters_json", null, "the store does not record which input files the run read, so a resume cannot be checked", fix);
        var then = stored.Select(n => ((string?)n?["path"] ?? "", (string?)n?["sha256"] ?? "")).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        var now = inputs.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        foreach (var (file, hash) in then)
        {
            if (!now.TryGetValue(file, out var current))
                throw new InputException(file, 0, "", null, $"the interrupted run in {store.Path} read this file and the resumed run does not", fix);
            if (!string.Equals(hash, current, StringComparison.Ordinal))
                throw new InputException(file, 0, "", null, $"the file changed since the run in {store.Path} was started (its content hash differs), so resumed subjects would not match", fix);
        }
        foreach (var file in now.Keys.Where(f => !then.ContainsKey(f)))
            throw new InputException(file, 0, "", null, $"the resumed run reads this file and the interrupted run in {store.Path} did not", fix);
    }

    /// <summary>
    /// Runs the trial into <paramref name="store"/>: subjects already in the store are reused, the others are
    /// simulated and added. <paramref name="progress"/> receives subjects done (stored ones included; reports may
    /// arrive out of order), <paramref name="simulated"/> the running count of newly simulated subjects. On
    /// cancellation the subjects finished so far are committed and <see cref="TrialRunCancelledException"/> is thrown.
    /// A subject whose simulation fails throws its <see cref="TrialSubjectException"/> (after committing the others).
    /// </summary>
    public static TrialRunReport Run(ResultStore store, TrialDefinition trial, TrialRunSettings settings, int? threads = null,
        IProgress<int>? progress = null, Action<int>? simulated = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trial);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var stored = store.CompletedSubjects.Count > 0 ? SubjectOutcomeRecords.Load(store, trial) : [];
        int fresh = 0;
        var runner = new TrialRunner(ScenarioRunner.Shared, settings.ChunkSize);
        var validity = new TrialValidity();
        TrialResult result;
        EnrolmentResult? enrolment = null;
        // A freshly simulated subject is stored and counted; a stored one (resume) is counted and not simulated again.
        void Keep(SubjectOutcome outcome)
        {
            store.Add(RecordOf(trial, settings.Seed, outcome));
            validity.Add(outcome);
            int now = Interlocked.Increment(ref fresh);   // counted even without a listener (?.Invoke would skip it)
            simulated?.Invoke(now);
        }
        SubjectOutcome? Stored(long i)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var done = stored.GetValueOrDefault(i);
            if (done is not null) validity.Add(done);
            return done;
        }
        try
        {
            if (trial.EnrolUntil is not null)
            {
                // Enrol until N subjects enter the phase: only subjects that belong to the trial are stored, a round at a time.
                enrolment = runner.RunUntil(trial, settings.Subjects, settings.Seed, threads, progress,
                    onKept: kept => { foreach (var outcome in kept) Keep(outcome); }, completed: Stored);
                result = enrolment.Result;
            }
            else result = runner.Run(trial, settings.Subjects, settings.Seed, threads, progress, onSubject: Keep, completed: Stored);
        }
        catch (TrialPhaseEntryException)
        {
            // Every subject is simulated and stored; only the design failed (nobody entered a phase).
            store.Flush();
            throw;
        }
        catch (AggregateException e)
        {
            var first = Unwrap(e);
            if (first is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                store.Flush();
                throw new TrialRunCancelledException("cancelled", store.CompletedSubjects.Count);
            }
            // Keep what finished: a fault in one subject should not discard the others.
            try { store.Flush(); }
            catch (ResultStoreException) { }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
        store.Flush();
        int count = store.CompletedSubjects.Count;
        int expected = enrolment?.Enrolled ?? settings.Subjects;
        if (count != expected)
            throw new InvalidOperationException($"{store.Path}: {count} subjects stored after the run, expected {expected}.");
        var sample = SubjectOutcomeRecords.Load(store, trial,
            $"subject_index IN (SELECT subject_index FROM (SELECT subject_index, ROW_NUMBER() OVER (PARTITION BY arm ORDER BY subject_index) AS k FROM subjects WHERE completed) WHERE k <= {SamplePerArm})")
            .Values.OrderBy(o => o.Index).ToArray();
        return new TrialRunReport(result, fresh, stored.Count, started.Elapsed, sample) { SubjectWarnings = validity.Counts(), Enrolment = enrolment };
    }

    /// <summary>The store record of a freshly simulated subject: covariates re-sampled from (seed, index) — the same
    /// draw the runner used — and, when the subject had doses held, their times from a replay of its regimen.</summary>
    public static SubjectRecord RecordOf(TrialDefinition trial, ulong seed, SubjectOutcome outcome)
    {
        var subject = PopulationSampler.Sample(trial.Population, seed, outcome.Index);
        IReadOnlyList<Biology.Safety.HeldDose> held = [];
        if (outcome.HeldDoses > 0 && !trial.IsPhased)
        {
            // The outcome only counts held doses; replaying the subject's regimen (deterministic) gives their times.
            // A subject not randomised in a withdrawal design ran the open-label regimen (arm 0's).
            var arm = trial.Arms[Math.Max(0, outcome.Arm)];
            var template = TrialRunner.TemplateFor(trial, arm);
            var scenario = subject.Apply(template, ScenarioRunner.Shared);
            if (arm.TreatmentResistant is { } trd && scenario.Mechanism is { } mech)
                scenario = scenario with { Mechanism = mech with { Patient = mech.Patient with { TreatmentResistant = trd } } };
            var replay = ScenarioRunner.Shared.RunWithRules(scenario).Held;
            if (replay.Count == outcome.HeldDoses) held = replay;
        }
        return SubjectOutcomeRecords.ToRecord(trial, outcome, subject, held);
    }

    /// <summary>The first meaningful exception inside an AggregateException (cancellation last).</summary>
    private static Exception Unwrap(AggregateException e)
    {
        var all = e.Flatten().InnerExceptions;
        return all.FirstOrDefault(x => x is not OperationCanceledException) ?? all.FirstOrDefault() ?? e;
    }
}
