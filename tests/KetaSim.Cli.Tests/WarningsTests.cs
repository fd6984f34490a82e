using System.Text.Json.Nodes;

namespace KetaSim.Cli.Tests;

/// <summary>Validity-domain warnings reach every output (docs/validity.md); the run still completes with exit 0.</summary>
public sealed class WarningsTests
{
    private const string Crafted = """
        name: crafted-out-of-domain
        description: ketamine 1.5 mg/kg daily for a week, central volume overridden to 150 L (admissible, not plausible)
        subject: { species: human, weight: 70 kg, age: 45 y, sex: male }
        duration: 8 d
        output: { step: 1 h }
        parameters: { ket_V1_ref: 150 }
        doses:
          - drug: ketamine
            route: iv-infusion
            amount: 1.5 mg/kg
            duration: 40 min
            schedule: daily for 1 week
        """;

    private static string Write(TempDir tmp, string name, string text)
    {
        var path = tmp[name];
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Codes(JsonNode? warnings) => [.. warnings!.AsArray().Select(w => (string)w!["code"]!)];

    [Fact]
    public void Simulate_writes_warnings_to_summary_json_and_stderr_and_exits_0()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("simulate", Write(tmp, "crafted.yaml", Crafted), "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var summary = JsonNode.Parse(File.ReadAllText(tmp["out/summary.json"]))!;
        var warnings = summary["warnings"]!.AsArray();
        Assert.Equal(["dose-above-studied-maximum", "session-frequency", "parameter-out-of-range"], Codes(warnings));
        var overrideWarning = warnings[2]!;
        Assert.Equal("ket_V1_ref", (string?)overrideWarning["parameter"]);
        Assert.Contains("ket_V1_ref = 150", (string?)overrideWarning["message"]);
        Assert.Contains(" to ", (string?)overrideWarning["message"]);
        Assert.Equal(0.0, (double)warnings[0]!["time_h"]!);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("warning: ", l));
        Assert.Contains("parameter ket_V1_ref = 150", lines[2]);
        // The results are written as usual.
        Assert.True(File.ReadAllLines(tmp["out/timecourse.csv"]).Length > 100);
    }

    [Fact]
    public void Compare_records_warnings_per_variant()
    {
        using var tmp = new TempDir();
        string single = string.Join('\n', Crafted.Split('\n').Where(l => !l.Contains("ket_V1_ref", StringComparison.Ordinal) && !l.Contains("schedule", StringComparison.Ordinal)));
        Assert.DoesNotContain("ket_V1_ref", single);
        Assert.DoesNotContain("daily", single.Split('\n').Last());
        var r = CliRunner.Run("compare", Write(tmp, "single.yaml", single), "--vary", "dose=0.5mg/kg,1.5mg/kg", "--out", tmp["cmp"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var variants = JsonNode.Parse(File.ReadAllText(tmp["cmp/compare.json"]))!["variants"]!.AsArray();
        Assert.Equal(2, variants.Count);
        Assert.Empty(Codes(variants[0]!["warnings"]));
        Assert.Equal(["dose-above-studied-maximum"], Codes(variants[1]!["warnings"]));
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: [", line);
        Assert.Contains("1.5 mg/kg", line);
    }

    [Fact]
    public void Trial_summary_has_a_warnings_array()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("trial", TrialCommandTests.Trial, "--n", "8", "--chunk-size", "4", "--out", tmp["run"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var summary = JsonNode.Parse(File.ReadAllText(tmp["run/summary.json"]))!;
        var warnings = summary["warnings"]!.AsArray();
        // Counted warnings say how many of all subjects, and each is printed once on stderr.
        foreach (var w in warnings)
        {
            Assert.Equal(8L, (long)w!["of"]!);
            Assert.InRange((long)w["subjects"]!, 1, 8);
            Assert.Contains($"warning: {(string?)w["message"]}", r.Stderr);
        }
    }
}
