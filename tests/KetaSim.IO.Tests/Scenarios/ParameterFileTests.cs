using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.IO.Trials;

namespace KetaSim.IO.Tests.Scenarios;

/// <summary><c>parameters: FILE.yaml</c> in scenarios, trials and trial arms: the file's values apply, its problems are located in it.</summary>
public sealed class ParameterFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ketasim-params-" + Guid.NewGuid().ToString("N")[..8]);

    public ParameterFileTests() => Directory.CreateDirectory(Path.Combine(_dir, "fits"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Scenario(string parameters) =>
        "name: s\nduration: 6 h\n" + parameters + "doses:\n  - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n";

    private const string Fitted = "# a comment\nparameters:\n  ket_CL_S_ref: 123.5\n  ket_V1_ref: 31\n";

    [Fact]
    public void A_scenario_takes_its_overrides_from_a_parameter_file_relative_to_it()
    {
        Write("fits/fitted.yaml", Fitted);
        var doc = ScenarioEngine.Reader.ReadFile(Write("s.yaml", Scenario("parameters: fits/fitted.yaml\n")));
        Assert.Equal(123.5, doc.Scenario.ParameterOverrides["ket_CL_S_ref"]);
        Assert.Equal(31, doc.Scenario.ParameterOverrides["ket_V1_ref"]);
        // The run uses them: a higher clearance than the model's 97.2 L/h lowers the concentration at 6 h.
        var plain = ScenarioEngine.Reader.ReadFile(Write("p.yaml", Scenario("")));
        double Last(ScenarioDocument d) => ScenarioEngine.SeriesOf(ScenarioEngine.RunScenario(d, d.Scenario), "ketamine_plasma_ng_per_ml").Values[^1];
        Assert.True(Last(doc) < Last(plain));
    }

    [Theory]
    [InlineData("parameters:\n  ket_CL_S_rf: 100\n", "fits/fitted.yaml", 2, "parameters.ket_CL_S_rf", "did you mean 'ket_CL_S_ref'")]
    [InlineData("parameters:\n  ket_CL_S_ref: fast\n", "fits/fitted.yaml", 2, "parameters.ket_CL_S_ref", "not a number")]
    [InlineData("parameters:\n  ket_CL_S_ref: -5\n", "fits/fitted.yaml", 2, "parameters.ket_CL_S_ref", "outside the admissible range")]
    [InlineData("parameters: other.yaml\n", "fits/fitted.yaml", 1, "parameters", "cannot name another")]
    [InlineData("parameter:\n  ket_CL_S_ref: 100\n", "fits/fitted.yaml", 1, "parameter", "did you mean 'parameters'")]
    public void Problems_inside_the_parameter_file_are_located_in_it(string content, string file, int line, string field, string message)
    {
        Write("fits/fitted.yaml", content);
        var e = Assert.Throws<InputException>(() => ScenarioEngine.Reader.ReadFile(Write("s.yaml", Scenario("parameters: fits/fitted.yaml\n"))));
        Assert.EndsWith(file, e.File.Replace('\\', '/'));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_missing_parameter_file_is_located_in_the_scenario()
    {
        var path = Write("s.yaml", Scenario("parameters: fits/none.yaml\n"));
        var e = Assert.Throws<InputException>(() => ScenarioEngine.Reader.ReadFile(path));
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("parameters", e.Field);
        Assert.Contains("no such parameter file", e.Message);
    }

    [Fact]
    public void A_trial_and_its_arms_take_parameter_files()
    {
        Write("fits/fitted.yaml", Fitted);
        Write("fits/arm.yaml", "parameters:\n  ket_V1_ref: 45\n");
        var trial = """
            name: t
            population: trd-adult
            subjects: 10
            duration: 2 d
            visits: [24 h]
            parameters: fits/fitted.yaml
            arms:
              - name: ketamine
                doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }]
              - name: other-volume
                parameters: fits/arm.yaml
                doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }]
            """;
        var t = TrialReader.Read(trial, Write("t.yaml", trial));
        var a = t.Arms[0].RegimenTemplate.ParameterOverrides;
        var b = t.Arms[1].RegimenTemplate.ParameterOverrides;
        Assert.Equal(123.5, a["ket_CL_S_ref"]);
        Assert.Equal(31, a["ket_V1_ref"]);
        Assert.Equal(123.5, b["ket_CL_S_ref"]);
        Assert.Equal(45, b["ket_V1_ref"]);
    }

    [Fact]
    public void An_unknown_parameter_in_an_arms_file_is_located_in_that_file()
    {
        Write("fits/arm.yaml", "parameters:\n  ket_V1_rf: 45\n");
        var trial = """
            name: t
            population: trd-adult
            subjects: 10
            duration: 2 d
            visits: [24 h]
            arms:
              - name: ketamine
                parameters: fits/arm.yaml
                doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }]
            """;
        var e = Assert.Throws<InputException>(() => TrialReader.Read(trial, Write("t.yaml", trial)));
        Assert.EndsWith("fits/arm.yaml", e.File.Replace('\\', '/'));
        Assert.Equal(2, e.Line);
        Assert.Contains("did you mean 'ket_V1_ref'", e.Message);
    }
}
