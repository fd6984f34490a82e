using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KetaSim.Cli.Tests;

/// <summary>A real <c>ketasim trial</c> process killed mid-run (SIGKILL: no clean-up at all) and resumed gives the same
/// summary as an uninterrupted run, with every subject stored exactly once.</summary>
public sealed partial class TrialKillResumeTests
{
    private const string Trial = TrialCommandTests.Trial;

    [GeneratedRegex(@"^subjects (\d+)/(\d+)")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"resuming [^:]+: (\d+) of (\d+) subjects already stored")]
    private static partial Regex ResumeLine();

    [Fact]
    public void Killed_run_resumed_equals_an_uninterrupted_run()
    {
        using var tmp = new TempDir();
        var dll = Path.Combine(AppContext.BaseDirectory, "ketasim.dll");
        Assert.True(File.Exists(dll), dll);
        // Correctness never depends on timing; only whether the kill lands mid-run does. If the run finished (or had
        // nothing stored) before the kill, try again with more subjects.
        int n = 640;
        for (int attempt = 0; ; attempt++, n *= 2)
        {
            var dir = tmp[$"killed-{attempt}"];
            string[] args = ["trial", Trial, "--n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chunk-size", "8", "--threads", "2", "--out", dir];
            bool killed = KillMidRun(dll, args);
            if (!killed || !File.Exists(Path.Combine(dir, "run.duckdb")))
            {
                Assert.True(attempt < 3, $"could not interrupt a run of {n} subjects");
                continue;
            }
            var resumed = CliRunner.Run([.. args, "--resume"]);
            Assert.True(resumed.ExitCode == 0, resumed.Stderr);
            var m = ResumeLine().Match(resumed.Stderr);
            int stored = m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            // Killed before the first commit (nothing to resume) or after the last one (nothing left): the kill did not
            // land mid-run, so try again with more subjects.
            if ((stored == 0 || stored == n) && attempt < 3) continue;
            Assert.InRange(stored, 1, n - 1);
            Assert.Contains($"{n - stored} subjects", resumed.Stderr);   // only the missing ones were simulated

            var whole = CliRunner.Run("trial", Trial, "--n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chunk-size", "8", "--threads", "2", "--out", tmp[$"whole-{attempt}"]);
            Assert.True(whole.ExitCode == 0, whole.Stderr);
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp[$"whole-{attempt}"], "summary.json")), File.ReadAllBytes(Path.Combine(dir, "summary.json")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp[$"whole-{attempt}"], "visits.csv")), File.ReadAllBytes(Path.Combine(dir, "visits.csv")));
            var store = Path.Combine(dir, "run.duckdb");
            Assert.Equal(n, TrialCommandTests.Count(store, "SELECT COUNT(*) FROM subjects"));
            Assert.Equal(n, TrialCommandTests.Count(store, "SELECT COUNT(DISTINCT subject_index) FROM subjects WHERE completed"));
            Assert.Equal(TrialCommandTests.VisitRows(Path.Combine(tmp[$"whole-{attempt}"], "run.duckdb")), TrialCommandTests.VisitRows(store));
            return;
        }
    }

    /// <summary>Starts the CLI as a child process, waits for a progress line showing some subjects done, and kills the
    /// whole process tree. False when the process ended by itself first.</summary>
    private static bool KillMidRun(string dll, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var progressed = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ProgressLine().Match(line) is { Success: true } m
                && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 16)
                progressed.Set();
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        // Progress lines come every ~2 s; the first one with >= 2 chunks done means subjects are being committed.
        while (!progressed.Wait(100))
        {
            if (process.HasExited) return false;
        }
        Thread.Sleep(300);   // let the writer commit what is queued
        if (process.HasExited) return false;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return true;
    }
}
