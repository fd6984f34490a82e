using System.Diagnostics;

namespace KetaSim.Cli.Tests;

/// <summary>
/// The real CLI as child processes inside a private user and mount namespace (<c>unshare -rm</c>), where a test may
/// mount a small tmpfs without root: a genuinely full disk, or an output folder that is a mount point. The namespace
/// ends with the child, so what the mounted folder holds afterwards is copied out to <see cref="Outcome.Snapshot"/>.
/// </summary>
internal static class MountNamespace
{
    private static readonly Lazy<string?> WhyUnavailable = new(Probe);

    /// <summary>Skips the test where this kernel or sandbox refuses unprivileged user and mount namespaces.</summary>
    public static void SkipUnlessAvailable()
    {
        if (WhyUnavailable.Value is { } why) Assert.Skip($"mount namespaces unavailable (unshare -rm): {why}");
    }

    /// <summary>Skips the test where namespaces are refused; otherwise creates <paramref name="relative"/> in
    /// <paramref name="tmp"/>, the directory a test mounts its tmpfs on, and returns its path.</summary>
    public static string MountPoint(TempDir tmp, string relative)
    {
        SkipUnlessAvailable();
        return Directory.CreateDirectory(tmp[relative]).FullName;
    }

    /// <summary>One ketasim invocation: its exit code and streams.</summary>
    public sealed record Invocation(int ExitCode, string Stdout, string Stderr);

    /// <param name="Runs">The ketasim invocations, in order.</param>
    /// <param name="StillMounted">Whether the mount point was still a mount point (a device of its own) after the runs.</param>
    /// <param name="Snapshot">A copy of the mount point's content after the runs, hidden entries included.</param>
    public sealed record Outcome(IReadOnlyList<Invocation> Runs, bool StillMounted, string Snapshot);

    /// <summary>Separates the argument lists of successive ketasim invocations in <see cref="Run"/>.</summary>
    public const string Then = "::then::";

    /// <summary>Mounts a tmpfs of <paramref name="sizeKiB"/> KiB at <paramref name="mountPoint"/> (an existing directory),
    /// runs <paramref name="setup"/> (bash, with <c>$MP</c> the mount point), then <c>ketasim ARGS</c> for each argument
    /// list in <paramref name="args"/> (separated by <see cref="Then"/>), with <paramref name="between"/> run before
    /// each but the first.</summary>
    public static Outcome Run(TempDir tmp, string mountPoint, int sizeKiB, string setup, string between, params string[] args)
    {
        var snapshot = tmp["snapshot"];
        var report = tmp["namespace-report"];
        Directory.CreateDirectory(snapshot);
        Directory.CreateDirectory(report);
        const string Script = """
            set -u
            MP=$1; SIZE=$2; SETUP=$3; BETWEEN=$4; SNAP=$5; REPORT=$6; DLL=$7; shift 7
            export MP
            mount -t tmpfs -o "size=${SIZE}k" tmpfs "$MP" || exit 97
            bash -c "$SETUP" || exit 98
            i=0; cur=()
            for a in "$@" "::then::"; do
              if [ "$a" = "::then::" ]; then
                if [ $i -gt 0 ]; then bash -c "$BETWEEN" || exit 96; fi
                dotnet "$DLL" "${cur[@]}" > "$REPORT/stdout$i" 2> "$REPORT/stderr$i"
                echo $? > "$REPORT/rc$i"
                i=$((i+1)); cur=()
              else
                cur+=("$a")
              fi
            done
            if [ "$(stat -c %d "$MP")" != "$(stat -c %d "$MP/..")" ]; then echo yes > "$REPORT/mounted"; fi
            cp -a "$MP/." "$SNAP/"
            """;
        var start = new ProcessStartInfo("unshare") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-rm", "bash", "-c", Script, "bash", mountPoint, sizeKiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     setup, between, snapshot, report, Path.Combine(AppContext.BaseDirectory, "ketasim.dll"), .. args])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000)) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        var shell = stderrTask.Result;
        Assert.True(process.ExitCode == 0, $"the namespace script failed ({process.ExitCode}): {shell}");
        var runs = new List<Invocation>();
        for (int i = 0; File.Exists(Path.Combine(report, $"rc{i}")); i++)
            runs.Add(new Invocation(int.Parse(File.ReadAllText(Path.Combine(report, $"rc{i}")).Trim(), System.Globalization.CultureInfo.InvariantCulture),
                File.ReadAllText(Path.Combine(report, $"stdout{i}")), File.ReadAllText(Path.Combine(report, $"stderr{i}"))));
        return new Outcome(runs, File.Exists(Path.Combine(report, "mounted")), snapshot);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        var dir = Directory.CreateTempSubdirectory("ketasim-unshare-probe-").FullName;
        try
        {
            var start = new ProcessStartInfo("unshare") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in (string[])["-rm", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs \"$1\"", "sh", dir]) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : err.Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
