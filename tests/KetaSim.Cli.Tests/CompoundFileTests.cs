namespace KetaSim.Cli.Tests;

/// <summary>Not run in parallel with other tests: a user compound library is process-wide while a scenario using it runs.</summary>
[CollectionDefinition(nameof(CompoundLibraryCollection), DisableParallelization = true)]
public sealed class CompoundLibraryCollection;

/// <summary>User compound files (`compounds:` in a scenario, or --compounds): bad data exits 2 with the library's located message.</summary>
[Collection(nameof(CompoundLibraryCollection))]
public class CompoundFileTests
{
    private const string Ligand = """
        ligands:
          my-mor-agonist:
            description: test ligand
            targets:
              MOR:
                ki_um: 0.05
                efficacy: EFFICACY
                source: "assumption: test"

        """;

    private const string Compound = """
        compounds:
          my-mor-agonist:
            description: test compound
            pk:
              human:
                generic:
                  description: test oral PK
                  reference_weight_kg: 70
                  molar_mass_g_per_mol: 400
                  clearance_l_per_h: { value: 30, source: "assumption: test" }
                  central_volume_l: { value: 150, source: "assumption: test" }
                  unbound_fraction: { value: 0.2, source: "assumption: test" }
                  kp_uu_brain: { value: 0.5, source: "assumption: test" }
                  routes:
                    oral:
                      ka_per_h: { value: 1.5, source: "assumption: test" }
                      bioavailability: { value: 0.5, source: "assumption: test" }

        """;

    private const string Scenario = """
        name: user-compound
        compounds: my-compounds.yaml
        duration: 12 h
        doses:
          - { drug: my-mor-agonist, route: oral, amount: 5 mg }
        mechanism: {}

        """;

    private static CliRunner.Outcome Simulate(TempDir tmp, string compounds, params string[] extra)
    {
        File.WriteAllText(tmp["my-compounds.yaml"], compounds);
        File.WriteAllText(tmp["scenario.yaml"], Scenario);
        return CliRunner.Run(["simulate", tmp["scenario.yaml"], "--out", tmp["out"], .. extra]);
    }

    private static string OneLine(CliRunner.Outcome r)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
        Assert.Equal("", r.Stdout);
        Assert.DoesNotContain("   at ", r.Stderr);
        return Assert.Single(r.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Efficacy_outside_0_to_1_names_the_compound_file_line_field_and_value()
    {
        using var tmp = new TempDir();
        var line = OneLine(Simulate(tmp, Ligand.Replace("EFFICACY", "1.4") + Compound));
        Assert.StartsWith(tmp["my-compounds.yaml"] + ":7:", line);
        Assert.Contains("ligands.my-mor-agonist.targets.MOR.efficacy = '1.4'", line);
        Assert.Contains("[0, 1]", line);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Compound_without_PK_is_rejected_with_what_a_compound_needs()
    {
        using var tmp = new TempDir();
        var noPk = "compounds:\n  my-mor-agonist:\n    description: no PK here\n";
        var line = OneLine(Simulate(tmp, Ligand.Replace("EFFICACY", "0.7") + noPk));
        Assert.StartsWith(tmp["my-compounds.yaml"] + ":", line);
        Assert.Contains("compounds.my-mor-agonist.pk", line);
        Assert.Contains("a compound needs PK", line);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Missing_compounds_file_is_reported_against_the_scenario()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["scenario.yaml"], Scenario);
        var line = OneLine(CliRunner.Run("simulate", tmp["scenario.yaml"], "--out", tmp["out"]));
        Assert.StartsWith(tmp["scenario.yaml"] + ":2: compounds = 'my-compounds.yaml': no such file or directory", line);
    }

    [Fact]
    public void A_user_compound_is_dosed_like_a_built_in_one()
    {
        using var tmp = new TempDir();
        var r = Simulate(tmp, Ligand.Replace("EFFICACY", "0.7") + Compound);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("my_mor_agonist_plasma_ng_per_ml", File.ReadLines(tmp["out/timecourse.csv"]).First());
        Assert.True(CliRunner.IsPng(tmp["out/chain.png"]));
    }

    [Fact]
    public void The_compounds_option_replaces_the_scenarios_key()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["other.yaml"], Ligand.Replace("EFFICACY", "2") + Compound);
        var line = OneLine(Simulate(tmp, Ligand.Replace("EFFICACY", "0.7") + Compound, "--compounds", tmp["other.yaml"]));
        Assert.StartsWith(tmp["other.yaml"] + ":7:", line);
    }
}
