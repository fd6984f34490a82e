using KetaSim.IO.Input;

namespace KetaSim.IO.Output;

/// <summary>
/// Writes a run's files into a hidden temporary sibling of the target directory and moves them into
/// place only when everything succeeded, so a failure never leaves a partial output directory.
/// A target that exists and holds anything is refused unless <c>force</c>; with force, only the entries
/// this run produced replace same-named entries, and everything else in the directory is left alone.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    private readonly List<string> _createdAncestors = [];
    private bool _committed;

    private OutputDirectory(string target, string staging, bool force)
    {
        Target = target;
        Staging = staging;
        Force = force;
    }

    /// <summary>Final location (full path).</summary>
    public string Target { get; }

    /// <summary>Where to write now; moved to <see cref="Target"/> by <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public bool Force { get; }

    /// <summary>Checks the target and creates the staging directory. <paramref name="optionName"/> names the
    /// option in error messages (e.g. "--out").</summary>
    public static OutputDirectory Begin(string target, bool force, string optionName = "--out")
    {
        var full = Path.GetFullPath(target);
        if (File.Exists(full))
            throw new InputException(target, 0, optionName, target, "is a file, not a directory", "a new or empty directory");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !force)
            throw new InputException(target, 0, optionName, target, "the directory exists and is not empty",
                $"a new or empty directory, or add --force to replace KetaSim's files in it (other files are kept)");
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        var created = new List<string>();
        for (var d = parent; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) created.Add(d);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar))}.ketasim-tmp-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveEmpty(created);
            throw new InputException(target, 0, optionName, target, $"cannot create the output directory ({e.Message})", "a writable location");
        }
        var od = new OutputDirectory(full, staging, force);
        od._createdAncestors.AddRange(created);
        return od;
    }

    /// <summary>Path of a file (or subdirectory) inside the staging area.</summary>
    public string PathOf(string relative) => Path.Combine(Staging, relative);

    /// <summary>Moves the staged entries into place.</summary>
    public void Commit()
    {
        if (_committed) throw new InvalidOperationException("Already committed.");
        if (!Directory.Exists(Target) || !Directory.EnumerateFileSystemEntries(Target).Any())
        {
            if (Directory.Exists(Target)) Directory.Delete(Target);
            Directory.Move(Staging, Target);
        }
        else
        {
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
                    if (Directory.Exists(dest)) Directory.Delete(dest, recursive: true);
                    File.Move(entry, dest, overwrite: true);
                }
            }
            Directory.Delete(Staging, recursive: true);
        }
        _committed = true;
    }

    /// <summary>Without a commit, removes the staging area and any parent directories <see cref="Begin"/> created.</summary>
    public void Dispose()
    {
        if (_committed) return;
        try
        {
            if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        RemoveEmpty(_createdAncestors);
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
