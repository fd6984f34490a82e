namespace KetaSim.Cli.Tests;

/// <summary>`ketasim trial` on phased designs: a phase nobody enters is bad input located at the phase (exit 2).</summary>
public sealed class TrialPhaseCommandTests
{
    private const string NobodyEnters = """
        name: nobody-enters
        population: trd-adult
        duration: 2 weeks
        visits: [1 week, 2 week]
        placebo: open-label
        arms:
          - name: esketamine
            doses: []
        phases:
          - name: induction
            duration: 1 week
            remission: { madrs_max: 0 }
            dosing: { drug: esketamine, route: intranasal, levels: [56 mg], every: 3.5 d }
          - name: follow-up
            duration: 1 week
            entry: remitters
        """;

    [Fact]
    public void A_phase_nobody_enters_is_located_bad_input_naming_how_many_qualified()
    {
        using var tmp = new TempDir();
        var file = tmp["nobody.yaml"];
        File.WriteAllText(file, NobodyEnters);
        var r = CliRunner.Run("trial", file, "--n", "3", "--out", tmp["run"]);
        Assert.True(r.ExitCode == 2, r.Stderr);
        var line = r.Stderr.TrimEnd().Split('\n')[^1];
        int phaseLine = NobodyEnters.Split('\n').ToList().FindIndex(l => l.Contains("name: follow-up", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"{file}:{phaseLine}: phases[1].entry = 'remitters':", line);
        Assert.Contains("0 of 3 qualified", line);
        Assert.Contains("allowed: ", line);
        Assert.DoesNotContain("   at ", r.Stderr);
        // Every subject was stored before the design failed.
        Assert.Equal(3, TrialCommandTests.Count(tmp["run/run.duckdb"], "SELECT COUNT(*) FROM subjects WHERE completed"));
    }
}
