namespace KetaSim.Cli.Tests;

/// <summary>`ketasim design schedule`: a tiny real run end to end, and bad specs refused with one located line (exit 2) before any output.</summary>
public class DesignScheduleCommandTests
{
    private const string Spec = """
        name: tiny-schedule
        scenario: base.yaml
        population: trd-adult
        cohort_size: 1
        horizon: 8 w
        drug: esketamine
        route: intranasal
        loading: { count: [4], spacing: [3.5 d], dose: [56 mg] }
        maintenance: { interval: [2 w], dose: [56 mg], step_down: { from: [6 w], interval: [4 w] } }
        target: { remission: 0.5, from: 4 w, madrs_max: 12 }
        limits: { sbp_rise_share_max: 0.05, dissociation_share_max: 1 }
        dose_hold: label
        reference: label
        """;

    private static string Write(TempDir tmp, string spec)
    {
        File.Copy(Path.Combine(CliRunner.DataDirectory, "design", "esketamine-maintenance-base.yaml"), tmp["base.yaml"]);
        File.WriteAllText(tmp["spec.yaml"], spec.ReplaceLineEndings("\n") + "\n");
        return tmp["spec.yaml"];
    }

    [Fact]
    public void Tiny_design_writes_the_four_outputs_and_a_summary()
    {
        using var tmp = new TempDir();
        var file = Write(tmp, Spec);
        var r = CliRunner.Run("design", "schedule", file, "--out", tmp["out"], "--threads", "2", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var f in new[] { "schedule.json", "candidates.csv", "tradeoff.png", "trajectories.png" })
            Assert.True(File.Exists(tmp[Path.Combine("out", f)]), f);
        Assert.Contains("tiny-schedule: 2 candidates on 1 subjects", r.Stdout);
        Assert.Contains("reference: label: twice weekly for 4 weeks", r.Stdout);
        Assert.Contains("Pareto set", r.Stdout);
        Assert.Contains("schedule: runs 3/3 (100%)", r.Stderr);
        Assert.Contains("\"seed\": 3", File.ReadAllText(tmp["out/schedule.json"]));
    }

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // case, text replaced, replacement, located part, fragment
        { "reversed range", "count: [4]", "count: { from: 8, to: 4, step: 2 }", "loading.count.to = '4'", "the range is reversed" },
        { "unknown drug", "drug: esketamine", "drug: esketamin", ":6: drug = 'esketamin'", "did you mean 'esketamine'?" },
        { "zero interval", "interval: [2 w]", "interval: [0 w, 2 w]", "maintenance.interval[0] = '0 w'", "must be positive" },
        { "step-down never longer", "interval: [4 w] }", "interval: [1 w] }", "maintenance.step_down.interval = '[1 w]'", "no step-down interval is longer" },
        { "horizon shorter than loading", "count: [4], spacing: [3.5 d]", "count: [4, 12], spacing: [3.5 d, 6 d]", ":5: horizon = '8 w'", "(12 sessions 6 d apart, 66 d) does not end before the horizon" },
        { "unknown key", "target:", "targt:", "targt", "did you mean 'target'?" },
        { "share out of range", "remission: 0.5", "remission: 1.5", "target.remission = '1.5'", "not a share in (0, 1]" },
        { "unknown population", "population: trd-adult", "population: trd-adlut", "population = 'trd-adlut'", "did you mean 'trd-adult'?" },
        { "odd nasal dose", "dose: [56 mg] }\nmaintenance", "dose: [50 mg] }\nmaintenance", "loading.dose[0] = '50 mg'", "not allowed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_spec_exits_2_with_one_located_line_and_no_output(string name, string find, string replace, string located, string fragment)
    {
        using var tmp = new TempDir();
        Assert.Contains(find, Spec);
        var file = Write(tmp, Spec.Replace(find, replace, StringComparison.Ordinal));
        var r = CliRunner.Run("design", "schedule", file, "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, name, file, located, fragment);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void Bad_thread_count_exits_2()
    {
        using var tmp = new TempDir();
        var file = Write(tmp, Spec);
        var r = CliRunner.Run("design", "schedule", file, "--threads", "0", "--out", tmp["out"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--threads", r.Stderr);
        Assert.False(Directory.Exists(tmp["out"]));
    }
}
