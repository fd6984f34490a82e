namespace KetaSim.Cli.Tests;

/// <summary>Output folders that are mount points (a real tmpfs mounted in a mount namespace): the staging folder lies
/// inside the target, so every commit is a rename within the target's file system; the mount point itself is never
/// deleted, renamed or replaced, and a scenario folder of <c>demo</c> that is a mount point is merged into, keeping the
/// user's other files, instead of being emptied.</summary>
public sealed class MountPointTests
{
    [Fact]
    public void An_out_folder_that_is_a_mount_point_is_written_in_place_and_stays_mounted()
    {
        using var tmp = new TempDir();
        var mount = MountNamespace.MountPoint(tmp, "mnt");
        var r = MountNamespace.Run(tmp, mount, 4096, "printf 'mine\\n' > \"$MP/notes.txt\"", "",
            "simulate", CliRunner.InfusionScenario, "--out", mount, "--force", MountNamespace.Then, "simulate", CliRunner.InfusionScenario, "--out", mount, "--force");

        Assert.All(r.Runs, run => Assert.True(run.ExitCode == 0, run.Stderr));
        Assert.True(r.StillMounted);
        var entries = Directory.EnumerateFileSystemEntries(r.Snapshot).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["notes.txt", "plot_ng_per_ml.png", "summary.json", "timecourse.csv"], entries);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(r.Snapshot, "notes.txt")));
    }

    [Fact]
    public void Demo_force_merges_into_a_scenario_folder_that_is_a_mount_point_and_keeps_the_users_files()
    {
        using var tmp = new TempDir();
        var outDir = tmp["demo"];
        var mount = MountNamespace.MountPoint(tmp, Path.Combine("demo", "ketamine-iv-0.5mgkg"));
        var r = MountNamespace.Run(tmp, mount, 4096,
            "printf 'mine\\n' > \"$MP/notes.txt\" && printf 'stale\\n' > \"$MP/summary.json\"", "",
            "demo", "--out", outDir, "--force");

        var run = Assert.Single(r.Runs);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(r.StillMounted);
        var entries = Directory.EnumerateFileSystemEntries(r.Snapshot).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["notes.txt", "plot_ng_per_ml.png", "summary.json", "timecourse.csv"], entries);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(r.Snapshot, "notes.txt")));
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(r.Snapshot, "summary.json")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(outDir), e => Path.GetFileName(e).StartsWith(".ketasim", StringComparison.Ordinal));
    }
}
