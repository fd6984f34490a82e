namespace KetaSim.Cli.Tests;

public class FaultTests
{
    [Fact]
    public void Internal_fault_exits_1_with_a_short_message_and_a_log_holding_the_stack_trace()
    {
        var stderr = new StringWriter();
        int code = Program.Guard(stderr, () => throw new InvalidOperationException("solver exploded\nsecond line"));
        Assert.Equal(1, code);
        var text = stderr.ToString();
        Assert.Contains("ketasim: internal error: InvalidOperationException: solver exploded", text);
        Assert.DoesNotContain("second line", text);
        Assert.DoesNotContain("   at ", text);
        var log = text.Split('\n').Single(l => l.StartsWith("details: ", StringComparison.Ordinal))["details: ".Length..].Trim();
        try
        {
            var content = File.ReadAllText(log);
            Assert.Contains("solver exploded", content);
            Assert.Contains("   at ", content);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void Input_exception_exits_2_with_its_message_only()
    {
        var stderr = new StringWriter();
        int code = Program.Guard(stderr, () => throw new KetaSim.IO.Input.InputException("s.yaml", 3, "duration", "24", "the time has no unit", "s, min, h, d, week"));
        Assert.Equal(2, code);
        Assert.Equal("s.yaml:3: duration = '24': the time has no unit; allowed: s, min, h, d, week", stderr.ToString().TrimEnd());
    }
}
