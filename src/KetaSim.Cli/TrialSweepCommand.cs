using System.Globalization;
using KetaSim.Design.Sweeps;
using KetaSim.IO.Input;
using KetaSim.IO.Output;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.Cli;

/// <summary>
/// <c>ketasim trial TRIAL --vary KEY=V1,V2 ...</c>: the trial once per variant, the same subjects in each, compared on
/// every endpoint (sweep.csv, sweep.json, sweep.png). A sweep keeps no result store: it is a comparison, and each variant
/// can be run on its own (with its store) by writing the setting into the trial file.
/// </summary>
internal static class TrialSweepCommand
{
    public static int Run(TextWriter stdout, TextWriter stderr, string trialArg, string? nText, string? outText, string? seedText, string? threadsText,
        string? chunkText, bool resume, bool force, IReadOnlyList<string> varied, string? combineText)
    {
        int? n = TrialInput.Count(trialArg, "--n", nText, 1, TrialReader.MaxSubjects, "the number of virtual subjects, e.g. --n 1000");
        int? threads = TrialInput.Count(trialArg, "--threads", threadsText, 1, 4096, $"1 or more worker threads (this machine has {Environment.ProcessorCount} cores)");
        int? chunk = TrialInput.Count(trialArg, "--chunk-size", chunkText, 1, 1_000_000, $"subjects per chunk, e.g. {TrialRunner.DefaultChunkSize}");
        ulong? seed = TrialInput.Seed(trialArg, seedText);
        if (resume)
            throw new InputException(trialArg, 0, "--resume", null, "a sweep (--vary) keeps no result store to resume", "run the sweep again (the same seed gives the same numbers), or a single trial without --vary");
        var input = TrialInput.Resolve(trialArg);
        var trial = input.Definition;
        var combination = CompareCommand.ParseCombine(input.Display, combineText);
        var variations = varied.Select(v => TrialVariations.Parse(input.Display, v)).ToArray();
        var variants = TrialVariations.Expand(input.Display, trial, variations, combination);
        int subjects = n ?? trial.DefaultSubjectCount;
        ulong runSeed = seed ?? trial.DefaultSeed;
        foreach (var v in variants)
        {
            try { v.Trial.Validate(subjects); }
            catch (ArgumentException e) { throw new InputException(input.Display, 0, "--vary", v.Label, e.Message, "settings that leave a valid trial"); }
            Population.Sampling.PopulationSampler.CheckInclusion(v.Trial.Population, runSeed, subjects);
        }

        var target = outText ?? Path.Combine("ketasim-out", trial.Name + "-sweep");
        using var signals = new CancelOnSignal(stderr);
        using var directory = OutputDirectory.Begin(target, force);
        signals.Attach(directory);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = TrialSweep.Run(variants, subjects, runSeed, chunk ?? TrialRunner.DefaultChunkSize, threads, (variant, i, work) =>
            TrialProgress.Show(stderr, subjects, $"{trial.Name} [{i + 1}/{variants.Count}: {variant.Label}]", (progress, _, _) => work(progress)));
        var files = directory.Write(() => TrialSweepWriter.Write(directory.Staging, trial.Name, variations, combination, results));
        directory.Commit();
        stdout.WriteLine($"{trial.Name}: {variants.Count} variants x {subjects} subjects, seed {runSeed.ToString(CultureInfo.InvariantCulture)} " +
            $"(the same subjects in every variant); wrote {string.Join(", ", files)} to {directory.Target}");
        WriteTable(stdout, results);
        foreach (var r in results)
        {
            ConsoleReport.WriteWarnings(stderr, r.RegimenWarnings, $"[{r.Variant.Label}] ");
            foreach (var c in r.SubjectWarnings) stderr.WriteLine($"warning: [{r.Variant.Label}] {c.Message} [{c.Code}]");
        }
        stderr.WriteLine($"simulated {variants.Count * subjects} subjects in {started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        return Program.Ok;
    }

    /// <summary>The last visit of each arm per variant: change, response and remission with their 95% intervals.</summary>
    private static void WriteTable(TextWriter stdout, IReadOnlyList<TrialSweepResult> results)
    {
        var header = new[] { "variant", "arm", "visit", "n", "change (95% CI)", "response (95% CI)", "remission (95% CI)" };
        var rows = new List<string[]>();
        foreach (var r in results)
            foreach (var arm in r.Result.Arms.Concat(r.Result.Pooled))
            {
                if (arm.Visits.LastOrDefault(v => v.N > 0) is not { } v) continue;
                var c = v.N > 1 ? v.MeanChangeInterval : new Population.Statistics.ConfidenceInterval(double.NaN, double.NaN);
                rows.Add([r.Variant.Label, arm.Name, Time(v.TimeHours), v.N.ToString(CultureInfo.InvariantCulture),
                    $"{F(v.MeanChange)} [{F(c.Lower)}, {F(c.Upper)}]", Pct(v.Response), Pct(v.Remission)]);
            }
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[i].Length))).ToArray();
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((c, i) => i == 3 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        stdout.WriteLine(Line(header));
        foreach (var row in rows) stdout.WriteLine(Line(row));
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
}
