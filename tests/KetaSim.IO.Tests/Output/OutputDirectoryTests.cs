using KetaSim.IO.Input;
using KetaSim.IO.Output;

namespace KetaSim.IO.Tests.Output;

public sealed class OutputDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ketasim-out-test-").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    private string[] Entries() => Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(_root, p)).Order().ToArray();

    [Fact]
    public void Commit_moves_everything_into_a_new_directory()
    {
        var target = Path.Combine(_root, "a", "b");
        using (var od = OutputDirectory.Begin(target, force: false))
        {
            File.WriteAllText(od.PathOf("x.txt"), "x");
            Assert.False(OutputDirectory.HasEntries(target));   // created and locked, but nothing visible until the commit
            od.Commit();
        }
        Assert.Equal(["a", Path.Combine("a", "b"), Path.Combine("a", "b", "x.txt")], Entries());
    }

    [Fact]
    public void Failure_leaves_nothing_behind_not_even_created_parents()
    {
        var target = Path.Combine(_root, "new", "out");
        Assert.Throws<InvalidOperationException>(() => WriteThenFail(target));
        Assert.Empty(Entries());
    }

    private static void WriteThenFail(string target)
    {
        using var od = OutputDirectory.Begin(target, force: false);
        File.WriteAllText(od.PathOf("partial.csv"), "time_h\n");
        throw new InvalidOperationException("simulation failed");
    }

    [Fact]
    public void Non_empty_existing_directory_is_refused_without_force()
    {
        var target = Path.Combine(_root, "mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "keep");
        var e = Assert.Throws<InputException>(() => OutputDirectory.Begin(target, force: false));
        Assert.Contains("--out", e.Message);
        Assert.Contains("--force", e.Allowed);
        Assert.Equal([Path.Combine("mine"), Path.Combine("mine", "notes.txt")], Entries());
    }

    [Fact]
    public void Force_replaces_only_same_named_entries_and_keeps_the_rest()
    {
        var target = Path.Combine(_root, "mine");
        Directory.CreateDirectory(Path.Combine(target, "run"));
        File.WriteAllText(Path.Combine(target, "notes.txt"), "keep");
        File.WriteAllText(Path.Combine(target, "run", "old.csv"), "old");
        using (var od = OutputDirectory.Begin(target, force: true))
        {
            Directory.CreateDirectory(od.PathOf("run"));
            File.WriteAllText(od.PathOf(Path.Combine("run", "timecourse.csv")), "new");
            od.Commit();
        }
        Assert.Equal([Path.Combine("mine"), Path.Combine("mine", "notes.txt"), Path.Combine("mine", "run"), Path.Combine("mine", "run", "timecourse.csv")], Entries());
        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "notes.txt")));
    }

    [Fact]
    public void Existing_empty_directory_is_used()
    {
        var target = Path.Combine(_root, "empty");
        Directory.CreateDirectory(target);
        using (var od = OutputDirectory.Begin(target, force: false))
        {
            File.WriteAllText(od.PathOf("x.txt"), "x");
            od.Commit();
        }
        Assert.Equal([Path.Combine("empty"), Path.Combine("empty", "x.txt")], Entries());
    }

    [Fact]
    public void A_file_in_the_way_is_bad_input()
    {
        var target = Path.Combine(_root, "file");
        File.WriteAllText(target, "");
        Assert.Throws<InputException>(() => OutputDirectory.Begin(target, force: true));
    }

    /// <summary>The device number of a path (<c>stat -c %d</c>), or null where stat is not available.</summary>
    private static string? Device(string path)
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%d", path]) { RedirectStandardOutput = true })!;
            var d = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? d : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [Fact]
    public void A_directory_that_cannot_be_renamed_across_file_systems_is_merged_into_not_emptied()
    {
        // /dev/shm is a tmpfs, the temporary folder usually is not: a rename between them fails with EXDEV, as a rename
        // onto a mount point fails, so the staged tree is copied in file by file, each under a temporary name first.
        const string OtherFileSystem = "/dev/shm";
        Assert.SkipUnless(Directory.Exists(OtherFileSystem) && Device(OtherFileSystem) is { } d && Device(_root) is { } r && d != r,
            $"{OtherFileSystem} and {_root} are not two file systems here");
        var dest = Directory.CreateDirectory(Path.Combine(OtherFileSystem, "ketasim-mount-test-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            File.WriteAllText(Path.Combine(dest, "notes.txt"), "mine");
            File.WriteAllText(Path.Combine(dest, "summary.json"), "stale");
            var staged = Path.Combine(_root, "staged");
            Directory.CreateDirectory(Path.Combine(staged, "plots"));
            File.WriteAllText(Path.Combine(staged, "summary.json"), "new");
            File.WriteAllText(Path.Combine(staged, "plots", "a.png"), "png");
            Assert.ThrowsAny<IOException>(() => Directory.Move(dest, staged + ".replaced"));   // the failure the fallback is for

            OutputDirectory.Replace(staged, dest);

            var entries = Directory.EnumerateFileSystemEntries(dest, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dest, p)).Order(StringComparer.Ordinal);
            Assert.Equal(["notes.txt", "plots", Path.Combine("plots", "a.png"), "summary.json"], entries);
            Assert.Equal("mine", File.ReadAllText(Path.Combine(dest, "notes.txt")));
            Assert.Equal("new", File.ReadAllText(Path.Combine(dest, "summary.json")));
            Assert.Equal("png", File.ReadAllText(Path.Combine(dest, "plots", "a.png")));
        }
        finally
        {
            Directory.Delete(dest, recursive: true);
        }
    }

    [Fact]
    public void Commit_replaces_a_staged_directory_by_renaming_the_old_one_aside()
    {
        var target = Path.Combine(_root, "t");
        Directory.CreateDirectory(Path.Combine(target, "run"));
        File.WriteAllText(Path.Combine(target, "run", "old.csv"), "old");
        using (var od = OutputDirectory.Begin(target, force: true))
        {
            Directory.CreateDirectory(od.PathOf("run"));
            File.WriteAllText(od.PathOf(Path.Combine("run", "new.csv")), "new");
            od.Commit();
        }
        Assert.Equal(["t", Path.Combine("t", "run"), Path.Combine("t", "run", "new.csv")], Entries());
    }
}
