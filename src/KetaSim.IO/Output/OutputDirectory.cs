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
    private readonly DirectoryLock _lock;
    private readonly Lock _state = new();
    private bool _committed;
    private bool _cancelled;
    private bool _disposed;

    private OutputDirectory(string target, string staging, bool force, List<string> created, DirectoryLock directoryLock)
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

    /// <summary>Moves the staged entries into place (one rename each).</summary>
    public void Commit()
    {
        lock (_state)
        {
            if (_committed) throw new InvalidOperationException("Already committed.");
            if (_cancelled) throw new OperationCanceledException("The run was cancelled.");
            foreach (var entry in Directory.EnumerateFileSystemEntries(Staging))
            {
                var dest = Path.Combine(Target, Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    if (Directory.Exists(dest)) Directory.Delete(dest, recursive: true);
                    else if (File.Exists(dest)) File.Delete(dest);
                    Directory.Move(entry, dest);
                }
                else
                {
                    if (Directory.Exists(dest) && !File.Exists(dest)) Directory.Delete(dest, recursive: true);
                    File.Move(entry, dest, overwrite: true);
                }
            }
            Directory.Delete(Staging, recursive: true);
            _committed = true;
        }
    }

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
            _lock.Dispose();
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
