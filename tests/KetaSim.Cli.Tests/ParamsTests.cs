namespace KetaSim.Cli.Tests;

public class ParamsTests
{
    private const string Ketamine = "name: t\nduration: 24 h\ndoses:\n  - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n";

    [Fact]
    public void Params_lists_every_parameter_with_unit_and_provenance()
    {
        using var tmp = new TempDir();
        var file = tmp["k.yaml"];
        File.WriteAllText(file, Ketamine);
        var pk = CliRunner.Run("params", file);
        Assert.True(pk.ExitCode == 0, pk.Stderr);
        Assert.StartsWith("| parameter | value | unit | plausible range | provenance | description |", pk.Stdout);
        // A stated range (Herd 2007's CL variability, 5th-95th percentile) and the default rule of a calibrated value.
        Assert.Contains("| `ket_CL_S_ref` | 97.2 | L/h | 53.13 to 177.8: 5th-95th percentile of between-subject variability (CV 38%): Herd 2007 CL, one eta for S and R | Hasan et al. 2021", pk.Stdout);
        Assert.Contains("| `ket_kv` | 9.2 | 1/h | 4.6 to 18.4 (default rule) | **calibrated:**", pk.Stdout);
        Assert.Contains("| `ket_fu` | 0.55 | 1 | 0 to 1: a fraction |", pk.Stdout);
        Assert.DoesNotContain("patient_stress_severity", pk.Stdout);

        File.WriteAllText(file, Ketamine + "mechanism: {}\n");
        var mech = CliRunner.Run("params", file);
        Assert.True(mech.ExitCode == 0, mech.Stderr);
        Assert.Contains("patient_stress_severity", mech.Stdout);
        Assert.True(mech.Stdout.Split('\n').Length > pk.Stdout.Split('\n').Length);
    }

    [Fact]
    public void Assumptions_only_lists_assumptions()
    {
        using var tmp = new TempDir();
        var file = tmp["k.yaml"];
        File.WriteAllText(file, Ketamine + "mechanism: {}\n");
        var r = CliRunner.Run("params", file, "--assumptions");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = r.Stdout.Split('\n').Skip(2).Where(l => l.StartsWith("| `")).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("**assumption:**", row));
    }

    [Fact]
    public void A_missing_scenario_is_bad_input()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("params", tmp["nope.yaml"]);
        Assert.Equal(2, r.ExitCode);
    }
}
