namespace KetaSim.Cli.Tests;

/// <summary>
/// Issue part 7 end to end: each bad input exits 2 with one line on stderr naming file, line, field,
/// value and what is allowed; no stack trace; no output directory left behind.
/// </summary>
public class BadInputTests
{
    private const string Header = "name: t\nduration: 24 h\ndoses:\n  - drug: ketamine\n";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // case, YAML, expected "file:line: field" part, expected fragment of the rest
        { "malformed YAML", "name: t\nduration: 24 h\ndoses:\n  - drug: ketamine\n    route: [iv-infusion\n    amount: 0.5 mg/kg\n", ":", "malformed YAML" },
        { "unknown drug", "name: t\nduration: 24 h\ndoses:\n  - drug: ketamin\n    route: iv-infusion\n", ":4: doses[0].drug = 'ketamin'", "did you mean 'ketamine'?" },
        { "unknown route", Header + "    route: intravenous\n    amount: 0.5 mg/kg\n", ":5: doses[0].route = 'intravenous'", "allowed: iv-bolus, iv-infusion" },
        { "unknown key", Header + "    route: iv-bolus\n    ammount: 0.5 mg/kg\n", ":6: doses[0].ammount", "did you mean 'amount'?" },
        { "missing field", Header + "    route: iv-bolus\n", ":4: doses[0].amount", "is missing" },
        { "negative dose", Header + "    route: iv-bolus\n    amount: -1 mg/kg\n", ":6: doses[0].amount = '-1 mg/kg'", "at most 10 mg/kg" },
        { "absurd dose", Header + "    route: iv-infusion\n    amount: 5 g/kg\n    duration: 40 min\n", ":6: doses[0].amount = '5 g/kg'", "5000 mg/kg" },
        { "dose unit mistake", Header + "    route: iv-bolus\n    amount: 0.5 mL\n", ":6: doses[0].amount = '0.5 mL'", "allowed: a number and one of mg, g, ug, mg/kg, g/kg, ug/kg" },
        { "time unit mistake", Header + "    route: iv-infusion\n    amount: 0.5 mg/kg\n    duration: 40 mg\n", ":7: doses[0].duration = '40 mg'", "allowed: a number and one of s, min, h, d, week" },
        { "times out of order", Header + "    route: iv-bolus\n    amount: 0.5 mg/kg\n    times: [0 h, 12 h, 6 h]\n", ":7: doses[0].times[2] = '6 h'", "out of order" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_scenario_exits_2_with_one_located_line_and_leaves_no_output(string name, string yaml, string located, string fragment)
    {
        using var tmp = new TempDir();
        var file = tmp["scenario.yaml"];
        File.WriteAllText(file, yaml);
        var r = CliRunner.Run("simulate", file, "--out", tmp["out/run"]);

        CliRunner.AssertBadInput(r, name, file, located, fragment);
        Assert.Contains("allowed:", r.Stderr);
        Assert.Equal(["scenario.yaml"], tmp.Entries());
    }

    [Fact]
    public void Missing_scenario_file_exits_2()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("simulate", tmp["nope.yaml"], "--out", tmp["out"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nope.yaml: file not found", r.Stderr);
        Assert.Empty(tmp.Entries());
    }

    [Fact]
    public void Unknown_option_exits_2_with_a_usage_hint()
    {
        var r = CliRunner.Run("simulate", "x.yaml", "--bogus");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--bogus", r.Stderr);
        Assert.Contains("--help", r.Stderr);
    }

    [Fact]
    public void Unknown_validate_format_exits_2()
    {
        var r = CliRunner.Run("validate", "--format", "xml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("xml", r.Stderr);
    }
}
