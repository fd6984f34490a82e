using System.Diagnostics;

namespace KetaSim.TestSupport;

/// <summary>
/// Runs a Python script with Debian's interpreter, the one that sees python3-scipy (a pyenv or venv
/// python3 earlier on PATH usually does not), and returns what it printed.
/// </summary>
public static class SciPyReference
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(Probe);

    /// <summary>True when <see cref="Interpreter"/> exists and imports scipy; otherwise <paramref name="reason"/> says why not.</summary>
    public static bool IsAvailable(out string reason)
    {
        reason = MissingReason.Value ?? "";
        return MissingReason.Value is null;
    }

    /// <summary>
    /// Writes <paramref name="script"/> to a temporary file, runs it and returns its standard output.
    /// Throws <see cref="InvalidOperationException"/> with the script's standard error if it exits non-zero.
    /// </summary>
    public static string Run(string script, TimeSpan? timeout = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ketasim-ref-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, script);
        try
        {
            var (exitCode, stdout, stderr) = Execute(path, timeout ?? TimeSpan.FromMinutes(2));
            if (exitCode != 0)
                throw new InvalidOperationException($"{Interpreter} exited with code {exitCode}:\n{stderr}");
            return stdout;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string scriptPath, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(scriptPath);
        // A PYTHONPATH/PYTHONHOME meant for another interpreter could shadow Debian's scipy.
        info.Environment.Remove("PYTHONPATH");
        info.Environment.Remove("PYTHONHOME");

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Interpreter}.");
        // Read both streams concurrently so a chatty script cannot deadlock on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {scriptPath} did not finish within {timeout}.");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string? Probe()
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} not found (install python3 and python3-scipy)";
        try
        {
            Run("import scipy.integrate\nprint(scipy.__version__)\n", TimeSpan.FromSeconds(60));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return $"{Interpreter} cannot import scipy (install python3-scipy): {e.Message.Trim()}";
        }
    }
}
