namespace KetaSim.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its streams.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Bad input: exit 2, nothing on stdout, one line on stderr naming the file and the located field, no stack trace.</summary>
    public static void AssertBadInput(Outcome r, string name, string file, string located, string fragment)
    {
        Assert.True(r.ExitCode == 2, $"{name}: exit {r.ExitCode}\n{r.Stderr}");
        Assert.Equal("", r.Stdout);
        var line = Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith(file + ":", line);
        Assert.Contains(located, line);
        Assert.Contains(fragment, line);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
    }

    /// <summary>Refused before any output: exit 2, each fragment on stderr, no internal error, <paramref name="outDir"/> not created.</summary>
    public static void AssertRefusedBeforeOutput(Outcome r, string outDir, params string[] fragments)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
        foreach (var f in fragments) Assert.Contains(f, r.Stderr);
        Assert.DoesNotContain("internal error", r.Stderr);
        Assert.False(Directory.Exists(outDir), outDir);
    }

    /// <summary>data/scenarios/ in the source tree (the tests run from bin/).</summary>
    public static string ScenariosDirectory
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "data", "scenarios");
                if (File.Exists(Path.Combine(d.FullName, "KetaSim.slnx")) && Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("data/scenarios not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The standard ketamine infusion scenario (PK only, about 70 KiB of output).</summary>
    public static string InfusionScenario => Path.Combine(ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml");

    /// <summary>data/ in the source tree.</summary>
    public static string DataDirectory => Path.GetDirectoryName(ScenariosDirectory)!;

    /// <summary>Writes <c>trial.yaml</c> into <paramref name="tmp"/>: the built-in test trial with <paramref name="trialEdits"/>
    /// (each must apply). With <paramref name="populationEdits"/> (may be empty) the trial reads <c>pop.yaml</c>, a copy
    /// of its built-in population with those edits. Returns the trial file's path.</summary>
    public static string TrialCopy(TempDir tmp, (string Find, string Replace)[]? populationEdits = null, params (string Find, string Replace)[] trialEdits)
    {
        if (populationEdits is not null)
        {
            EditedCopy(Path.Combine(DataDirectory, "populations", "trd-ketamine-rct.yaml"), tmp["pop.yaml"], populationEdits);
            trialEdits = [("population: trd-ketamine-rct", "population: ./pop.yaml"), .. trialEdits];
        }
        EditedCopy(Path.Combine(DataDirectory, "trials", TrialCommandTests.Trial + ".yaml"), tmp["trial.yaml"], trialEdits);
        return tmp["trial.yaml"];
    }

    private static void EditedCopy(string source, string destination, (string Find, string Replace)[] edits)
    {
        var text = File.ReadAllText(source);
        foreach (var (find, replace) in edits)
        {
            Assert.Contains(find, text);
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }
        File.WriteAllText(destination, text);
    }

    public static IEnumerable<string> ExampleScenarios => Directory.EnumerateFiles(ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal);

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 1000 && bytes.AsSpan(0, 8).SequenceEqual(PngSignature);
    }
}

/// <summary>A temporary directory removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ketasim-cli-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string[] Entries() => Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
        .Select(p => System.IO.Path.GetRelativePath(Path, p)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, true);
    }
}
