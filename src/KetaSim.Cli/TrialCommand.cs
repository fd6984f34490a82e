using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using KetaSim.IO.Input;
using KetaSim.IO.Output;
using KetaSim.IO.Runs;
using KetaSim.IO.Store;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.Cli;

/// <summary>
/// <c>ketasim trial TRIAL --n N --out DIR</c>: runs a virtual trial into DIR/run.duckdb, writes summary.json,
/// visits.csv and the trial plots, prints a results table; <c>--resume</c> continues an interrupted run.
/// </summary>
internal static class TrialCommand
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT, as shells report it): the finished subjects are stored.</summary>
    public const int Cancelled = 130;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var trialArg = new Argument<string>("TRIAL")
        {
            Description = "Trial YAML file (format: docs/trials.md), or the name of a built-in trial: " + string.Join(", ", TrialCatalog.Names) + ".",
        };
        var n = new Option<string?>("--n", "-n")
        {
            Description = "Subjects to simulate (default: the trial file's 'subjects'; on --resume: the stored run's N).",
            HelpName = "N",
        };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<trial name>). Must be new or empty unless --force or --resume.");
        var seed = new Option<string?>("--seed")
        {
            Description = "Run seed: subject i's draws depend only on (seed, i) (default: the trial file's 'seed'; on --resume: the stored seed).",
            HelpName = "S",
        };
        var threads = new Option<string?>("--threads")
        {
            Description = "Worker threads (default: all cores). Results do not depend on it.",
            HelpName = "T",
        };
        var chunk = new Option<string?>("--chunk-size")
        {
            Description = $"Subjects per chunk of the deterministic reduction (default {TrialRunner.DefaultChunkSize}). Part of the reproducibility key with N and seed.",
            HelpName = "C",
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue an interrupted run in --out: reuse its stored subjects, simulate the rest. The trial, N, seed and chunk size must match.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Start over in an existing --out directory: replace the run's files (run.duckdb, summary.json, visits.csv, plots), keep everything else.",
        };
        var vary = new Option<string[]>(Design.Sweeps.Variations.Option)
        {
            Description = "KEY=V1,V2,...: run the trial once per value (same subjects in every variant) and compare every endpoint with 95% CIs in sweep.csv, sweep.json and sweep.png instead of storing subjects. Keys: " +
                string.Join("; ", Design.Sweeps.TrialVariations.Keys.Select(k => $"{k.Key} ({k.Meaning})")) + ".",
            HelpName = "KEY=V1,V2",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var combine = CompareCommand.CombineOption();
        var command = new Command("trial",
            "Run a virtual trial: every subject into DIR/run.duckdb (query it with 'ketasim query'), per-arm per-visit summaries into summary.json and visits.csv, plots as PNG; progress on stderr, results table on stdout. Ctrl-C stops cleanly; --resume continues. With --vary: a sweep of trial variants compared on every endpoint.")
        {
            trialArg, n, output, seed, threads, chunk, resume, force, vary, combine,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var request = new Request(parse.GetRequiredValue(trialArg), parse.GetValue(n), parse.GetValue(output), parse.GetValue(seed), parse.GetValue(threads),
                parse.GetValue(chunk), parse.GetValue(resume), parse.GetValue(force));
            var varied = parse.GetValue(vary) ?? [];
            if (varied.Length > 0) return TrialSweepCommand.Run(stdout, stderr, request.Trial, request.N, request.Out, request.Seed, request.Threads, request.ChunkSize, request.Resume, request.Force, varied, parse.GetValue(combine));
            if (parse.GetValue(combine) is { } c) throw new InputException(request.Trial, 0, "--combine", c, "--combine only applies to --vary", "--combine together with two or more --vary");
            return Run(stdout, stderr, request);
        }));
        return command;
    }

    private sealed record Request(string Trial, string? N, string? Out, string? Seed, string? Threads, string? ChunkSize, bool Resume, bool Force);

    private static int Run(TextWriter stdout, TextWriter stderr, Request q)
    {
        // Everything is checked before anything is created.
        int? n = TrialInput.Count(q.Trial, "--n", q.N, 1, TrialReader.MaxSubjects, "the number of virtual subjects, e.g. --n 1000");
        int? threads = TrialInput.Count(q.Trial, "--threads", q.Threads, 1, 4096, $"1 or more worker threads (this machine has {Environment.ProcessorCount} cores)");
        int? chunk = TrialInput.Count(q.Trial, "--chunk-size", q.ChunkSize, 1, 1_000_000, $"subjects per chunk, e.g. {TrialRunner.DefaultChunkSize}");
        ulong? seed = TrialInput.Seed(q.Trial, q.Seed);
        if (q.Resume && q.Force)
            throw new InputException(q.Trial, 0, "--force", null, "--resume continues the stored run and --force starts over; give one of them", "--resume or --force");
        var input = TrialInput.Resolve(q.Trial);
        var trial = input.Definition;
        var outName = q.Out ?? Path.Combine("ketasim-out", trial.Name);
        var dir = OutputDirectory.CheckedFullPath(outName);
        var storePath = Path.Combine(dir, TrialStoreRun.StoreFileName);

        ResultStore store;
        TrialRunSettings settings;
        // Folders a new run created (deepest first), removed again when the run leaves nothing in them.
        var createdDirs = new List<string>();
        DirectoryLock dirLock;
        if (q.Resume)
        {
            if (!File.Exists(storePath))
                throw new InputException(outName, 0, "--resume", null, $"there is no {TrialStoreRun.StoreFileName} in this directory to resume",
                    "the --out directory of an interrupted 'ketasim trial' run; without --resume a new run starts");
            // The lock comes first: a run still going in this directory must not be resumed under it.
            dirLock = DirectoryLock.Acquire(dir, outName);
            try
            {
                store = ResultStore.OpenForResume(storePath);
            }
            catch (InputException e)
            {
                dirLock.Dispose();
                // A store that cannot be opened (a run killed while creating it, a damaged file) cannot be resumed.
                throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem,
                    (e.Allowed.Length > 0 ? e.Allowed + "; or " : "") + "start over with --force instead of --resume (what is stored there is replaced)", e);
            }
            catch
            {
                dirLock.Dispose();
                throw;
            }
            try
            {
                var stored = TrialStoreRun.StoredSettings(store);
                settings = new TrialRunSettings(n ?? stored.Subjects, seed ?? stored.Seed, chunk ?? stored.ChunkSize);
                TrialStoreRun.CheckSameRun(store, input.Text, settings, input.Inputs);
            }
            catch
            {
                store.Dispose();
                dirLock.Dispose();
                throw;
            }
        }
        else
        {
            settings = new TrialRunSettings(n ?? trial.DefaultSubjectCount, seed ?? trial.DefaultSeed, chunk ?? TrialRunner.DefaultChunkSize);
            try { trial.Validate(settings.Subjects); }
            catch (ArgumentException e) { throw new InputException(input.Display, 0, "", null, e.Message, "a valid trial definition"); }
            // With this run's N and seed: a rule that would leave some subject without an eligible draw fails now, not midway.
            Population.Sampling.PopulationSampler.CheckInclusion(trial.Population, settings.Seed, settings.Subjects);
            if (File.Exists(dir))
                throw new InputException(outName, 0, "--out", outName, "is a file, not a directory", "a new or empty directory");
            for (var d = dir; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) createdDirs.Add(d);
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                RemoveEmpty(createdDirs);
                throw new InputException(outName, 0, "--out", outName, $"cannot create the output directory ({e.Message})", "a writable location");
            }
            try
            {
                // Locked before anything in it is deleted, and held until the summaries are written.
                dirLock = DirectoryLock.Acquire(dir, outName);
            }
            catch
            {
                RemoveEmpty(createdDirs);
                throw;
            }
            try
            {
                if (OutputDirectory.HasEntries(dir))
                {
                    if (!q.Force) throw NotEmpty(outName);
                    foreach (var f in OwnFiles) TryDelete(Path.Combine(dir, f));
                }
                store = TrialStoreRun.Create(storePath, trial, input.Text, settings, input.Source, inputs: input.Inputs);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                dirLock.Dispose();
                RemoveEmpty(createdDirs);
                throw new InputException(outName, 0, "--out", outName, $"cannot create the output directory ({e.Message})", "a writable location");
            }
            catch
            {
                dirLock.Dispose();
                RemoveEmpty(createdDirs);
                throw;
            }
        }

        using var heldLock = dirLock;
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCtrlC;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        TrialRunReport report;
        try
        {
            int already = store.CompletedSubjects.Count;
            if (already > 0) stderr.WriteLine($"resuming {trial.Name}: {already} of {settings.Subjects} subjects already stored in {storePath}");
            report = TrialProgress.Show(stderr, settings.Subjects, trial.Name, (progress, simulated, _) =>
                TrialStoreRun.Run(store, trial, settings, threads, progress, simulated, cancel.Token));
        }
        catch (TrialRunCancelledException e)
        {
            store.Dispose();
            stderr.WriteLine($"ketasim: trial cancelled; {e.Stored} of {settings.Subjects} subjects are stored in {storePath}.");
            stderr.WriteLine($"Resume with: ketasim trial {Quote(q.Trial)} --out {Quote(outName)} --resume");
            return Cancelled;
        }
        catch (TrialPhaseEntryException e)
        {
            // Every subject is stored; the design let nobody into a phase: a problem of the trial file, located at the phase.
            try { store.Dispose(); }
            catch (ResultStoreException) { }
            throw new InputException(input.Display, e.Phase.SourceLine, $"phases[{e.PhaseIndex}].entry", e.Phase.Entry.ToString(), e.Message,
                "an entry criterion that some subjects meet (a lower threshold, more stable visits in the previous phase, a longer previous phase, or more subjects)");
        }
        catch (ResultStoreException e)
        {
            // Writing failed midway (a full disk, an I/O error): what was committed before is kept and resumable.
            int kept = 0;
            try { store.Dispose(); }
            catch (ResultStoreException) { }
            try
            {
                using var check = ResultStore.OpenReadOnly(storePath);
                kept = check.CompletedSubjects.Count;
            }
            catch (Exception x) when (x is InputException or ResultStoreException or IOException) { }
            stderr.WriteLine($"ketasim: {e.Message.ReplaceLineEndings(" ")}");
            stderr.WriteLine($"{kept} of {settings.Subjects} subjects are stored in {storePath}. After fixing the cause (free space?), " +
                $"resume with: ketasim trial {Quote(q.Trial)} --out {Quote(outName)} --resume");
            return Program.Fault;
        }
        catch (TrialSubjectException e) when (e.InnerException is KetaSim.Numerics.Ode.IntegrationException ie)
        {
            // The subject's parameters (drawn from the population, with the trial's overrides) defeated the solver: bad input.
            try { store.Dispose(); }
            catch (ResultStoreException) { }
            if (!q.Resume)
            {
                // The input must change before this trial can run, and a changed input cannot resume this store: a
                // new run's store would only block the rerun, so it goes (a resumed store keeps what it held before).
                foreach (var f in OwnFiles) TryDelete(Path.Combine(dir, f));
                RemoveEmpty(createdDirs);
            }
            throw IO.Scenarios.ScenarioEngine.IntegrationFailed(input.Display, 0, e.Message[..Math.Max(0, e.Message.IndexOf("): ", StringComparison.Ordinal) + 1)], ie);
        }
        catch (TrialSubjectException)
        {
            try { store.Dispose(); }
            catch (ResultStoreException) { }
            throw;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
        store.Dispose();

        var files = new List<string> { TrialStoreRun.StoreFileName };
        var regimenWarnings = TrialValidity.Regimen(trial);
        try
        {
            // Summaries and plots are staged beside the store and renamed into place together: a full disk leaves
            // none of them half-written, and the complete store lets --resume write them later.
            using var outputs = OutputDirectory.StageIn(dir);
            files.AddRange(outputs.Write(() =>
                TrialSummary.Write(outputs.Staging, trial, report.Result, TrialValidity.Json(regimenWarnings, report.SubjectWarnings))
                    .Concat(TrialPlots.Write(outputs.Staging, report.Result, report.Sample).Select(f => Path.GetFileName(f))).ToList()));
            outputs.Commit();
        }
        catch (OutputWriteException e)
        {
            stderr.WriteLine($"ketasim: writing the summaries and plots failed ({e.InnerException?.Message.ReplaceLineEndings(" ")}); none of them is left half-written in {dir}.");
            stderr.WriteLine($"All {report.Result.SubjectCount} subjects are stored in {storePath}. After fixing the cause (free space?), " +
                $"write the summaries with: ketasim trial {Quote(q.Trial)} --out {Quote(outName)} --resume");
            return Program.Fault;
        }
        WriteTable(stdout, trial, report, settings, files, dir);
        ConsoleReport.WriteWarnings(stderr, regimenWarnings);
        foreach (var c in report.SubjectWarnings) stderr.WriteLine($"warning: {c.Message} [{c.Code}]");
        stderr.WriteLine(report.Simulated > 0
            ? $"simulated {report.Simulated} subjects in {report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
              $"({(report.Simulated / Math.Max(report.Elapsed.TotalSeconds, 1e-3)).ToString("0.0", CultureInfo.InvariantCulture)} subjects/s)" +
              (report.Reused > 0 ? $"; {report.Reused} reused from the store" : "")
            : $"all {report.Reused} subjects were already stored; summaries recomputed");
        return Program.Ok;
    }

    private static InputException NotEmpty(string outName) =>
        new(outName, 0, "--out", outName, "the directory exists and is not empty",
            "a new or empty directory, --resume to continue the run stored there, or --force to start over (other files are kept)");

    /// <summary>Files a trial run writes into its directory (what --force replaces).</summary>
    private static readonly string[] OwnFiles =
    [
        TrialStoreRun.StoreFileName, TrialStoreRun.StoreFileName + ".wal",
        TrialStoreRun.StoreFileName + ResultStore.CreatingSuffix, TrialStoreRun.StoreFileName + ResultStore.CreatingSuffix + ".wal", TrialSummary.JsonFileName, TrialSummary.CsvFileName,
        TrialPlots.MeanChangeFile, TrialPlots.ResponseRatesFile, TrialPlots.RelapseFile, TrialPlots.TrajectoriesFile,
        TrialPlots.SafetyFile, IO.Runs.TrialSafetySummary.CsvFileName,
    ];

    private static void WriteTable(TextWriter stdout, TrialDefinition trial, TrialRunReport report, TrialRunSettings settings, List<string> files, string dir)
    {
        var r = report.Result;
        stdout.WriteLine($"{trial.Name}: {r.SubjectCount} subjects, seed {settings.Seed.ToString(CultureInfo.InvariantCulture)}, " +
            $"{r.Arms.Count} arm(s), {r.VisitTimesHours.Count} visit(s); wrote {string.Join(", ", files)} to {dir}");
        var header = new[] { "arm", "visit", "n", "change (95% CI)", "response (95% CI)", "remission (95% CI)" };
        var rows = new List<string[]>();
        foreach (var arm in r.Arms.Concat(r.Pooled))
            foreach (var v in arm.Visits)
                rows.Add([arm.PooledFrom.Count > 0 ? $"{arm.Name} (pooled)" : arm.Name, Time(v.TimeHours), I(v.N),
                    v.N > 1 ? $"{F(v.MeanChange)} [{F(v.MeanChangeInterval.Lower)}, {F(v.MeanChangeInterval.Upper)}]" : v.N == 1 ? F(v.MeanChange) : "-",
                    Pct(v.Response), Pct(v.Remission)]);
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[c].Length))).ToArray();
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((c, i) => i is 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        stdout.WriteLine(Line(header));
        foreach (var row in rows) stdout.WriteLine(Line(row));
        foreach (var arm in r.Arms)
            stdout.WriteLine($"  {arm.Name}: randomised {arm.Randomised}, dropped out {arm.DroppedOut}, doses held {arm.HeldDoses}");
        if (r.Enrolment is { } en)
            stdout.WriteLine(en.Reached
                ? $"  enrolled {en.Enrolled} subjects until {en.Target} had entered phase '{en.Phase}' (cap {en.Cap})"
                : $"  only {en.Entered} of the {en.Target} subjects asked for entered phase '{en.Phase}' among the cap of {en.Cap} enrolled; raise --n (or subjects:) to enrol more");
        if (r.Crossover is { } x)
        {
            var d = x.Design;
            int lastOffset = d.VisitOffsetsHours.Count - 1;
            for (int t = 0; t < d.Treatments.Count; t++)
            {
                var c = x.Change[t][lastOffset];
                string paired = "";
                if (t != d.ControlTreatment && x.Paired[t][lastOffset] is { Count: > 1 } p)
                {
                    var ci = p.MeanInterval();
                    paired = $"; paired difference from {d.Treatments[d.ControlTreatment]} {F(p.Mean)} [{F(ci.Lower)}, {F(ci.Upper)}] (n {p.Count})";
                }
                stdout.WriteLine($"  crossover {d.Treatments[t]} at {Time(d.VisitOffsetsHours[lastOffset])} of each period: change from period baseline {F(c.Mean)} (n {c.Count}), response {Pct(x.Response[t][lastOffset])}{paired}");
            }
            if (x.TwoByTwo(lastOffset) is { } e)
                stdout.WriteLine($"  crossover 2x2: treatment effect ({d.Treatments[d.Sequences[0][1]]} minus {d.Treatments[d.Sequences[0][0]]}) {F(e.Treatment.Difference)} " +
                    $"[{F(e.Treatment.Interval.Lower)}, {F(e.Treatment.Interval.Upper)}], period effect {F(e.Period.Difference)} [{F(e.Period.Interval.Lower)}, {F(e.Period.Interval.Upper)}]");
        }
        foreach (var arm in r.Arms)
            if (arm.Efficacy is { } e && e.DaysToResponse.SubjectCount > 0)
            {
                var km = Population.Statistics.KaplanMeierCurve.Estimate(e.DaysToResponse).Median();
                stdout.WriteLine($"  {arm.Name}: median time to response {(double.IsFinite(km.Time) ? F(km.Time) + " d" : "not reached")}, " +
                    $"sessions to response {F(e.SessionsToResponse.Mean)} (responders), weeks in remission {F(e.RemissionWeeks.Mean)}" +
                    (e.Retreatments > 0 ? $", re-treated {e.Retreated} ({e.Retreatments} courses)" : ""));
            }
        foreach (var arm in r.Arms)
            if (arm.Safety is { } s)
                stdout.WriteLine($"  {arm.Name} safety: sessions given {s.Given} (held {s.Held}); subjects dosed {s.Dosed.Successes}: " +
                    $"SBP rise >= {F(trial.Safety!.SystolicRiseMmHg)} mmHg {Pct(s.SystolicRise)}, BP >= {F(trial.Safety.SystolicAbsoluteMmHg)}/{F(trial.Safety.DiastolicAbsoluteMmHg)} {Pct(s.AbsoluteBp)}, " +
                    $"dissociation {Pct(s.Dissociation)}, sedation {Pct(s.Sedation)}");
        if (r.NotRandomised > 0)
            stdout.WriteLine($"  not randomised (not in stable remission at {Time(r.RandomisationHours ?? 0)}): {r.NotRandomised}");
        var last = r.Comparisons.Concat(r.PooledComparisons).GroupBy(c => c.Arm).Select(g => g.Last());
        foreach (var c in last)
            if (c.ChangeDifference is { } d)
                stdout.WriteLine($"  {c.Arm} vs {c.Control} at {Time(c.TimeHours)}: change difference {F(d.Difference)} [{F(d.Interval.Lower)}, {F(d.Interval.Upper)}], " +
                    $"response difference {P(c.ResponseDifference)} [{P(c.ResponseDifferenceInterval.Lower)}, {P(c.ResponseDifferenceInterval.Upper)}]");
        foreach (var c in TrialSummary.RelapseComparisons(r, TrialSummary.ControlIndex(trial, r)))
            stdout.WriteLine($"  relapse {c.Arm} vs {c.Control}: {c.Events} events, log-rank p = {c.LogRank.PValue.ToString("G3", CultureInfo.InvariantCulture)}" +
                (c.Cox is { } f ? $", HR {F(f.HazardRatio)} [{F(f.HazardRatioInterval.Lower)}, {F(f.HazardRatioInterval.Upper)}]" : ""));
    }

    private static string Pct(Population.Statistics.ProportionCounter p)
    {
        if (p.Trials == 0) return "-";
        var ci = p.WilsonInterval();
        return $"{P(p.Proportion)} [{P(ci.Lower)}, {P(ci.Upper)}]";
    }

    private static string P(double v) => double.IsFinite(v) ? (100 * v).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Time(double h)
    {
        string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (h != 0 && Math.Abs(h % 168) < 1e-9) return $"{N(h / 168)} wk";
        if (h != 0 && Math.Abs(h % 24) < 1e-9) return $"{N(h / 24)} d";
        return $"{N(h)} h";
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? $"'{s.Replace("'", "'\\''", StringComparison.Ordinal)}'" : s;

    private static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void RemoveEmpty(List<string> deepestFirst)
    {
        foreach (var d in deepestFirst)
        {
            try { if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()) Directory.Delete(d); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
