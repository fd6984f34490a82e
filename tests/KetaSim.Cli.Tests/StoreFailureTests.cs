using DuckDB.NET.Data;

namespace KetaSim.Cli.Tests;

/// <summary>A result store that cannot be created, or one left without tables or damaged by a kill during creation:
/// exit 2 with one line that says what to do (--force), never an internal error or a file that blocks the next run.</summary>
public sealed class StoreFailureTests
{
    private const string Trial = TrialCommandTests.Trial;

    [Fact]
    public void A_store_that_cannot_be_created_is_bad_input_and_leaves_no_store()
    {
        using var tmp = new TempDir();
        var dir = tmp["out"];
        // Something in the way of the store's write-ahead log: creating the store fails at its first commit.
        Directory.CreateDirectory(Path.Combine(dir, "run.duckdb.creating.wal"));
        var r = CliRunner.Run("trial", Trial, "--n", "4", "--out", dir, "--force");
        CliRunner.AssertBadInput(r, "creation", Path.Combine(dir, "run.duckdb"), ":", "cannot create the result store");
        Assert.False(File.Exists(Path.Combine(dir, "run.duckdb")));
        Assert.False(File.Exists(Path.Combine(dir, "run.duckdb.creating")));
        Directory.Delete(Path.Combine(dir, "run.duckdb.creating.wal"));
        var again = CliRunner.Run("trial", Trial, "--n", "4", "--out", dir);
        Assert.True(again.ExitCode == 0, again.Stderr);
    }

    [Theory]
    [InlineData("no tables")]
    [InlineData("not a database")]
    public void A_store_left_by_a_kill_during_creation_points_to_force(string kind)
    {
        using var tmp = new TempDir();
        var dir = tmp["out"];
        Directory.CreateDirectory(dir);
        var store = Path.Combine(dir, "run.duckdb");
        if (kind == "no tables")
        {
            using var c = new DuckDBConnection($"Data Source={store}");
            c.Open();
        }
        else
        {
            File.WriteAllBytes(store, new byte[8192]);
        }
        var resumed = CliRunner.Run("trial", Trial, "--n", "4", "--out", dir, "--resume");
        CliRunner.AssertBadInput(resumed, kind, store, ":", "--force");
        var rerun = CliRunner.Run("trial", Trial, "--n", "4", "--out", dir);
        CliRunner.AssertBadInput(rerun, kind, dir, "--out", "--force");
        var forced = CliRunner.Run("trial", Trial, "--n", "4", "--out", dir, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
    }
}
