using KetaSim.IO.Input;

namespace KetaSim.IO.Output;

/// <summary>
/// An output directory written safely. <see cref="Begin"/> creates the target if needed and locks it
/// (<see cref="DirectoryLock"/>) for the run's whole life, so two runs never write into one directory; the
/// run's files are written into a hidden staging folder inside the target and moved into place by rename
/// only when everything succeeded, so a failure never leaves a partial output. The target directory itself
/// is never deleted or replaced (a mount point, a symlink, its owner and mode stay as they are); a target
/// this run created is removed again if the run fails. A target that holds anything is refused unless
/// <c>force</c>; with force, only the entries this run produced replace same-named entries.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    /// <summary>Name prefix of the hidden staging folder inside the target.</summary>
    public const string StagingPrefix = ".ketasim-staging-";

    private readonly List<string> _created;
    private readonly DirectoryLock? _lock;
    private readonly Lock _state = new();
    private bool _committed;
    private bool _cancelled;
    private bool _disposed;

    private OutputDirectory(string target, string staging, bool force, List<string> created, DirectoryLock? directoryLock)
    {
        Target = target;
        Staging = staging;
        Force = force;
        _created = created;
        _lock = directoryLock;
    }

    /// <summary>Final location (full path).</summary>
    public string Target { get; }

    /// <summary>Where to write now; moved into <see cref="Target"/> by <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public bool Force { get; }

    /// <summary>Checks the target, creates and locks it and creates the staging folder. <paramref name="optionName"/>
    /// names the option in error messages (e.g. "--out").</summary>
    public static OutputDirectory Begin(string target, bool force, string optionName = "--out")
    {
        var full = CheckedFullPath(target, optionName);
        if (File.Exists(full))
            throw new InputException(target, 0, optionName, target, "is a file, not a directory", "a new or empty directory");
        var created = new List<string>();
        for (var d = full; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) created.Add(d);
        DirectoryLock? held = null;
        try
        {
            Directory.CreateDirectory(full);
            held = DirectoryLock.Acquire(full, target, optionName);
            // Checked under the lock, so a run still writing here is reported as such.
            if (!force && HasEntries(full)) throw NotEmpty(target, optionName);
            RemoveStaleStaging(full);
            var staging = Path.Combine(full, StagingPrefix + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(staging);
            return new OutputDirectory(full, staging, force, created, held);
        }
        catch (Exception e)
        {
            held?.Dispose();
            RemoveEmpty(created);
            if (e is IOException or UnauthorizedAccessException)
                throw new InputException(target, 0, optionName, target, $"cannot create the output directory ({e.Message})", "a writable location");
            throw;
        }
    }

    /// <summary>A staging folder inside <paramref name="lockedTarget"/>, a directory the caller already holds the
    /// <see cref="DirectoryLock"/> of (a trial writes its summaries and plots this way after its store). Staged entries
    /// replace same-named ones on <see cref="Commit"/>; the target itself is never removed.</summary>
    public static OutputDirectory StageIn(string lockedTarget)
    {
        var full = Path.GetFullPath(lockedTarget);
        var staging = Path.Combine(full, StagingPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        return new OutputDirectory(full, staging, force: true, [], directoryLock: null);
    }

    /// <summary>The full path of an output directory option; an empty name is bad input.</summary>
    public static string CheckedFullPath(string target, string optionName = "--out")
    {
        if (string.IsNullOrWhiteSpace(target))
            throw new InputException(optionName, 0, optionName, target, "the output directory name is empty", "the path of a new or empty directory, e.g. --out results/run1");
        try
        {
            return Path.GetFullPath(target);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException(target, 0, optionName, target, $"not a usable path ({e.Message})", "the path of a new or empty directory");
        }
    }

    /// <summary>Whether the directory holds anything besides staging folders left by killed runs.</summary>
    public static bool HasEntries(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory)
            .Any(e => !Path.GetFileName(e).StartsWith(StagingPrefix, StringComparison.Ordinal));

    private static InputException NotEmpty(string target, string optionName) =>
        new(target, 0, optionName, target, "the directory exists and is not empty",
            "a new or empty directory, or add --force to replace KetaSim's files in it (other files are kept)");

    /// <summary>Path of a file (or subdirectory) inside the staging area.</summary>
    public string PathOf(string relative) => Path.Combine(Staging, relative);

    /// <summary>Runs <paramref name="write"/>, which writes into <see cref="Staging"/>; an I/O failure (a full disk, a quota,
    /// an I/O error) becomes an <see cref="OutputWriteException"/> that says nothing of the run was kept in the target
    /// (the staging folder is removed when this object is disposed).</summary>
    public T Write<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(Target, $"writing the output failed ({e.Message}); nothing of this run was kept in {Target}", e);
        }
    }

    /// <summary>Moves the staged entries into place: one rename each, since the staging folder lies on the target's file
    /// system. An entry whose same-named directory in the target cannot be renamed (a mount point, or a folder on another
    /// file system) is merged into it instead: each file is copied next to its destination and renamed over it, so it is
    /// never seen half-written, and that directory itself stays as it is.</summary>
    public void Commit()
    {
        lock (_state)
        {
            if (_committed) throw new InvalidOperationException("Already committed.");
            if (_cancelled) throw new OperationCanceledException("The run was cancelled.");
            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(Staging).ToList())
                    Replace(entry, Path.Combine(Target, Path.GetFileName(entry)));
                Directory.Delete(Staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputWriteException(Target,
                    $"moving the output into place failed ({e.Message}); {Target} may hold part of this run's files: fix the cause and run again with --force", e);
            }
            _committed = true;
        }
    }

    /// <summary>Puts <paramref name="source"/> (in the staging folder) at <paramref name="dest"/>, replacing a same-named
    /// entry. A directory in the way is renamed aside and deleted only after the new one is in place; one that cannot be
    /// renamed (a mount point: EBUSY; on another file system: EXDEV) is kept, and the staged tree is merged into it.</summary>
    internal static void Replace(string source, string dest)
    {
        if (Directory.Exists(source) && !IsLink(source))
        {
            if (Directory.Exists(dest) && !IsLink(dest))
            {
                var aside = source + ".replaced";
                try
                {
                    Directory.Move(dest, aside);
                }
                catch (IOException)
                {
                    CopyInto(source, dest);
                    return;
                }
                try
                {
                    Directory.Move(source, dest);
                }
                catch
                {
                    Directory.Move(aside, dest);   // the old one back, rather than lost with the staging folder
                    throw;
                }
                Directory.Delete(aside, recursive: true);
                return;
            }
            if (Path.Exists(dest)) File.Delete(dest);
            try
            {
                Directory.Move(source, dest);
            }
            catch (IOException) when (Directory.Exists(source) && !Path.Exists(dest))
            {
                CopyInto(source, dest);
            }
            return;
        }
        if (Directory.Exists(dest) && !IsLink(dest)) Directory.Delete(dest, recursive: true);
        File.Move(source, dest, overwrite: true);
    }

    /// <summary>Copies a staged tree into <paramref name="dest"/>, which may lie on another file system: directories are
    /// created or reused, each file is copied to a temporary name beside its destination and renamed over it.</summary>
    internal static void CopyInto(string source, string dest)
    {
        if (Directory.Exists(source) && !IsLink(source))
        {
            if (Path.Exists(dest) && (!Directory.Exists(dest) || IsLink(dest))) File.Delete(dest);
            Directory.CreateDirectory(dest);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
                CopyInto(entry, Path.Combine(dest, Path.GetFileName(entry)));
            return;
        }
        if (Directory.Exists(dest) && !IsLink(dest)) Directory.Delete(dest, recursive: true);
        var temporary = Path.Combine(Path.GetDirectoryName(dest)!, StagingPrefix + Guid.NewGuid().ToString("N")[..8] + ".part");
        try
        {
            File.Copy(source, temporary);
            File.Move(temporary, dest, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>Stops the run from committing and removes what it staged (a signal handler calls this while the
    /// run may still be writing). True when nothing had been committed.</summary>
    public bool Cancel()
    {
        lock (_state)
        {
            if (_committed) return false;
            _cancelled = true;
            DeleteStaging();
            RemoveEmpty(_created);
            return true;
        }
    }

    /// <summary>Without a commit, removes the staging area, and the target and its parents if this run created
    /// them and they are empty; then releases the lock.</summary>
    public void Dispose()
    {
        lock (_state)
        {
            if (_disposed) return;
            _disposed = true;
            if (!_committed)
            {
                DeleteStaging();
                RemoveEmpty(_created);
            }
            _lock?.Dispose();
        }
    }

    private void DeleteStaging()
    {
        try
        {
            if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void RemoveStaleStaging(string directory)
    {
        foreach (var d in Directory.EnumerateDirectories(directory, StagingPrefix + "*"))
        {
            try { Directory.Delete(d, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static void RemoveEmpty(List<string> createdDeepestFirst)
    {
        foreach (var d in createdDeepestFirst)
        {
            try
            {
                if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()) Directory.Delete(d);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>Writing a run's output failed (a full disk, a quota, an I/O error); the message says what is left in
/// <see cref="Directory"/>. The CLI reports it in one line with exit code 1, without a stack trace.</summary>
public sealed class OutputWriteException(string directory, string message, Exception inner) : Exception(message, inner)
{
    public string Directory { get; } = directory;
}
