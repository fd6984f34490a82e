using System.CommandLine;
using System.Globalization;
using KetaSim.Design.Fitting;
using KetaSim.IO.Output;

namespace KetaSim.Cli;

/// <summary>
/// <c>ketasim fit SPEC.yaml</c>: weighted least squares of chosen parameters to observations (format: docs/design/fitting.md);
/// writes fit.json, predictions.csv, profiles.csv, the diagnostic figures and fitted-parameters.yaml, prints the estimates.
/// </summary>
internal static class FitCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("SPEC")
        {
            Description = "Fit spec YAML file: observations CSV, experiments (scenarios), parameters, weights (format: docs/design/fitting.md).",
        };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<spec name>-fit). Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var threads = new Option<string?>("--threads")
        {
            Description = "Worker threads (default: all cores). Results do not depend on it.",
            HelpName = "T",
        };
        var noProfiles = new Option<bool>("--no-profiles")
        {
            Description = "Skip the profile likelihoods (faster; no identifiability verdicts, no profiles.csv or profiles.png).",
        };
        var compounds = Commands.CompoundsOption();
        var command = new Command("fit",
            "Fit model parameters to observations by weighted least squares (Levenberg-Marquardt on a bounded log scale): estimates with SE, RSE, 95% CI and correlations, " +
            "AIC/BIC, profile likelihoods with identifiability flags; writes fit.json, predictions.csv, profiles.csv, figures and fitted-parameters.yaml for scenarios and trials.")
        {
            spec, output, force, threads, noProfiles, compounds,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var file = parse.GetRequiredValue(spec);
            int t = TrialInput.Count(file, "--threads", parse.GetValue(threads), 1, 4096, $"1 or more worker threads (this machine has {Environment.ProcessorCount} cores)")
                ?? Environment.ProcessorCount;
            // Everything is read and checked before anything is fitted or written.
            var problem = FitSpecReader.ReadFile(file, parse.GetValue(compounds));
            bool profiles = problem.Profiles && !parse.GetValue(noProfiles);
            var target = parse.GetValue(output) ?? Path.Combine("ketasim-out", problem.Name + "-fit");
            // The output folder is claimed before the (possibly long) fit, so a folder that cannot be used fails at once.
            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(target, parse.GetValue(force));
            signals.Attach(directory);
            stderr.WriteLine($"fit {problem.Name}: {problem.Parameters.Count} parameters, {problem.Observations.Count} observations in {problem.Experiments.Count} experiments, " +
                $"weights {problem.Weights.ToString().ToLowerInvariant()}, {t} threads");
            var gate = new Lock();
            var result = ScenarioFit.Run(problem, new FitOptions
            {
                Threads = t,
                Profiles = profiles,
                Progress = line => { lock (gate) stderr.WriteLine("  " + line); },
            });
            var files = directory.Write(() => FitWriter.Write(directory.Staging, result));
            directory.Commit();
            stdout.WriteLine($"{problem.Name}: {(result.Fit.Converged ? "converged" : "NOT converged")} after {result.Fit.Iterations} iterations ({result.Fit.Reason}); wrote {string.Join(", ", files)} to {directory.Target}");
            WriteTable(stdout, result);
            foreach (var (code, message) in result.Fit.Warnings) stderr.WriteLine($"warning: {message} [{code}]");
            foreach (var e in result.Experiments) ConsoleReport.WriteWarnings(stderr, e.Warnings, $"[{e.Experiment.Id}] ");
            return Program.Ok;
        }));
        return command;
    }

    private static void WriteTable(TextWriter stdout, ScenarioFitResult r)
    {
        var f = r.Fit;
        var rows = f.Estimates.Select(e =>
        {
            var profile = f.Profiles.FirstOrDefault(p => f.Estimates[p.Index] == e);
            return new[]
            {
                e.Parameter.Label, e.Parameter.Unit, G(e.Parameter.Initial), G(e.Value),
                e.StandardError is { } s ? G(s) : "-",
                e.RsePercent is { } rse ? rse.ToString("0.0", CultureInfo.InvariantCulture) : "-",
                e.CiLow is { } lo ? $"{G(lo)} to {G(e.CiHigh!.Value)}" : "-",
                profile is null ? "-" : $"{(profile.Lower is { } pl ? G(pl) : "none")} to {(profile.Upper is { } pu ? G(pu) : "none")}",
                profile?.Flag ?? "(not profiled)",
            };
        }).ToList();
        rows.Insert(0, ["parameter", "unit", "initial", "estimate", "SE", "RSE%", "95% CI (Wald)", "95% CI (profile)", "identifiability"]);
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows) stdout.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        stdout.WriteLine($"  objective: WRSS {G(f.WeightedRss)}, -2 log L {G(f.Minus2LogLikelihood)}, AIC {G(f.Aic)}, BIC {G(f.Bic)}, residual scale {G(f.ResidualScale)} ({f.Observations} observations)");
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
