using System.Diagnostics;

namespace KetaSim.Cli.Tests;

/// <summary>The real CLI as a child process (for tests of locking, signals and kills), its stderr collected.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    public ChildProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ketasim.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (_stderr) _stderr.AppendLine(line); };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; false when the process ended first or the time ran out.</summary>
    public bool WaitFor(Func<bool> condition, int timeoutMs = 120_000)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited || clock.ElapsedMilliseconds > timeoutMs) return condition();
            Thread.Sleep(20);
        }
        return true;
    }

    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public int WaitForExit(int timeoutMs = 60_000)
    {
        if (!_process.WaitForExit(timeoutMs)) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
