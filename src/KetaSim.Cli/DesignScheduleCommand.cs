using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KetaSim.Biology.Validity;
using KetaSim.Design.Schedule;
using KetaSim.IO.Output;

namespace KetaSim.Cli;

/// <summary>
/// <c>ketasim design schedule SPEC</c>: the loading series and maintenance interval and dose that keep the cohort's remission
/// share above the target with the fewest sessions, within BP and dissociation limits and under the dose-hold rule
/// (docs/design/schedule.md).
/// </summary>
internal static class DesignScheduleCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("SPEC") { Description = "Schedule-design YAML file (format: docs/design/schedule.md)." };
        var n = new Option<string?>("--n", "-n") { Description = "Cohort size (default: the file's cohort_size).", HelpName = "N" };
        var seed = new Option<string?>("--seed") { Description = "Cohort seed: subject i depends only on (seed, i) (default: the file's seed).", HelpName = "S" };
        var threads = new Option<string?>("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it.", HelpName = "T" };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<name>-schedule). Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var command = new Command("schedule",
            "Choose the loading count and spacing, maintenance interval and dose that keep the cohort's remission share at or above a target at every visit " +
            "with the fewest sessions, within blood-pressure and dissociation limits and the dose-hold rule; compare with the reference (label) schedule. " +
            "Writes schedule.json, candidates.csv, tradeoff.png, trajectories.png; progress on stderr.")
        {
            spec, n, seed, threads, output, force,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var file = parse.GetRequiredValue(spec);
            int? cohort = TrialInput.Count(file, "--n", parse.GetValue(n), 1, ScheduleSpecReader.MaxCohort, "the cohort size, e.g. --n 200");
            int workers = TrialInput.Count(file, "--threads", parse.GetValue(threads), 1, 4096, $"1 or more worker threads (this machine has {Environment.ProcessorCount} cores)")
                ?? Environment.ProcessorCount;
            ulong? seedValue = TrialInput.Seed(file, parse.GetValue(seed));
            var s = ScheduleSpecReader.ReadFile(file);
            if (seedValue is { } sv) s = s with { Seed = sv };
            var target = parse.GetValue(output) ?? Path.Combine("ketasim-out", s.Name + "-schedule");
            OutputDirectory.CheckedFullPath(target);

            var clock = Stopwatch.StartNew();
            var problem = s.Problem(cohort);
            var candidates = s.Candidates();
            stderr.WriteLine($"schedule: {candidates.Count} candidates{(s.Reference is null ? "" : " + reference")} x {problem.CohortSize} subjects, {workers} thread(s)");
            var evaluator = new ModelScheduleEvaluator(s, problem, workers);
            var progress = new PlainProgress(stderr);
            // Nothing is written during the search, so a signal then simply ends the process.
            var result = ScheduleSearch.Run(problem, candidates, s.Reference, evaluator.Evaluate, workers, progress.Report);
            progress.Finish();
            var warnings = Warnings(evaluator, result);

            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(target, parse.GetValue(force));
            signals.Attach(directory);
            var files = directory.Write(() => ScheduleWriter.Write(directory.Staging, s, result, warnings));
            directory.Commit();
            stdout.WriteLine($"{s.Name}: {candidates.Count} candidates on {problem.CohortSize} subjects in {clock.Elapsed.TotalSeconds:F1} s; wrote {string.Join(", ", files)} to {directory.Target}");
            WriteSummary(stdout, result);
            ConsoleReport.WriteWarnings(stderr, warnings);
            return Program.Ok;
        }));
        return command;
    }

    /// <summary>The regimen warnings of the chosen (or best) schedule and the reference, then their subjects' trajectory flags.</summary>
    private static List<ValidityWarning> Warnings(ModelScheduleEvaluator evaluator, ScheduleSearchResult r)
    {
        var warnings = new List<ValidityWarning>();
        var shown = new List<(string Who, CandidateResult C)> { (r.TargetMet ? "chosen" : "best reachable", r.Best) };
        if (r.Reference is { } rf) shown.Add(("reference", rf));
        if (r.MatchesReference is { } m && m.Index != r.Best.Index) shown.Add(("at reference remission", m));
        foreach (var (who, c) in shown)
        {
            foreach (var w in evaluator.RegimenWarnings(c.Regimen))
                if (!warnings.Any(x => x.Code == w.Code && x.Message.EndsWith(w.Message, StringComparison.Ordinal)))
                    warnings.Add(w with { Message = $"{who} schedule: {w.Message}" });
            foreach (var (flag, code, phrase) in ValidityDomain.SubjectFlagCodes)
                if (c.FlagCounts.TryGetValue(flag, out int count) && count > 0)
                    warnings.Add(new ValidityWarning(code, $"{who} schedule: {phrase} in {count} of {r.Problem.CohortSize} subjects"));
        }
        return warnings;
    }

    private static void WriteSummary(TextWriter o, ScheduleSearchResult r)
    {
        var p = r.Problem;
        string Pct(double v) => double.IsFinite(v) ? (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%" : "n/a";
        string Line(CandidateResult c) =>
            $"{c.Regimen.Label}: {c.Sessions} sessions (mean given {c.MeanSessionsGiven:F2}), remission over the window worst {Pct(c.MinWindowRemission)}, mean {Pct(c.MeanWindowRemission)}; " +
            $"SBP rise >= {p.Limits.SystolicRiseMmHg:G4} mmHg {Pct(c.SystolicRiseShare)}, dissociation {Pct(c.DissociationShare)}, held {Pct(c.HeldShare)} ({(p.Limits.Per == LimitBasis.Session ? "of sessions" : "of subjects")})";
        o.WriteLine($"  target: remission share >= {Pct(p.Target.Share)} (MADRS <= {p.Target.MadrsMax:G4}) at every visit from {ScheduleRegimen.Time(p.Target.FromHours)}; " +
            $"{r.Candidates.Count(c => c.Feasible)} of {r.Candidates.Count} candidates feasible, {r.Candidates.Count(c => c.WithinLimits)} within the limits");
        if (r.TargetMet) o.WriteLine($"  chosen: {Line(r.Best)}");
        else o.WriteLine($"  target not reached by any candidate; best reachable: {Line(r.Best)}" +
            (r.Best.LimitsBroken.Count > 0 ? $" (breaks: {string.Join("; ", r.Best.LimitsBroken)})" : ""));
        if (r.Reference is { } rf)
        {
            o.WriteLine($"  reference: {Line(rf)}");
            o.WriteLine($"  {(r.TargetMet ? "chosen" : "best reachable")} vs reference: {rf.Sessions - r.Best.Sessions:+0;-0;0} sessions saved, worst remission {100 * (r.Best.MinWindowRemission - rf.MinWindowRemission):+0.0;-0.0;0.0} points, mean {100 * (r.Best.MeanWindowRemission - rf.MeanWindowRemission):+0.0;-0.0;0.0} points");
            if (r.MatchesReference is { } m)
                o.WriteLine(r.SessionsSavedAtReferenceRemission > 0
                    ? $"  at the reference's remission (worst {Pct(rf.MinWindowRemission)}): {m.Regimen.Label}, {m.Sessions} sessions = {r.SessionsSavedAtReferenceRemission} fewer than the reference (worst {Pct(m.MinWindowRemission)}, mean {Pct(m.MeanWindowRemission)})"
                    : $"  no candidate reaches the reference's worst remission ({Pct(rf.MinWindowRemission)}) with fewer sessions: the fewest is {m.Sessions} ({m.Regimen.Label})");
            else o.WriteLine($"  no candidate within the limits reaches the reference's worst remission ({Pct(rf.MinWindowRemission)}): none saves sessions at equal remission");
        }
        o.WriteLine("  Pareto set (sessions: worst / mean remission):");
        foreach (var c in r.Pareto) o.WriteLine($"    {c.Sessions,3}: {Pct(c.MinWindowRemission)} / {Pct(c.MeanWindowRemission)}  {c.Regimen.Label}");
    }

    /// <summary>Plain progress lines on stderr, at most every 2 s and once at the end.</summary>
    private sealed class PlainProgress(TextWriter stderr)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private TimeSpan _last;
        private long _done, _total;

        public void Report(long done, long total)
        {
            lock (_lock)
            {
                if (done > _done) _done = done;
                _total = total;
                if (_clock.Elapsed - _last < TimeSpan.FromSeconds(2)) return;
                _last = _clock.Elapsed;
                Write();
            }
        }

        public void Finish()
        {
            lock (_lock) Write();
        }

        private void Write()
        {
            double s = _clock.Elapsed.TotalSeconds, rate = s > 0 ? _done / s : 0;
            string eta = rate > 0 && _done < _total ? $", ETA {(_total - _done) / rate:F0} s" : "";
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"schedule: runs {_done}/{_total} ({100.0 * _done / Math.Max(1, _total):F0}%), {rate:F1}/s{eta}"));
        }
    }
}
