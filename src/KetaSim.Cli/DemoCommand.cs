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
            using var directory = OutputDirectory.Begin(parse.GetValue(output) ?? DefaultOut, parse.GetValue(force));
            foreach (var document in documents)
            {
                var run = ScenarioEngine.Run(document);
                var files = RunOutputWriter.Write(directory.PathOf(document.Scenario.Name), run);
                stdout.WriteLine($"{document.Scenario.Name}: {files.Count} files");
                ConsoleReport.WriteSummary(stdout, run);
            }
            directory.Commit();
            stdout.WriteLine($"wrote {documents.Count} scenarios to {directory.Target}");
            return Program.Ok;
        }));
        return command;
    }
}
