using System.CommandLine;

namespace KetaSim.Cli;

/// <summary>The design tools: one subcommand per designer (combo; each in its own file).</summary>
internal static class DesignCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr) =>
        new("design", "Design tools: search doses and regimens against a target effect (docs/design/).")
        {
            DesignComboCommand.Build(stdout, stderr),
        };
}
