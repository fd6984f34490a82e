using System.CommandLine;

namespace KetaSim.Cli;

/// <summary>The design tools: one subcommand per designer (combo, schedule; each in its own file).</summary>
internal static class DesignCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr) =>
        new("design", "Design tools: search doses of a combination (combo) or a loading series and maintenance schedule (schedule) against a target with the least side-effect burden or the fewest sessions (docs/design/).")
        {
            DesignComboCommand.Build(stdout, stderr),
            DesignScheduleCommand.Build(stdout, stderr),
        };
}
