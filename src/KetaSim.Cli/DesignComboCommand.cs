using System.CommandLine;
using System.Globalization;
using KetaSim.Design.Combination;
using KetaSim.IO.Output;

namespace KetaSim.Cli;

/// <summary><c>ketasim design combo SPEC</c>: the combination designer (docs/design/combination.md).</summary>
internal static class DesignComboCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("SPEC")
        {
            Description = "A combination design spec YAML file (format: docs/design/combination.md), or a built-in one by name: " +
                string.Join(", ", ComboCatalog.Names) + ".",
        };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<spec name>-combo). Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var compounds = Commands.CompoundsOption();
        var seed = new Option<string?>("--seed") { Description = "Seed of the search's sampling (default: the spec's search.seed, else 20261205).", HelpName = "N" };
        var threads = new Option<string?>("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it.", HelpName = "N" };
        var samples = new Option<string?>("--samples") { Description = "Latin-hypercube points over the log-dose box (default: the spec's, else 64).", HelpName = "N" };
        var directions = new Option<string?>("--directions") { Description = "Mixture rays solved for the target isobole (default: the spec's, else 24).", HelpName = "N" };
        var rounds = new Option<string?>("--refine-rounds") { Description = "Refinement rounds around the least burdensome isobole point (default: the spec's, else 3).", HelpName = "N" };
        var soloPoints = new Option<string?>("--solo-points") { Description = "Doses per solo dose-effect curve (default: the spec's, else 13).", HelpName = "N" };
        var command = new Command("combo",
            "Search doses of several compounds that reach a target effect (e.g. ketamine's 24-h MADRS change) with the least weighted " +
            "side-effect burden; write combo.json, candidates.csv, pareto.csv, isobologram.png and pareto.png.")
        {
            spec, output, force, compounds, seed, threads, samples, directions, rounds, soloPoints,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var argument = parse.GetRequiredValue(spec);
            var s = ComboCatalog.Load(argument, parse.GetValue(compounds));
            var settings = s.Search with
            {
                Seed = TrialInput.Seed(argument, parse.GetValue(seed)) ?? s.Search.Seed,
                Threads = TrialInput.Count(argument, "--threads", parse.GetValue(threads), 1, 4096, $"1 or more worker threads (this machine has {Environment.ProcessorCount} cores)") ?? Environment.ProcessorCount,
                Samples = TrialInput.Count(argument, "--samples", parse.GetValue(samples), 0, 100_000, "0 to 100000 points") ?? s.Search.Samples,
                Directions = TrialInput.Count(argument, "--directions", parse.GetValue(directions), 1, 10_000, "1 to 10000 rays") ?? s.Search.Directions,
                RefineRounds = TrialInput.Count(argument, "--refine-rounds", parse.GetValue(rounds), 0, 100, "0 to 100 rounds") ?? s.Search.RefineRounds,
                SoloPoints = TrialInput.Count(argument, "--solo-points", parse.GetValue(soloPoints), 3, 1000, "3 to 1000 doses") ?? s.Search.SoloPoints,
                Progress = line => stderr.WriteLine($"[combo] {line}"),
            };
            var target = parse.GetValue(output) ?? Path.Combine("ketasim-out", s.Name + "-combo");
            // The search runs before the output folder is touched: bad input or a failed run leaves nothing half-written.
            var report = ComboDesigner.Run(s, settings);
            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(target, parse.GetValue(force));
            signals.Attach(directory);
            var files = directory.Write(() => ComboWriter.Write(directory.Staging, report));
            directory.Commit();
            WriteSummary(stdout, report);
            stdout.WriteLine($"wrote {string.Join(", ", files)} to {directory.Target}");
            ConsoleReport.WriteWarnings(stderr, report.Warnings);
            foreach (var d in s.Background) stderr.WriteLine($"note: background dose from the base scenario, given in every run: {ComboSpec.Describe(d)}");
            foreach (var d in s.Dropped) stderr.WriteLine($"note: the base scenario's dose of {ComboSpec.Describe(d)} is not searched and is left out (keep_background: true gives it in every run)");
            foreach (var l in report.Liabilities)
                foreach (var missing in l.Lacking) stderr.WriteLine($"note: {l.Compound}: {missing}");
            return Program.Ok;
        }));
        return command;
    }

    private static void WriteSummary(TextWriter stdout, ComboReport report)
    {
        var r = report.Result;
        var p = r.Problem;
        if (report.IllustrativeCompounds.Count > 0)
            stdout.WriteLine($"ILLUSTRATIVE compounds ({string.Join(", ", report.IllustrativeCompounds)}): made-up stand-ins, not predictions for real drugs.");
        stdout.WriteLine($"{report.Spec.Name}: {r.Points.Count + 1} evaluations; target {p.EffectMetric} = {F(p.TargetEffect)}" +
            (r.Reference is { } rf ? $" ({rf.Label})" : "") + $", tolerance {F(p.Tolerance)}");
        foreach (var s in r.Solo)
            stdout.WriteLine(s.Reached
                ? $"  alone: {s.Compound.Name} reaches it at {F(s.EffectiveDose)} {s.Compound.DoseUnit}"
                : $"  alone: {s.Compound.Name} does not reach it in [{F(s.Compound.MinDose)}, {F(s.Compound.MaxDose)}] {s.Compound.DoseUnit}; best {F(s.BestEffect)} at {F(s.BestDose)}");
        var header = "  " + "".PadRight(24) + "effect".PadLeft(10) + string.Concat(p.Burden.Select(b => b.Metric.PadLeft(Math.Max(12, b.Metric.Length + 2)))) + "burden".PadLeft(10);
        stdout.WriteLine(header);
        string Row(string label, double effect, double[] values, double burden) =>
            "  " + label.PadRight(24) + F(effect).PadLeft(10) + string.Concat(p.Burden.Select((b, i) => F(values[i]).PadLeft(Math.Max(12, b.Metric.Length + 2)))) + F(burden).PadLeft(10);
        if (r.Reference is { } reference) stdout.WriteLine(Row("reference", reference.Outcome.Effect, reference.Outcome.BurdenValues, reference.Burden));
        if (r.BestPoint is { } best) stdout.WriteLine(Row("best combination", best.Effect, best.BurdenValues, best.Burden));
        if (r.Verdict.LowDosePoint is { } l && l != r.Best) stdout.WriteLine(Row("best low-dose combination", r.Points[l].Effect, r.Points[l].BurdenValues, r.Points[l].Burden));
        if (r.BestPoint is null) stdout.WriteLine(Row("best reachable", r.Points[r.BestReachable].Effect, r.Points[r.BestReachable].BurdenValues, r.Points[r.BestReachable].Burden));
        foreach (var (label, index) in new[] { ("best", r.Best), ("low-dose", r.Verdict.LowDosePoint) }.Where(x => x.Item2 is not null).DistinctBy(x => x.Item2))
        {
            var x = r.Points[index!.Value];
            stdout.WriteLine($"  {label}: {ComboAnalysis.Doses(p, x)}; fractions of solo dose {ComboAnalysis.Fractions(p, x)}; " +
                $"Loewe CI {F(x.CiLow)}{(x.CiHigh > x.CiLow + 1e-9 ? $"-{F(x.CiHigh)}" : "")}; Bliss excess {F(x.BlissExcess)}");
        }
        stdout.WriteLine($"  Pareto front: {r.Pareto.Count} points");
        stdout.WriteLine(r.Verdict.Text);
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
