namespace KetaSim.Cli.Tests;

/// <summary>A genuine integration failure on admissible input (an override 1000x its default, within the admissible
/// range, that makes the mechanism blow up, so Rodas4's step falls below its minimum): located bad input (exit 2) naming
/// the scenario or the trial subject and arm, the time and what to relax, and nothing written.</summary>
public sealed class SolverFailureTests
{
    private const string Override = "parameters: { bdnf_release_per_burst: 4000 }";

    [Fact]
    public void A_scenario_the_solver_cannot_integrate_is_located_bad_input_and_leaves_the_folder_as_it_was()
    {
        using var tmp = new TempDir();
        var file = tmp["s.yaml"];
        var text = File.ReadAllText(Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg-trd-mechanism.yaml")).TrimEnd() + "\n";
        int line = text.Split('\n').Length;
        File.WriteAllText(file, text + Override + "\n");
        var previous = tmp["previous"];
        Directory.CreateDirectory(previous);
        File.WriteAllText(Path.Combine(previous, "timecourse.csv"), "previous run\n");

        var r = CliRunner.Run("simulate", file, "--out", previous, "--force");
        CliRunner.AssertBadInput(r, "solver failure", file, $"{file}:{line}: solver", "the integration of scenario 'ketamine-iv-0.5mgkg-trd-mechanism' failed (Rodas4: step size");
        Assert.Contains("at t = ", r.Stderr);
        Assert.Contains("t in hours from the start of the run", r.Stderr);
        Assert.Contains("allowed: looser solver settings", r.Stderr);
        Assert.Equal(["previous", Path.Combine("previous", "timecourse.csv"), "s.yaml"], tmp.Entries());
        Assert.Equal("previous run\n", File.ReadAllText(Path.Combine(previous, "timecourse.csv")));

        var fresh = CliRunner.Run("simulate", file, "--out", tmp["new"]);
        Assert.Equal(2, fresh.ExitCode);
        Assert.False(Directory.Exists(tmp["new"]));
    }

    [Fact]
    public void A_trial_subject_the_solver_cannot_integrate_is_named_and_leaves_no_store_to_block_the_rerun()
    {
        using var tmp = new TempDir();
        var trial = CliRunner.TrialCopy(tmp, null, ("\narms:", "\n" + Override + "\narms:"));
        var outDir = tmp["runs/out"];

        var r = CliRunner.Run("trial", trial, "--n", "4", "--out", outDir);
        CliRunner.AssertBadInput(r, "trial solver failure", trial, "solver", $"the integration of Trial '{TrialCommandTests.Trial}', subject 0 (seed 1, arm '");
        Assert.Contains("failed (Rodas4: step size", r.Stderr);
        Assert.Contains("at t = ", r.Stderr);
        // The store of subjects before the failure could never be resumed (the input must change): nothing is left.
        Assert.False(Directory.Exists(tmp["runs"]), string.Join(", ", tmp.Entries()));

        File.WriteAllText(trial, File.ReadAllText(trial).Replace(Override + "\n", "", StringComparison.Ordinal));
        var fixedRun = CliRunner.Run("trial", trial, "--n", "4", "--out", outDir);
        Assert.True(fixedRun.ExitCode == 0, fixedRun.Stderr);
    }
}
