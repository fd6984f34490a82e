using System.CommandLine;
using System.CommandLine.Help;

namespace KetaSim.Cli;

/// <summary>The command tree: simulate, compare, demo, validate, params, trial, query.</summary>
internal static class Commands
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "KetaSim: simulate rapid-acting antidepressants from dose to plasma and brain exposure.\n" +
            "Exit codes: 0 success; 1 internal fault (or a failed calibration check in 'validate'); 2 bad input.")
        {
            SimulateCommand.Build(stdout, stderr),
            CompareCommand.Build(stdout, stderr),
            DemoCommand.Build(stdout, stderr),
            ValidateCommand.Build(stdout, stderr),
            ParamsCommand.Build(stdout, stderr),
            TrialCommand.Build(stdout, stderr),
            QueryCommand.Build(stdout, stderr),
            DesignCommand.Build(stdout, stderr),
        };
        root.SetAction(parse =>
        {
            // No command: show the help rather than an error.
            new HelpAction().Invoke(parse);
            return Program.Ok;
        });
        return root;
    }

    public static Option<string?> OutOption(string description) => new("--out", "-o")
    {
        Description = description,
        HelpName = "DIR",
    };

    public static Option<string?> CompoundsOption() => new("--compounds")
    {
        Description = "A compound-library .yaml file (or a directory of them) merged over the built-in compounds; replaces the scenario's own 'compounds:' key.",
        HelpName = "FILE",
    };

    public static Option<bool> ForceOption() => new("--force")
    {
        Description = "Allow an existing non-empty output directory: replace only the files and folders KetaSim writes, keep everything else.",
    };
}
