namespace KetaSim.IO.Tests.Scenarios;

/// <summary>The schedule examples in docs/scenario-format.md, read through a scenario file.</summary>
public class DocumentedSchedulesTests
{
    [Theory]
    [InlineData("once", new[] { 0.0 })]
    [InlineData("every 8 hours x 3", new[] { 0.0, 8, 16 })]
    [InlineData("on days 1, 4, 8", new[] { 0.0, 72, 168 })]
    [InlineData("at 0 h, 30 min, 2 h", new[] { 0.0, 0.5, 2 })]
    [InlineData("once, then weekly x 2", new[] { 0.0, 168, 336 })]
    public void Schedule_text_gives_the_documented_times(string schedule, double[] hours)
    {
        var doc = TestCatalog.Reader.Read("s.yaml", $"""
            duration: 8 weeks
            doses:
              - {"{"} drug: escitalopram, route: oral, amount: 10 mg, schedule: "{schedule}" {"}"}
            """);
        Assert.Equal(hours, doc.Scenario.Doses.Select(d => d.TimeHours).ToArray());
    }

    [Theory]
    [InlineData("daily for 3 weeks", 21)]
    [InlineData("twice daily for 5 days", 10)]
    [InlineData("twice weekly for 4 weeks, then weekly for 4 weeks", 12)]
    [InlineData("daily x 5, pause 2 days, daily x 5", 10)]
    public void Schedule_text_gives_the_documented_number_of_doses(string schedule, int count)
    {
        var doc = TestCatalog.Reader.Read("s.yaml", $"""
            duration: 8 weeks
            doses:
              - {"{"} drug: escitalopram, route: oral, amount: 10 mg, schedule: "{schedule}" {"}"}
            """);
        Assert.Equal(count, doc.Scenario.Doses.Count);
    }
}
