using System.CommandLine;
using KetaSim.IO.Output;
using KetaSim.IO.Scenarios;

namespace KetaSim.Cli;

internal static class SimulateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("SCENARIO")
        {
            Description = "Scenario YAML file (format: docs/scenario-format.md; examples in data/scenarios/).",
        };
        var output = Commands.OutOption("Output directory (default: ./ketasim-out/<scenario name>). Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var compounds = Commands.CompoundsOption();
        var command = new Command("simulate", "Run one scenario; write timecourse.csv, summary.json (Cmax, Tmax, AUC, terminal half-life), PNG plots per unit and, for a scenario with a mechanism block, chain.png (plasma to symptoms on one time axis).")
        {
            scenario, output, force, compounds,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var document = ScenarioEngine.Reader.ReadFile(parse.GetRequiredValue(scenario), parse.GetValue(compounds));
            var target = parse.GetValue(output) ?? Path.Combine("ketasim-out", document.Scenario.Name);
            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(target, parse.GetValue(force));
            signals.Attach(directory);
            var run = ScenarioEngine.Run(document);
            var files = directory.Write(() => RunOutputWriter.Write(directory.Staging, run));
            directory.Commit();
            stdout.WriteLine($"{document.Scenario.Name}: wrote {string.Join(", ", files)} to {directory.Target}");
            ConsoleReport.WriteSummary(stdout, run);
            ConsoleReport.WriteWarnings(stderr, run.Warnings);
            return Program.Ok;
        }));
        return command;
    }
}
