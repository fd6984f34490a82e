using System.Text.Json.Nodes;
using KetaSim.IO.Store;

namespace KetaSim.Cli.Tests;

public sealed class TrialCommandTests
{
    internal const string Trial = "clin-1-ketamine-vs-midazolam";

    internal static List<string> VisitRows(string store)
    {
        using var s = ResultStore.OpenReadOnly(store);
        return [.. s.Query("SELECT subject_index, arm, visit_h, madrs, madrs_change, response, remission FROM visits ORDER BY subject_index, visit_h",
            r => string.Join("|", Enumerable.Range(0, 7).Select(i => r.IsDBNull(i) ? "NULL"
                : r.GetValue(i) is double d ? BitConverter.DoubleToInt64Bits(d).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))))];
    }

    internal static long Count(string store, string sql)
    {
        using var s = ResultStore.OpenReadOnly(store);
        return s.Query(sql, r => r.GetInt64(0))[0];
    }

    [Fact]
    public void Runs_a_built_in_trial_into_a_store_with_summaries_and_plots()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("trial", Trial, "--n", "24", "--seed", "7", "--chunk-size", "8", "--out", tmp["run"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"{Trial}: 24 subjects, seed 7", r.Stdout);
        Assert.Contains("change (95% CI)", r.Stdout);
        Assert.Contains("ketamine vs midazolam at 1 wk: change difference", r.Stdout);
        // Plain progress lines on stderr (not a terminal), ending with the total.
        Assert.Contains("subjects 24/24 (100%)", r.Stderr);
        foreach (var f in new[] { "run.duckdb", "summary.json", "visits.csv", "mean-change.png" }) Assert.True(File.Exists(tmp[Path.Combine("run", f)]), f);

        var store = tmp["run/run.duckdb"];
        Assert.Equal(24, Count(store, "SELECT COUNT(*) FROM subjects WHERE completed"));
        Assert.Equal(24 * 3, Count(store, "SELECT COUNT(*) FROM visits"));
        using (var s = ResultStore.OpenReadOnly(store))
        {
            Assert.Equal(7, s.Run.Seed);
            Assert.Equal(24, s.Run.NSubjects);
            Assert.Equal(Trial, s.Run.TrialName);
            Assert.Equal(IO.Trials.TrialCatalog.Text(Trial), s.Run.Definition);
            Assert.Equal(RunInfo.CurrentModelVersion, s.Run.ModelVersion);
            var p = JsonNode.Parse(s.Run.ParametersJson)!;
            Assert.Equal(8, (int)p["chunk_size"]!);
            Assert.Equal("built-in:" + Trial, (string?)p["source"]);
            Assert.Contains("baseline_madrs", s.CovariateNames);
        }
        var json = JsonNode.Parse(File.ReadAllText(tmp["run/summary.json"]))!;
        Assert.Equal(24, json["arms"]!.AsArray().Sum(a => (long)a!["randomised"]!));
        Assert.Equal("midazolam", (string?)json["control_arm"]);
        Assert.Equal(1 + 2 * 3, File.ReadAllLines(tmp["run/visits.csv"]).Length);
    }

    [Fact]
    public void One_and_four_threads_give_identical_summaries_and_stores()
    {
        using var tmp = new TempDir();
        var one = CliRunner.Run("trial", Trial, "--n", "48", "--chunk-size", "8", "--threads", "1", "--out", tmp["t1"]);
        var four = CliRunner.Run("trial", Trial, "--n", "48", "--chunk-size", "8", "--threads", "4", "--out", tmp["t4"]);
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(four.ExitCode == 0, four.Stderr);
        Assert.Equal(File.ReadAllBytes(tmp["t1/summary.json"]), File.ReadAllBytes(tmp["t4/summary.json"]));
        Assert.Equal(File.ReadAllBytes(tmp["t1/visits.csv"]), File.ReadAllBytes(tmp["t4/visits.csv"]));
        var rows = VisitRows(tmp["t1/run.duckdb"]);
        Assert.Equal(48 * 3, rows.Count);
        Assert.Equal(rows, VisitRows(tmp["t4/run.duckdb"]));
        // The result table does not depend on the thread count either (only the directory differs).
        Assert.Equal(one.Stdout.Replace(tmp["t1"], "DIR", StringComparison.Ordinal), four.Stdout.Replace(tmp["t4"], "DIR", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_of_a_finished_run_recomputes_the_same_summary_without_simulating()
    {
        using var tmp = new TempDir();
        var first = CliRunner.Run("trial", Trial, "--n", "16", "--chunk-size", "8", "--out", tmp["run"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var summary = File.ReadAllBytes(tmp["run/summary.json"]);
        // N, seed and chunk size come from the store when not given.
        var again = CliRunner.Run("trial", Trial, "--out", tmp["run"], "--resume");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("16 of 16 subjects already stored", again.Stderr);
        Assert.Contains("all 16 subjects were already stored", again.Stderr);
        Assert.Equal(summary, File.ReadAllBytes(tmp["run/summary.json"]));
        Assert.Equal(16, Count(tmp["run/run.duckdb"], "SELECT COUNT(*) FROM subjects"));
    }

    [Fact]
    public void Existing_output_needs_force_and_force_starts_over_keeping_other_files()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, CliRunner.Run("trial", Trial, "--n", "8", "--out", tmp["run"]).ExitCode);
        File.WriteAllText(tmp["run/notes.txt"], "mine");
        var refused = CliRunner.Run("trial", Trial, "--n", "8", "--out", tmp["run"]);
        CliRunner.AssertBadInput(refused, "non-empty --out", tmp["run"], "--out", "not empty");
        var forced = CliRunner.Run("trial", Trial, "--n", "16", "--out", tmp["run"], "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal("mine", File.ReadAllText(tmp["run/notes.txt"]));
        Assert.Equal(16, Count(tmp["run/run.duckdb"], "SELECT COUNT(*) FROM subjects"));
    }

    [Fact]
    public void Bad_input_exits_2_with_one_located_line_and_writes_nothing()
    {
        using var tmp = new TempDir();
        var outDir = tmp["out"];
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--n", "-5", "--out", outDir), "--n -5", Trial, "--n = '-5'", "whole number from 1");
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--n", "0", "--out", outDir), "--n 0", Trial, "--n = '0'", "whole number from 1");
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--threads", "0", "--out", outDir), "--threads 0", Trial, "--threads = '0'", "whole number from 1");
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--seed", "x", "--out", outDir), "--seed x", Trial, "--seed = 'x'", "whole number");
        var missing = tmp["missing.yaml"];
        CliRunner.AssertBadInput(CliRunner.Run("trial", missing, "--n", "8", "--out", outDir), "missing file", missing, missing, "not found");
        CliRunner.AssertBadInput(CliRunner.Run("trial", "no-such-trial", "--n", "8", "--out", outDir), "unknown built-in", "trial", "name = 'no-such-trial'", "clin-1-ketamine-vs-midazolam");
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--out", outDir, "--resume"), "resume without store", outDir, "--resume", "no run.duckdb");
        Assert.False(Directory.Exists(outDir));

        // A YAML error passes through with its file and line.
        var bad = tmp["bad.yaml"];
        File.WriteAllText(bad, IO.Trials.TrialCatalog.Text(Trial).Replace("duration: 7 d", "duration: 7 parsecs", StringComparison.Ordinal));
        var line = 1 + Array.FindIndex(File.ReadAllLines(bad), l => l.StartsWith("duration:", StringComparison.Ordinal));
        CliRunner.AssertBadInput(CliRunner.Run("trial", bad, "--n", "8", "--out", outDir), "bad yaml", bad, $"{bad}:{line}:", "duration");
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(["bad.yaml"], tmp.Entries());
    }

    [Fact]
    public void Resume_refuses_another_seed_or_n()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, CliRunner.Run("trial", Trial, "--n", "8", "--seed", "3", "--out", tmp["run"]).ExitCode);
        var store = Path.Combine(tmp["run"], "run.duckdb");
        var before = File.ReadAllBytes(tmp["run/summary.json"]);
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--seed", "4", "--out", tmp["run"], "--resume"), "other seed", store, "--seed = '4'", "stored run has seed 3");
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--n", "9", "--out", tmp["run"], "--resume"), "other N", store, "--n = '9'", "stored run has N = 8");
        CliRunner.AssertBadInput(CliRunner.Run("trial", Trial, "--chunk-size", "4", "--out", tmp["run"], "--resume"), "other chunk", store, "--chunk-size = '4'", "chunk size 64");
        CliRunner.AssertBadInput(CliRunner.Run("trial", "clin-10-placebo-8-weeks", "--out", tmp["run"], "--resume"), "other trial", store, "run.definition", "differs");
        Assert.Equal(before, File.ReadAllBytes(tmp["run/summary.json"]));
        Assert.Equal(8, Count(store, "SELECT COUNT(*) FROM subjects"));
    }
}
