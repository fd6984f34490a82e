namespace KetaSim.Cli.Tests;

/// <summary>Hostile input files (generated here, not committed): deep nesting, devices, huge files, malformed
/// population YAML, and input files changed between a kill and a resume.</summary>
public sealed class HostileInputTests
{
    private const string Trial = TrialCommandTests.Trial;

    private static string Scenario => Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml");

    /// <summary>A copy of the built-in trial that reads its population from pop.yaml next to it.</summary>
    private static string TrialWithPopulationFile(TempDir tmp) => CliRunner.TrialCopy(tmp, populationEdits: []);

    private static string Deep(int levels) => "name: x\nduration: " + new string('[', levels) + "\n";

    [Theory]
    [InlineData("scenario")]
    [InlineData("trial")]
    [InlineData("compounds")]
    [InlineData("population")]
    public void Deeply_nested_yaml_is_refused_with_exit_2_not_a_stack_overflow(string kind)
    {
        using var tmp = new TempDir();
        var deep = tmp["deep.yaml"];
        File.WriteAllText(deep, Deep(20_000));
        CliRunner.Outcome r;
        switch (kind)
        {
            case "scenario": r = CliRunner.Run("simulate", deep, "--out", tmp["out"]); break;
            case "trial": r = CliRunner.Run("trial", deep, "--n", "4", "--out", tmp["out"]); break;
            case "compounds": r = CliRunner.Run("simulate", Scenario, "--compounds", deep, "--out", tmp["out"]); break;
            default:
                var trial = TrialWithPopulationFile(tmp);
                File.WriteAllText(tmp["pop.yaml"], Deep(20_000));
                r = CliRunner.Run("trial", trial, "--n", "4", "--out", tmp["out"]);
                deep = tmp["pop.yaml"];
                break;
        }
        Assert.True(r.ExitCode == 2, r.Stderr);
        Assert.Contains("nested more than", r.Stderr);
        Assert.Contains(Path.GetFileName(deep) + ":2", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Malformed_population_yaml_is_located_bad_input()
    {
        using var tmp = new TempDir();
        var trial = TrialWithPopulationFile(tmp);
        File.WriteAllText(tmp["pop.yaml"], "name: p\ncovariates: [a\n  b: {\n");
        var r = CliRunner.Run("trial", trial, "--n", "4", "--out", tmp["out"]);
        CliRunner.AssertRefusedBeforeOutput(r, tmp["out"], "pop.yaml:", "malformed YAML");
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("trial")]
    public void Devices_and_huge_files_are_refused_before_reading(string command)
    {
        using var tmp = new TempDir();
        var huge = tmp["huge.yaml"];
        using (var f = File.Create(huge))
        {
            var line = "# padding padding padding padding padding padding padding padding\n"u8.ToArray();
            while (f.Length < 5 * 1024 * 1024) f.Write(line);
        }
        foreach (var file in new[] { "/dev/zero", huge })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var r = command == "simulate" ? CliRunner.Run("simulate", file, "--out", tmp["out"]) : CliRunner.Run("trial", file, "--n", "4", "--out", tmp["out"]);
            CliRunner.AssertBadInput(r, file, file, ":", "allowed:");
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L * 1024 * 1024, "read far more than the limit");
            Assert.False(Directory.Exists(tmp["out"]));
        }
    }

    [Fact]
    public void A_suicidality_endpoint_in_a_phased_design_is_refused_with_a_located_line_and_exit_2()
    {
        using var tmp = new TempDir();
        var text = KetaSim.IO.Trials.TrialCatalog.Text("clin-17-ketamine-suicidal-ideation")
            + "phases:\n  - { name: acute, duration: 3 d }\n  - { name: week, duration: 4 d }\n";
        File.WriteAllText(tmp["t.yaml"], text);
        var r = CliRunner.Run("trial", tmp["t.yaml"], "--n", "4", "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, "suicidality with phases", tmp["t.yaml"], "endpoints", "suicidality endpoints are rated in parallel-arm trials only");
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Resume_refuses_a_population_file_changed_since_the_kill()
    {
        using var tmp = new TempDir();
        var trial = TrialWithPopulationFile(tmp);
        var first = CliRunner.Run("trial", trial, "--n", "16", "--chunk-size", "8", "--out", tmp["out"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        File.WriteAllText(tmp["pop.yaml"], File.ReadAllText(tmp["pop.yaml"]).Replace("median: 80", "median: 95", StringComparison.Ordinal));
        var pop = File.ReadAllText(tmp["pop.yaml"]);
        Assert.Contains("median: 95", pop);
        var resumed = CliRunner.Run("trial", trial, "--out", tmp["out"], "--resume");
        CliRunner.AssertBadInput(resumed, "changed population", tmp["pop.yaml"], "pop.yaml", "the file changed since the run");
        // Unchanged inputs still resume.
        File.WriteAllText(tmp["pop.yaml"], pop.Replace("median: 95", "median: 80", StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.Run("trial", trial, "--out", tmp["out"], "--resume").ExitCode);
    }
}
