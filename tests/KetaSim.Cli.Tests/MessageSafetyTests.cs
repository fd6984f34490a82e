namespace KetaSim.Cli.Tests;

/// <summary>Messages are safe on a terminal and say what they mean: escape sequences from YAML values are shown, not
/// obeyed; extreme randomisation ratios are judged by their spread; counts and units are worded plainly.</summary>
public sealed class MessageSafetyTests
{
    private const string Header = "name: t\nduration: 24 h\ndoses:\n";

    [Theory]
    [InlineData("  - drug: \"ketamin\\e[2J\\e]0;pwned\\a\"\n    route: iv-bolus\n    amount: 0.5 mg/kg\n", "\\x1b[2J")]
    [InlineData("  - drug: \"ketamin\\u202e\"\n    route: iv-bolus\n    amount: 0.5 mg/kg\n", "\\u202e")]
    public void Escape_sequences_in_values_are_shown_escaped(string doses, string shown)
    {
        using var tmp = new TempDir();
        var file = tmp["s.yaml"];
        File.WriteAllText(file, Header + doses);
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(shown, r.Stderr);
        Assert.DoesNotContain('\u001b', r.Stderr);
        Assert.DoesNotContain('\u0007', r.Stderr);
        Assert.DoesNotContain('\u202e', r.Stderr);
    }

    [Fact]
    public void Wording_uses_the_right_article_and_plain_counts()
    {
        using var tmp = new TempDir();
        var file = tmp["s.yaml"];
        File.WriteAllText(file, "name: t\nduration: 24 y\ndoses:\n  - { drug: ketamine, route: iv-bolus, amount: 0.5 mg/kg }\n");
        var unit = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.Equal(2, unit.ExitCode);
        Assert.Contains("'y' is an age unit, but this field is a time", unit.Stderr);

        File.WriteAllText(file, "name: t\nduration: 16667 h\noutput: { step: 1 min }\ndoses:\n  - { drug: ketamine, route: iv-bolus, amount: 0.5 mg/kg }\n");
        var points = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        Assert.Equal(2, points.ExitCode);
        Assert.Contains("gives 1,000,021 output points", points.Stderr);
        Assert.Contains("at most 1,000,000 points", points.Stderr);
        Assert.DoesNotContain("E+", points.Stderr);
    }

    private static string TrialWithRandomisation(TempDir tmp, string ratio) =>
        CliRunner.TrialCopy(tmp, null, ("randomisation: \"2:1\"", $"randomisation: \"{ratio}\""));

    [Fact]
    public void Huge_equal_weights_are_a_1_to_1_randomisation()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("trial", TrialWithRandomisation(tmp, "1e308:1e308"), "--n", "8", "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Fact]
    public void A_weight_that_leaves_an_arm_empty_is_refused()
    {
        using var tmp = new TempDir();
        var file = TrialWithRandomisation(tmp, "1e-300:1");
        var r = CliRunner.Run("trial", file, "--n", "8", "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, "tiny weight", file, "randomisation = '1e-300:1'", "less than a millionth of the largest");
        Assert.False(Directory.Exists(tmp["out"]));
    }
}
