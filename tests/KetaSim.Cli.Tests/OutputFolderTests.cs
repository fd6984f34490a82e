using KetaSim.IO.Output;

namespace KetaSim.Cli.Tests;

/// <summary>Output folders: one run per folder (a lock held for the run's life), the folder the user gave is never
/// deleted or replaced, empty or dot names are refused, and a signal leaves nothing staged.</summary>
public sealed class OutputFolderTests
{
    private static string Scenario => Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml");

    [Fact]
    public void Trial_force_into_the_folder_of_a_running_trial_is_refused_and_deletes_nothing()
    {
        using var tmp = new TempDir();
        var dir = tmp["run"];
        var store = Path.Combine(dir, "run.duckdb");
        using var first = new ChildProcess("trial", TrialCommandTests.Trial, "--n", "200000", "--chunk-size", "8", "--threads", "1", "--out", dir);
        Assert.True(first.WaitFor(() => first.Stderr.Contains("subjects ", StringComparison.Ordinal)), first.Stderr);
        var inode = new FileInfo(store).CreationTimeUtc;

        var forced = CliRunner.Run("trial", TrialCommandTests.Trial, "--n", "8", "--out", dir, "--force");
        CliRunner.AssertBadInput(forced, "force", dir, "--out", "another ketasim run is writing to this directory");
        var plain = CliRunner.Run("trial", TrialCommandTests.Trial, "--n", "8", "--out", dir);
        CliRunner.AssertBadInput(plain, "second run", dir, "--out", "another ketasim run is writing to this directory");
        var resumed = CliRunner.Run("trial", TrialCommandTests.Trial, "--out", dir, "--resume");
        Assert.Equal(2, resumed.ExitCode);
        Assert.True(File.Exists(store));
        Assert.Equal(inode, new FileInfo(store).CreationTimeUtc);
        Assert.False(first.HasExited, first.Stderr);
    }

    [Fact]
    public void Simulate_into_a_folder_another_run_holds_is_refused_with_exit_2()
    {
        using var tmp = new TempDir();
        var dir = tmp["out"];
        Directory.CreateDirectory(dir);
        using (DirectoryLock.Acquire(dir, dir))
        {
            var r = CliRunner.Run("simulate", Scenario, "--out", dir);
            CliRunner.AssertBadInput(r, "simulate", dir, "--out", "another ketasim run is writing to this directory");
            Assert.Equal(["out"], tmp.Entries());
        }
        Assert.Equal(0, CliRunner.Run("simulate", Scenario, "--out", dir).ExitCode);
    }

    [Fact]
    public void A_lock_is_not_inherited_by_a_child_process()
    {
        using var tmp = new TempDir();
        var dir = tmp["out"];
        Directory.CreateDirectory(dir);
        using var child = new System.Diagnostics.Process { StartInfo = new("sleep", "30") { UseShellExecute = false } };
        using (DirectoryLock.Acquire(dir, dir))
            child.Start();
        try
        {
            // Released when disposed, although a process started while it was held still runs.
            using var again = DirectoryLock.Acquire(dir, dir);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_existing_empty_folder_keeps_its_identity_and_mode()
    {
        using var tmp = new TempDir();
        var dir = tmp["mine"];
        Directory.CreateDirectory(dir);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(dir, mode);
        var r = CliRunner.Run("simulate", Scenario, "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(mode, File.GetUnixFileMode(dir));
        Assert.True(File.Exists(Path.Combine(dir, "timecourse.csv")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(dir), e => Path.GetFileName(e).StartsWith('.'));
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("compare")]
    [InlineData("demo")]
    public void A_symlinked_output_folder_stays_a_symlink(string command)
    {
        using var tmp = new TempDir();
        var real = tmp["real"];
        Directory.CreateDirectory(real);
        var link = tmp["link"];
        Directory.CreateSymbolicLink(link, real);
        string[] args = command switch
        {
            "simulate" => ["simulate", Scenario, "--out", link],
            "compare" => ["compare", Scenario, "--vary", "dose=0.25mg/kg,0.5mg/kg", "--out", link],
            _ => ["demo", "--out", link],
        };
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(real));
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("trial")]
    [InlineData("compare")]
    [InlineData("demo")]
    public void An_empty_out_is_bad_input(string command)
    {
        string[] args = command switch
        {
            "simulate" => ["simulate", Scenario, "--out", ""],
            "trial" => ["trial", TrialCommandTests.Trial, "--n", "4", "--out", ""],
            "compare" => ["compare", Scenario, "--vary", "dose=0.25mg/kg,0.5mg/kg", "--out", ""],
            _ => ["demo", "--out", ""],
        };
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 2, r.Stderr);
        Assert.Contains("--out", r.Stderr);
        Assert.Contains("empty", r.Stderr);
        Assert.DoesNotContain("internal error", r.Stderr);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Dot_names_are_refused(string name)
    {
        using var tmp = new TempDir();
        var file = tmp["s.yaml"];
        File.WriteAllText(file, File.ReadAllText(Scenario).Replace("name: ketamine-iv-0.5mgkg", $"name: '{name}'", StringComparison.Ordinal));
        var r = CliRunner.Run("simulate", file);
        CliRunner.AssertBadInput(r, name, file, "name", "not a usable name");
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_during_simulate_leaves_nothing_staged_and_says_so(string signal)
    {
        using var tmp = new TempDir();
        var file = tmp["long.yaml"];
        File.WriteAllText(file, File.ReadAllText(Scenario).Replace("duration: 24 h", "duration: 104 week", StringComparison.Ordinal)
            .Replace("step: 5 min", "step: 2 min", StringComparison.Ordinal));
        var dir = tmp["out"];
        using var child = new ChildProcess("simulate", file, "--out", dir);
        bool staged = child.WaitFor(() => Directory.Exists(dir) && Directory.EnumerateDirectories(dir, OutputDirectory.StagingPrefix + "*").Any());
        Assert.True(staged && !child.HasExited, "the run ended before it could be interrupted: " + child.Stderr);
        child.Signal(signal);
        int code = child.WaitForExit();
        Assert.NotEqual(0, code);
        Assert.Contains("cancelled", child.Stderr);
        Assert.Contains("nothing was written", child.Stderr);
        Assert.Equal(["long.yaml"], tmp.Entries());
    }
}
