using System.Text.Json;

namespace KetaSim.Cli.Tests;

/// <summary>The dose-hold rule from a scenario file: resting blood pressure decides which doses are given.</summary>
public class DoseHoldTests
{
    private static string Scenario(string patient, string rule = "label", string species = "human") =>
        "name: hold\nduration: 4 d\n" +
        (species == "mouse" ? "subject: { species: mouse, weight: 25 g }\n" : "") +
        "doses:\n  - { drug: esketamine, route: intranasal, amount: 56 mg, schedule: 'at 0 h, 72 h' }\n" +
        $"mechanism:\n  dose_hold: {rule}\n  patient: {{ {patient} }}\n";

    [Fact]
    public void Within_the_limits_every_dose_is_given_and_above_them_none()
    {
        using var tmp = new TempDir();
        var file = tmp["hold.yaml"];
        File.WriteAllText(file, Scenario("resting_systolic: 138, resting_diastolic: 85"));
        var given = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.True(given.ExitCode == 0, given.Stderr);
        Assert.DoesNotContain("held:", given.Stdout);
        using (var json = JsonDocument.Parse(File.ReadAllText(tmp["out/summary.json"])))
            Assert.Equal(0, json.RootElement.GetProperty("held_doses").GetArrayLength());

        File.WriteAllText(file, Scenario("resting_systolic: 145, resting_diastolic: 85"));
        var held = CliRunner.Run("simulate", file, "--out", tmp["out2"]);
        Assert.True(held.ExitCode == 2, held.Stderr);
        Assert.Contains("every dose was held", held.Stderr);
    }

    [Fact]
    public void A_dose_due_while_the_previous_rise_persists_is_held_and_reported()
    {
        using var tmp = new TempDir();
        var file = tmp["hold.yaml"];
        // Resting 135 mmHg; a second session 1 h after the first meets its +7-10 mmHg rise: held. The first is given.
        File.WriteAllText(file, Scenario("resting_systolic: 135, resting_diastolic: 80").Replace("'at 0 h, 72 h'", "'at 0 h, 1 h'"));
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("held: esketamine", r.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["out/summary.json"]));
        var held = Assert.Single(json.RootElement.GetProperty("held_doses").EnumerateArray());
        Assert.Equal(1, held.GetProperty("time_h").GetDouble(), 9);
        Assert.True(held.GetProperty("pre_dose_sbp_mmhg").GetDouble() > 140);
    }

    [Fact]
    public void From_65_years_the_systolic_limit_is_150()
    {
        using var tmp = new TempDir();
        var file = tmp["hold.yaml"];
        File.WriteAllText(file, Scenario("resting_systolic: 148, resting_diastolic: 80").Replace("name: hold\n", "name: hold\nsubject: { age: 70 y }\n"));
        Assert.Equal(0, CliRunner.Run("simulate", file, "--out", tmp["old"]).ExitCode);
        File.WriteAllText(file, Scenario("resting_systolic: 148, resting_diastolic: 80"));
        Assert.Equal(2, CliRunner.Run("simulate", file, "--out", tmp["young"]).ExitCode);
    }

    public static TheoryData<string, string, string> BadCases => new()
    {
        { Scenario("resting_systolic: 120", rule: "strict"), "mechanism.dose_hold = 'strict'", "allowed: label" },
        { Scenario("resting_systolic: 120, resting_diastolic: 130"), "mechanism.patient.resting_diastolic = '130'", "below systolic" },
        { Scenario("resting_systolic: 300"), "mechanism.patient.resting_systolic = '300'", "70 <= resting_systolic <= 250" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Bad_rule_input_exits_2_with_one_located_line(string yaml, string located, string fragment)
    {
        using var tmp = new TempDir();
        var file = tmp["s.yaml"];
        File.WriteAllText(file, yaml);
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, located, file, located, fragment);
        Assert.Equal(["s.yaml"], tmp.Entries());
    }

    [Fact]
    public void A_mouse_has_no_blood_pressure_to_hold_on()
    {
        using var tmp = new TempDir();
        var file = tmp["m.yaml"];
        File.WriteAllText(file, "name: m\nduration: 1 d\nsubject: { species: mouse, weight: 25 g }\n" +
            "doses:\n  - { drug: ketamine, route: intraperitoneal, amount: 10 mg/kg }\nmechanism:\n  dose_hold: label\n");
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.True(r.ExitCode == 2, r.Stderr);
        Assert.Contains("mechanism.dose_hold = 'label'", r.Stderr);
        Assert.Contains("human subjects only", r.Stderr);
    }
}
