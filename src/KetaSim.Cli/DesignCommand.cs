using System.CommandLine;

namespace KetaSim.Cli;

/// <summary>The <c>design</c> command group: designers that search regimens against a target.</summary>
internal static class DesignCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr) =>
        new("design", "Design regimens: search schedules (and doses) that reach a target with the fewest sessions or least burden.")
        {
            DesignScheduleCommand.Build(stdout, stderr),
        };
}
