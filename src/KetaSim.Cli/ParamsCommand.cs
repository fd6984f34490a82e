using System.CommandLine;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Scenarios;
using KetaSim.Modeling;

namespace KetaSim.Cli;

/// <summary>`ketasim params SCENARIO.yaml`: every parameter of the model the scenario runs, with value, unit and provenance.</summary>
internal static class ParamsCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("SCENARIO")
        {
            Description = "Scenario YAML file; its model (PK and, with a mechanism block, every mechanism layer) is listed.",
        };
        var assumptions = new Option<bool>("--assumptions")
        {
            Description = "List only the parameters whose value is an assumption (each with its reason).",
        };
        var compounds = Commands.CompoundsOption();
        var command = new Command("params", "List the parameters of a scenario's model as a Markdown table: name, value, unit, provenance (citation, calibrated against which target, or assumption with its reason), description.")
        {
            scenario, assumptions, compounds,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var document = ScenarioEngine.Reader.ReadFile(parse.GetRequiredValue(scenario), parse.GetValue(compounds));
            var entries = ParameterCatalog.For(document.Scenario);
            if (parse.GetValue(assumptions)) entries = entries.Where(e => e.Kind == ProvenanceKind.Assumption).ToArray();
            stdout.Write(ParameterCatalog.Markdown(entries));
            return Program.Ok;
        }));
        return command;
    }
}
