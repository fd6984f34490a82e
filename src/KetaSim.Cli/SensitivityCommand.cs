using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KetaSim.Biology.Inputs;
using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.Design.Parameters;
using KetaSim.Design.Sensitivity;
using KetaSim.IO.Input;
using KetaSim.IO.Output;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;

namespace KetaSim.Cli;

/// <summary><c>ketasim sensitivity</c>: local, Sobol' or Morris sensitivity of output metrics to model parameters (docs/design/sensitivity.md).</summary>
internal static class SensitivityCommand
{
    private static readonly string[] Methods = ["local", "sobol", "morris"];

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML file (format: docs/scenario-format.md)." };
        var metric = new Option<string>("--metric")
        {
            Description = "Comma-separated output metrics: " + OutputMetric.Grammar + ".",
            HelpName = "M1,M2",
            Required = true,
        };
        var parameters = new Option<string?>("--params")
        {
            Description = "Comma-separated parameters NAME or NAME=LOW:HIGH (default bounds: the plausible range). Default for local and morris: " +
                "every calibrated or assumed base parameter of the scenario's model; sobol needs at most " + SaltelliDesign.MaxInputs + ".",
            HelpName = "A,B=LOW:HIGH",
        };
        var method = new Option<string>("--method")
        {
            Description = "local (normalised S at the nominal values, 2k+1 runs), sobol (first- and total-order indices, N(k+2) runs) or morris (screening, N(k+1) runs).",
            HelpName = "local|sobol|morris",
            DefaultValueFactory = _ => "local",
        };
        var n = new Option<string?>("--n", "-n")
        {
            Description = $"sobol: base sample size N (default {SensitivityOptions.DefaultSobolN}, at least {SensitivityOptions.MinSobolN}); " +
                $"morris: trajectories (default {SensitivityOptions.DefaultMorrisTrajectories}, at least {SensitivityOptions.MinMorrisTrajectories}). Not used by local.",
            HelpName = "N",
        };
        var cohort = new Option<string?>("--cohort")
        {
            Description = "Average each metric over a virtual cohort of this population (built-in name or population YAML file) instead of one typical patient.",
            HelpName = "POPULATION",
        };
        var cohortSize = new Option<string?>("--cohort-size")
        {
            Description = $"Subjects in the cohort (default {Cohort.DefaultSize}); the same subjects at every parameter set.",
            HelpName = "N",
        };
        var seed = new Option<string?>("--seed") { Description = $"Seed of the cohort, the bootstrap and the Morris trajectories (default {Cohort.DefaultSeed}).", HelpName = "S" };
        var threads = new Option<string?>("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it.", HelpName = "T" };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<scenario name>-sensitivity). Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var compounds = Commands.CompoundsOption();
        var command = new Command("sensitivity",
            "Sensitivity of output metrics (e.g. madrs_change@28d, response@24h on a cohort, sbp_peak_rise) to model parameters: local normalised " +
            "sensitivities, Sobol' indices with bootstrap intervals, or Morris screening. Writes sensitivity.csv, sensitivity.json and one figure per metric.")
        {
            scenario, metric, parameters, method, n, cohort, cohortSize, seed, threads, output, force, compounds,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var document = ScenarioEngine.Reader.ReadFile(parse.GetRequiredValue(scenario), parse.GetValue(compounds));
            var file = document.File;
            var kind = ParseMethod(file, parse.GetValue(method) ?? "local");
            var model = ScenarioEngine.ModelOf(document.Scenario);
            var observables = ScenarioObjective.ObservablesOf(document.Scenario);
            var metrics = ParseMetrics(file, parse.GetRequiredValue(metric), observables);
            var axes = ParseAxes(file, parse.GetValue(parameters), kind, model.Parameters);
            int count = ParseN(file, parse.GetValue(n), kind, axes.Count);
            ulong runSeed = TrialInput.Seed(file, parse.GetValue(seed)) ?? Cohort.DefaultSeed;
            int workers = TrialInput.Count(file, "--threads", parse.GetValue(threads), 1, 4096, $"1 or more worker threads (this machine has {Environment.ProcessorCount} cores)")
                ?? Environment.ProcessorCount;
            var population = parse.GetValue(cohort) is { } p ? ResolvePopulation(file, p) : null;
            var sizeText = parse.GetValue(cohortSize);
            if (population is null && sizeText is not null)
                throw new InputException(file, 0, "--cohort-size", sizeText, "a cohort size needs --cohort POPULATION", "--cohort trd-adult --cohort-size 100");
            int size = TrialInput.Count(file, "--cohort-size", sizeText, 1, 100_000, "1 to 100000 subjects") ?? Cohort.DefaultSize;
            var objective = new ScenarioObjective(document, axes, metrics, population is null ? null : new Cohort(population, size, runSeed));
            var options = new SensitivityOptions(kind, count, runSeed, workers);

            var target = parse.GetValue(output) ?? Path.Combine("ketasim-out", document.Scenario.Name + "-sensitivity");
            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(target, parse.GetValue(force));
            signals.Attach(directory);
            int total = options.Evaluations(axes.Count) + (kind == SensitivityMethod.Local ? 0 : 1);
            var progress = new EvaluationProgress(stderr, total);
            var report = SensitivityStudy.Run(objective, options, progress);
            progress.Finish();
            var files = directory.Write(() => SensitivityWriter.Write(directory.Staging, report));
            directory.Commit();
            stdout.WriteLine($"{report.Scenario}: {kind.ToString().ToLowerInvariant()} sensitivity of {metrics.Count} metric(s) to {axes.Count} parameter(s), " +
                $"{report.Evaluations} evaluations{(population is null ? "" : $" of a {size}-subject {population.Name} cohort")}, seed {runSeed.ToString(CultureInfo.InvariantCulture)}; " +
                $"wrote {string.Join(", ", files)} to {directory.Target}");
            WriteTable(stdout, report);
            ConsoleReport.WriteWarnings(stderr, report.Warnings);
            return Program.Ok;
        }));
        return command;
    }

    private static SensitivityMethod ParseMethod(string file, string text) => text.Trim().ToLowerInvariant() switch
    {
        "local" => SensitivityMethod.Local,
        "sobol" => SensitivityMethod.Sobol,
        "morris" => SensitivityMethod.Morris,
        _ => throw new InputException(file, 0, "--method", text, $"unknown method{NearestName.Hint(text.Trim().ToLowerInvariant(), Methods)}", string.Join(", ", Methods)),
    };

    private static IReadOnlyList<OutputMetric> ParseMetrics(string file, string text, IReadOnlyCollection<string> observables)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new InputException(file, 0, "--metric", text, "no metric given", OutputMetric.Grammar);
        var metrics = items.Select(m => OutputMetric.Parse(m, observables, file, "--metric")).ToArray();
        if (metrics.GroupBy(m => m.Text).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InputException(file, 0, "--metric", twice.Key, $"'{twice.Key}' is listed twice", "each metric once");
        return metrics;
    }

    private static IReadOnlyList<ParameterAxis> ParseAxes(string file, string? text, SensitivityMethod kind, IReadOnlyList<Modeling.Expressions.Param> parameters)
    {
        IReadOnlyList<ParameterAxis> axes;
        if (text is null)
        {
            if (kind == SensitivityMethod.Sobol)
                throw new InputException(file, 0, "--params", "(none)", "sobol needs the parameters named",
                    $"--params A,B=LOW:HIGH with at most {SaltelliDesign.MaxInputs} parameters (morris screens many; 'ketasim params SCENARIO' lists them)");
            axes = [.. SensitivityStudy.DefaultParameters(parameters).Select(p => new ParameterAxis(p, p.Range!.Low, p.Range.High))];
            if (axes.Count == 0) throw new InputException(file, 0, "--params", "(none)", "the scenario's model has no calibrated or assumed parameter to analyse", "--params A,B");
        }
        else axes = ParameterAxis.ParseList(text, parameters, file, "--params");
        if (kind == SensitivityMethod.Sobol && axes.Count > SaltelliDesign.MaxInputs)
            throw new InputException(file, 0, "--params", text ?? "", $"{axes.Count} parameters is more than sobol's {SaltelliDesign.MaxInputs}",
                $"at most {SaltelliDesign.MaxInputs} parameters; screen many with --method morris first");
        return axes;
    }

    private static int ParseN(string file, string? text, SensitivityMethod kind, int k)
    {
        if (kind == SensitivityMethod.Local)
        {
            if (text is not null) throw new InputException(file, 0, "--n", text, "local sensitivity has no sample size (it runs 2k + 1 evaluations)", "--n with --method sobol or morris");
            return 0;
        }
        string what = kind == SensitivityMethod.Sobol ? "base samples" : "trajectories";
        int min = SensitivityOptions.MinN(kind);
        return TrialInput.Count(file, "--n", text, min, 1_000_000,
            $"{min} or more {what} (default {SensitivityOptions.DefaultN(kind)}; {(kind == SensitivityMethod.Sobol ? "N(k+2)" : "N(k+1)")} evaluations)")
            ?? SensitivityOptions.DefaultN(kind);
    }

    private static PopulationDefinition ResolvePopulation(string file, string text)
    {
        var name = text.Trim();
        if (PopulationLibrary.Names.Contains(name, StringComparer.OrdinalIgnoreCase)) return PopulationLibrary.Get(name);
        bool looksLikePath = name.Contains('/') || name.Contains('\\') || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (looksLikePath && File.Exists(name)) return PopulationReader.Read(InputFiles.ReadText(name, name, "a population YAML file"), name);
        throw new InputException(file, 0, "--cohort", text,
            looksLikePath ? "population file not found" : $"unknown population '{name}'{NearestName.Hint(name, PopulationLibrary.Names)}",
            "a built-in population (" + string.Join(", ", PopulationLibrary.Names) + ") or a population YAML file");
    }

    /// <summary>Per metric, the parameters ranked by the method's index (at most 15 lines each; the files hold all).</summary>
    private static void WriteTable(TextWriter stdout, SensitivityReport r)
    {
        const int Lines = 15;
        for (int m = 0; m < r.Metrics.Count; m++)
        {
            var name = r.Metrics[m].Text;
            stdout.WriteLine($"  {name} (nominal {F(r.Baseline[m])}), ranked by {(r.Method == SensitivityMethod.Local ? "|S|" : r.RankingIndex)}:");
            var ranked = r.Ranked(name, r.RankingIndex);
            int width = Math.Max(9, ranked.Take(Lines).Select(x => x.Parameter.Length).DefaultIfEmpty(9).Max());
            stdout.WriteLine(r.Method switch
            {
                SensitivityMethod.Local => $"    {"parameter".PadRight(width)}  {"S",8}  {"dY/dtheta",10}",
                SensitivityMethod.Sobol => $"    {"parameter".PadRight(width)}  {"S1",8} {"95% CI",21}  {"ST",8} {"95% CI",21}",
                _ => $"    {"parameter".PadRight(width)}  {"mu*",9} {"95% CI",21}  {"mu",9}  {"sigma",9}",
            });
            foreach (var x in ranked.Take(Lines))
            {
                string p = x.Parameter.PadRight(width);
                stdout.WriteLine(r.Method switch
                {
                    SensitivityMethod.Local => $"    {p}  {F(x.Value),8}  {F(r.Get(name, x.Parameter, "dY/dtheta").Value),10}",
                    SensitivityMethod.Sobol => $"    {p}  {Ci(r.Get(name, x.Parameter, "S1"), 8, 21)}  {Ci(x, 8, 21)}",
                    _ => $"    {p}  {Ci(x, 9, 21)}  {F(r.Get(name, x.Parameter, "mu").Value),9}  {F(r.Get(name, x.Parameter, "sigma").Value),9}",
                });
            }
            if (ranked.Count > Lines) stdout.WriteLine($"    ... {ranked.Count - Lines} more in sensitivity.csv");
        }
    }

    private static string Ci(SensitivityIndex x, int value, int interval) =>
        $"{F(x.Value).PadLeft(value)} {(x.HasInterval ? $"[{F(x.Low)}, {F(x.High)}]" : "").PadLeft(interval)}";

    private static string F(double v) => double.IsFinite(v) ? v.ToString("G3", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Evaluations done, on stderr at most every 2 s (and once at the end when the run took longer than that).</summary>
    private sealed class EvaluationProgress(TextWriter stderr, int total) : IProgress<int>
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private TimeSpan _last;
        private int _done;

        public void Report(int value)
        {
            lock (_lock)
            {
                if (value <= _done) return;
                _done = value;
                if (_clock.Elapsed - _last < Interval || value >= total) return;
                _last = _clock.Elapsed;
                double rate = value / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
                stderr.WriteLine($"evaluations {value}/{total} ({100.0 * value / total:0}%), ETA {(total - value) / rate:0} s");
            }
        }

        public void Finish()
        {
            if (_clock.Elapsed >= Interval) stderr.WriteLine($"evaluations {total}/{total} in {_clock.Elapsed.TotalSeconds:0} s");
        }
    }
}
