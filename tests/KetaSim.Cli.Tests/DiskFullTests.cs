namespace KetaSim.Cli.Tests;

/// <summary>A disk that fills up during a run (a real tmpfs of a few hundred KiB in a mount namespace, so the writes fail
/// with the kernel's ENOSPC): one line that says what is kept, exit 1, nothing half-written, another run's files
/// untouched, and a trial resumable once there is space.</summary>
public sealed class DiskFullTests
{
    [Fact]
    public void Simulate_on_a_full_disk_keeps_the_previous_run_and_says_so_in_one_line()
    {
        using var tmp = new TempDir();
        var disk = MountNamespace.MountPoint(tmp, "disk");
        var outDir = Path.Combine(disk, "out");
        // A previous run's output and a file of the user's on a 48 KiB disk; this run needs about 70 KiB.
        var r = MountNamespace.Run(tmp, disk, 48,
            "mkdir \"$MP/out\" && printf 'previous run\\n' > \"$MP/out/timecourse.csv\" && printf 'mine\\n' > \"$MP/out/notes.txt\"", "",
            "simulate", CliRunner.InfusionScenario, "--out", outDir, "--force");

        var run = Assert.Single(r.Runs);
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stderr}");
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("ketasim: writing the output failed (No space left on device", line);
        Assert.EndsWith("nothing of this run was kept in " + outDir, line);
        var after = Path.Combine(r.Snapshot, "out");
        Assert.Equal(["notes.txt", "timecourse.csv"], Directory.EnumerateFileSystemEntries(after).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("previous run\n", File.ReadAllText(Path.Combine(after, "timecourse.csv")));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(after, "notes.txt")));
    }

    [Fact]
    public void A_trial_whose_disk_fills_mid_run_says_how_many_subjects_are_stored_and_resumes_once_there_is_space()
    {
        using var tmp = new TempDir();
        var disk = MountNamespace.MountPoint(tmp, "disk");
        var outDir = Path.Combine(disk, "o");
        string[] trial = ["trial", TrialCommandTests.Trial, "--n", "40", "--chunk-size", "4", "--threads", "2", "--out", outDir];
        // 540 KiB holds a new store and some chunks of subjects, not all 40; then the disk grows to 8 MiB and the run resumes.
        var r = MountNamespace.Run(tmp, disk, 540, "", "mount -o remount,size=8m \"$MP\"",
            [.. trial, MountNamespace.Then, "trial", TrialCommandTests.Trial, "--out", outDir, "--resume"]);

        var full = r.Runs[0];
        Assert.True(full.ExitCode == 1, $"exit {full.ExitCode}\n{full.Stderr}");
        var lines = full.Stderr.Split('\n').Where(l => l.StartsWith("ketasim: ", StringComparison.Ordinal) || l.Contains(" are stored in ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("writing results failed", lines[0]);
        Assert.Contains("No space left on device", lines[0]);
        Assert.Matches($@"^\d+ of 40 subjects are stored in {System.Text.RegularExpressions.Regex.Escape(Path.Combine(outDir, "run.duckdb"))}\. .*resume with: ketasim trial {TrialCommandTests.Trial} --out {System.Text.RegularExpressions.Regex.Escape(outDir)} --resume$", lines[1]);
        Assert.DoesNotContain("internal error", full.Stderr);

        var resumed = r.Runs[1];
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("resuming", resumed.Stderr);
        using var reference = new TempDir();
        var plain = CliRunner.Run([.. trial[..^1], reference["o"]]);
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.Equal(File.ReadAllText(reference["o/summary.json"]), File.ReadAllText(Path.Combine(r.Snapshot, "o", "summary.json")));
    }

    [Fact]
    public void A_trial_whose_disk_fills_while_writing_summaries_keeps_its_store_and_resume_writes_them()
    {
        using var tmp = new TempDir();
        var disk = MountNamespace.MountPoint(tmp, "disk");
        var outDir = Path.Combine(disk, "o");
        // 600 KiB holds the store of 8 subjects but not the summaries and plots (about 260 KiB).
        var r = MountNamespace.Run(tmp, disk, 600, "", "mount -o remount,size=8m \"$MP\"",
            "trial", TrialCommandTests.Trial, "--n", "8", "--out", outDir, MountNamespace.Then, "trial", TrialCommandTests.Trial, "--out", outDir, "--resume");

        var full = r.Runs[0];
        Assert.True(full.ExitCode == 1, $"exit {full.ExitCode}\n{full.Stderr}");
        var lines = full.Stderr.TrimEnd().Split('\n').Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal) && !l.StartsWith("subjects ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        // The runtime words a full disk two ways: the write's ENOSPC, or a file preallocation that did not fit.
        Assert.Matches(@"^ketasim: writing the summaries and plots failed \((No space left on device|[^)]*because the disk was full)", lines[0]);
        Assert.Equal($"All 8 subjects are stored in {Path.Combine(outDir, "run.duckdb")}. After fixing the cause (free space?), " +
            $"write the summaries with: ketasim trial {TrialCommandTests.Trial} --out {outDir} --resume", lines[1]);
        Assert.DoesNotContain("internal error", full.Stderr);

        var resumed = r.Runs[1];
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("all 8 subjects were already stored; summaries recomputed", resumed.Stderr);
        var files = Directory.EnumerateFileSystemEntries(Path.Combine(r.Snapshot, "o")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["mean-change.png", "relapse-km.png", "response-rates.png", "run.duckdb", "summary.json", "trajectories.png", "visits.csv"], files);
    }
}
