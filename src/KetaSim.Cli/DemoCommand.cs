using System.CommandLine;
using KetaSim.IO;
using KetaSim.IO.Output;
using KetaSim.IO.Scenarios;

namespace KetaSim.Cli;

internal static class DemoCommand
{
    public const string DefaultOut = "ketasim-out";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var output = Commands.OutOption($"Output directory (default: ./{DefaultOut}/); each scenario gets its own subfolder. Must be new or empty unless --force.");
        var force = Commands.ForceOption();
        var command = new Command("demo", "Run the built-in scenarios (embedded data/scenarios/*.yaml) and write each one's outputs into its own subfolder.")
        {
            output, force,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            // Read every scenario before creating anything, so a bad one leaves nothing behind.
            var documents = BuiltInScenarios.All();
            using var signals = new CancelOnSignal(stderr);
            using var directory = OutputDirectory.Begin(parse.GetValue(output) ?? DefaultOut, parse.GetValue(force));
            signals.Attach(directory);
            // The scenarios are independent (shared compiled models, own state per run): run them in parallel,
            // report in order.
            var results = new (RunResult Run, IReadOnlyList<string> Files)[documents.Count];
            Parallel.For(0, documents.Count, i =>
            {
                var run = ScenarioEngine.Run(documents[i]);
                results[i] = (run, directory.Write(() => RunOutputWriter.Write(directory.PathOf(documents[i].Scenario.Name), run)));
            });
            for (int i = 0; i < documents.Count; i++)
            {
                stdout.WriteLine($"{documents[i].Scenario.Name}: {results[i].Files.Count} files");
                ConsoleReport.WriteSummary(stdout, results[i].Run);
                ConsoleReport.WriteWarnings(stderr, results[i].Run.Warnings, documents[i].Scenario.Name + ": ");
            }
            directory.Commit();
            stdout.WriteLine($"wrote {documents.Count} scenarios to {directory.Target}");
            return Program.Ok;
        }));
        return command;
    }
}
