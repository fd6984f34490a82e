using System.Text.Json.Nodes;

namespace KetaSim.Cli.Tests;

/// <summary><c>ketasim fit</c> end to end on the shipped example (examples/fit), and its refusals.</summary>
public class FitCommandTests
{
    private static string ExampleDirectory => Path.Combine(Path.GetDirectoryName(CliRunner.DataDirectory)!, "examples", "fit");

    /// <summary>A copy of the example in <paramref name="tmp"/>/fit with <paramref name="edit"/> applied to the observations.</summary>
    private static string CopyExample(TempDir tmp, Func<string, string>? edit = null)
    {
        var dir = tmp["fit"];
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(ExampleDirectory)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        if (edit is not null)
        {
            var csv = Path.Combine(dir, "observations.csv");
            File.WriteAllText(csv, edit(File.ReadAllText(csv)));
        }
        return Path.Combine(dir, "fit.yaml");
    }

    [Fact]
    public void The_example_fits_writes_every_file_and_its_parameter_files_drive_scenarios()
    {
        using var tmp = new TempDir();
        var spec = CopyExample(tmp);
        var outDir = tmp["out"];
        var r = CliRunner.Run("fit", spec, "--out", outDir, "--threads", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var f in new[] { "fit.json", "predictions.csv", "profiles.csv", "fitted-parameters.yaml", "fitted-parameters-low.yaml", "fitted-parameters-trd.yaml",
                     "observed-vs-predicted.png", "residuals.png", "fitted-curves.png", "profiles.png" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Contains("ket_CL_S_ref", r.Stdout);
        Assert.Contains("identifiable", r.Stdout);
        Assert.Contains("iteration 1:", r.Stderr);
        Assert.Contains("profile 6/6", r.Stderr);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "fit.json")))!;
        Assert.Equal(27, (int)json["observations"]!);
        Assert.True((bool)json["optimiser"]!["converged"]!);
        var cl = json["estimates"]![0]!;
        Assert.Equal("ket_CL_S_ref", (string)cl["name"]!);
        // The example's data were simulated with 125 L/h.
        Assert.InRange(125.0, (double)cl["ci95"]![0]!, (double)cl["ci95"]![1]!);
        Assert.Equal("identifiable", (string)cl["profile"]!["identifiability"]!);
        Assert.NotNull(json["correlation"]);
        Assert.NotNull(json["warnings"]);

        // The MADRS parameter applies only where the model has it: the PK experiment's file leaves it out.
        Assert.DoesNotContain("madrs_relief", File.ReadAllText(Path.Combine(outDir, "fitted-parameters-low.yaml")));
        Assert.Contains("madrs_relief_per_spine_restored:", File.ReadAllText(Path.Combine(outDir, "fitted-parameters-trd.yaml")));
        var scenario = File.ReadAllText(Path.Combine(tmp["fit"], "ketamine-0.5mgkg-pk.yaml")).Replace("\nduration:", "\nparameters: ../out/fitted-parameters-high.yaml\nduration:");
        File.WriteAllText(tmp["fit/refit.yaml"], scenario);
        var sim = CliRunner.Run("simulate", tmp["fit/refit.yaml"], "--out", tmp["sim"]);
        Assert.True(sim.ExitCode == 0, sim.Stderr);
    }

    [Theory]
    [InlineData("low,1 h,ketamine_plasma_ng_per_ml,34.94,4.35", "low,1 h,ketamine_plasma_ng_per_ml,n/a,4.35", ":7: value = 'n/a'", "not a number")]
    [InlineData("trd,3 d,madrs,25.8,2", "trd,4 d,madrs,25.8,2", ":31: time = '4 d'", "after the end of experiment 'trd'")]
    [InlineData("trd,3 d,madrs,25.8,2", "trd,3 d,mdars,25.8,2", ":31: observable = 'mdars'", "did you mean 'madrs'")]
    [InlineData("trd,3 d,madrs,25.8,2", "trd,3 d,madrs,25.8,-2", ":31: sd = '-2'", "negative")]
    public void A_bad_observation_exits_2_with_one_located_line_and_writes_nothing(string good, string bad, string located, string fragment)
    {
        using var tmp = new TempDir();
        var spec = CopyExample(tmp, csv => csv.Replace(good, bad));
        var r = CliRunner.Run("fit", spec, "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, bad, Path.Combine(tmp["fit"], "observations.csv"), located, fragment);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void A_bad_thread_count_is_refused_before_any_output()
    {
        using var tmp = new TempDir();
        var spec = CopyExample(tmp);
        var r = CliRunner.Run("fit", spec, "--out", tmp["out"], "--threads", "0");
        CliRunner.AssertRefusedBeforeOutput(r, tmp["out"], "--threads");
    }

    [Fact]
    public void No_profiles_skips_the_profiles_and_one_thread_gives_the_same_estimates_as_the_spec_setting()
    {
        using var tmp = new TempDir();
        var spec = CopyExample(tmp);
        var a = CliRunner.Run("fit", spec, "--out", tmp["a"], "--no-profiles", "--threads", "1");
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Contains("(not profiled)", a.Stdout);
        Assert.False(File.Exists(Path.Combine(tmp["a"], "profiles.csv")));
        Assert.False(File.Exists(Path.Combine(tmp["a"], "profiles.png")));
        File.AppendAllText(spec, "profiles: false\n");
        var b = CliRunner.Run("fit", spec, "--out", tmp["b"], "--threads", "2");
        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(tmp["a"], "predictions.csv")), File.ReadAllText(Path.Combine(tmp["b"], "predictions.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(tmp["a"], "fitted-parameters.yaml")), File.ReadAllText(Path.Combine(tmp["b"], "fitted-parameters.yaml")));
    }

    [Fact]
    public void Help_exits_0_and_shows_usage()
    {
        var r = CliRunner.Run("fit", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Contains("--no-profiles", r.Stdout);
    }
}
