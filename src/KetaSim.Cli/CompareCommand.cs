using System.CommandLine;
using System.Globalization;
using KetaSim.Design.Sweeps;
using KetaSim.IO.Output;
using KetaSim.IO.Scenarios;

namespace KetaSim.Cli;

internal static class CompareCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("SCENARIO")
        {
            Description = "Scenario YAML file (format: docs/scenario-format.md).",
        };
        var vary = new Option<string[]>(Variations.Option)
        {
            Description = "KEY=V1,V2,...: run the scenario once per value (values containing commas, such as schedules, are separated by '|'). Several --vary make a grid of every combination (or pairs, with --combine listed). Keys: " +
                string.Join("; ", Variations.Keys.Select(k => $"{k.Key} ({k.Meaning})")) + ".",
            HelpName = "KEY=V1,V2",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var observables = new Option<string?>("--observables")
        {
            Description = "Comma-separated observables to compare (default: pyr_reactivation, spine_density_rel, and madrs (human) or stress_behaviour_index (mouse), where the model has them; else the plasma concentrations).",
            HelpName = "A,B",
        };
        var combine = CombineOption();
        var metric = new Option<string?>("--metric")
        {
            Description = "Comma-separated scalar outputs tabulated per variant in compare-table.csv and compare-table.png: " + Design.Outputs.OutputMetric.Grammar + ".",
            HelpName = "M,M",
        };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<scenario name>-compare). Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var compounds = Commands.CompoundsOption();
        var command = new Command("compare",
            "Run a scenario once per variant (hypothesis, drug, dose, knockout, ...) and write compare.csv, compare.json (peak, trough, AUC, end per variant) and compare.png (variants overlaid).")
        {
            scenario, vary, combine, observables, metric, output, force, compounds,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var document = ScenarioEngine.Reader.ReadFile(parse.GetRequiredValue(scenario), parse.GetValue(compounds));
            var variations = (parse.GetValue(vary) ?? []).Select(v => Variations.Parse(document.File, v)).ToArray();
            var names = (parse.GetValue(observables) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            // Check every variant before writing anything (runs and --observables are validated inside).
            var metrics = (parse.GetValue(metric) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var comparison = Comparison.Run(document, variations, names, ParseCombine(document.File, parse.GetValue(combine)), metrics);
            var target = parse.GetValue(output) ?? Path.Combine("ketasim-out", document.Scenario.Name + "-compare");
            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(target, parse.GetValue(force));
            signals.Attach(directory);
            var files = directory.Write(() => ComparisonWriter.Write(directory.Staging, comparison));
            directory.Commit();
            stdout.WriteLine($"{document.Scenario.Name}: {comparison.Results.Count} variants; wrote {string.Join(", ", files)} to {directory.Target}");
            WriteSummary(stdout, comparison);
            WriteTable(stdout, comparison);
            foreach (var r in comparison.Results) ConsoleReport.WriteWarnings(stderr, r.Warnings, $"[{r.Variant.Label}] ");
            return Program.Ok;
        }));
        return command;
    }

    private static void WriteSummary(TextWriter stdout, Comparison c)
    {
        for (int o = 0; o < c.Observables.Count; o++)
        {
            var unit = c.Units[o] is "" or "1" ? "" : " " + c.Units[o];
            stdout.WriteLine($"  {c.Observables[o]}{(unit.Length > 0 ? $" ({unit.Trim()})" : "")}:");
            int width = c.Results.Max(r => r.Variant.Label.Length);
            foreach (var r in c.Results)
            {
                if (r.Values[o] is not { } values)
                {
                    stdout.WriteLine($"    {r.Variant.Label.PadRight(width)}  (not in this variant's model)");
                    continue;
                }
                var m = CurveMetrics.Of(c.TimesHours, values);
                stdout.WriteLine($"    {r.Variant.Label.PadRight(width)}  start {F(m.Start)}, peak {F(m.Peak)} at {F(m.TimeOfPeakHours)} h, " +
                    $"trough {F(m.Trough)} at {F(m.TimeOfTroughHours)} h, end {F(m.End)}");
            }
        }
    }

    /// <summary>The comparison table: one row per variant, one column per --metric.</summary>
    private static void WriteTable(TextWriter stdout, Comparison c)
    {
        if (c.Metrics.Count == 0) return;
        var header = new[] { "variant" }.Concat(c.Metrics.Select(m => m.Text)).ToArray();
        var rows = c.Results.Select(r => new[] { r.Variant.Label }.Concat(r.MetricValues.Select(v => double.IsFinite(v) ? F(v) : "-")).ToArray()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(row => row[i].Length))).ToArray();
        stdout.WriteLine("  outputs:");
        stdout.WriteLine("    " + string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        foreach (var row in rows) stdout.WriteLine("    " + string.Join("  ", row.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))));
    }

    /// <summary>--combine factorial|listed (shared with trial sweeps).</summary>
    internal static Option<string?> CombineOption() => new("--combine")
    {
        Description = "How several --vary combine: factorial (default: every combination) or listed (the i-th values together; every --vary lists as many values).",
        HelpName = "factorial|listed",
    };

    internal static CombinationMode ParseCombine(string file, string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "factorial" => CombinationMode.Factorial,
        "listed" => CombinationMode.Listed,
        _ => throw new IO.Input.InputException(file, 0, "--combine", text, $"unknown combination '{text}'{IO.Input.NearestName.Hint(text, ["factorial", "listed"])}", "factorial or listed"),
    };

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
