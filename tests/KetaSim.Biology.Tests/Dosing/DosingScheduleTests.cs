using KetaSim.Biology.Dosing;
using KetaSim.Biology.Dosing.Schedules;
using Xunit;

namespace KetaSim.Biology.Tests.Dosing;

public class DosingScheduleTests
{
    private static double[] Days(params double[] days) => days.Select(d => d * 24).ToArray();

    private static double[] Range(double firstHours, double stepHours, int count) =>
        Enumerable.Range(0, count).Select(k => firstHours + k * stepHours).ToArray();

    [Fact]
    public void Once_is_a_single_dose_at_the_start()
    {
        Assert.Equal([0.0], DosingSchedule.Parse("once"));
        Assert.Equal([5.0], DosingSchedule.Parse("once", startHours: 5));
    }

    [Theory]
    [InlineData("once daily for 14 days")]
    [InlineData("daily for 2 weeks")]
    [InlineData("  DAILY   for two   Weeks ")]
    [InlineData("once a day x 14")]
    [InlineData("every day for 14 doses")]
    public void Daily_for_two_weeks_is_14_doses_a_day_apart(string text) =>
        Assert.Equal(Range(0, 24, 14), DosingSchedule.Parse(text));

    [Fact]
    public void Esketamine_label_induction_and_maintenance()
    {
        var times = DosingSchedule.Parse("twice weekly for 4 weeks, then weekly for 4 weeks, then every 2 weeks for 8 weeks");
        Assert.Equal(Days(0, 3, 7, 10, 14, 17, 21, 24, 28, 35, 42, 49, 56, 70, 84, 98), times);
    }

    [Fact]
    public void Every_8_hours_for_3_days_is_9_doses() =>
        Assert.Equal(Range(0, 8, 9), DosingSchedule.Parse("every 8 hours for 3 days"));

    [Theory]
    [InlineData("weekly x 6")]
    [InlineData("weekly ×6")]
    [InlineData("once weekly x 6 doses")]
    [InlineData("every week for 6 weeks")]
    public void Weekly_times_six(string text) => Assert.Equal(Range(0, 168, 6), DosingSchedule.Parse(text));

    [Fact]
    public void Three_times_weekly_is_days_0_2_4_of_each_week() =>
        Assert.Equal(Days(0, 2, 4, 7, 9, 11), DosingSchedule.Parse("three times weekly for 2 weeks"));

    [Fact]
    public void Twice_daily_is_every_12_hours() =>
        Assert.Equal(Range(0, 12, 4), DosingSchedule.Parse("twice daily for 2 days"));

    [Theory]
    [InlineData("every other day for 1 week", new[] { 0.0, 48, 96, 144 })]
    [InlineData("weekly × 2 doses followed by daily x 2", new[] { 0.0, 168, 336, 360 })]
    [InlineData("daily x 2 and then at 0, 1 h", new[] { 0.0, 24, 48, 49 })]
    [InlineData("every 30 min x 3; off 1 h; hourly x 2", new[] { 0.0, 0.5, 1, 2.5, 3.5 })]
    public void Documented_variants(string text, double[] expectedHours) =>
        Assert.Equal(expectedHours, DosingSchedule.Parse(text));

    [Fact]
    public void Explicit_hours_list_with_trailing_unit() =>
        Assert.Equal([0.0, 72, 168], DosingSchedule.Parse("at 0, 72, 168 h"));

    [Fact]
    public void Explicit_list_with_mixed_units() =>
        Assert.Equal([0.0, 0.5, 48], DosingSchedule.Parse("at 0h, 30min, 2d"));

    [Fact]
    public void Explicit_days_count_from_day_one() =>
        Assert.Equal(Days(0, 3, 7, 10), DosingSchedule.Parse("on days 1, 4, 8, 11"));

    [Fact]
    public void Start_offset_shifts_every_time() =>
        Assert.Equal([24.0, 96, 192], DosingSchedule.Parse("at 0, 72, 168 h", startHours: 24));

    [Fact]
    public void Count_phase_ends_when_the_next_dose_would_be_due() =>
        Assert.Equal(Days(0, 3, 7, 10, 17), DosingSchedule.Parse("twice weekly x 3, then weekly x 2"));

    [Fact]
    public void After_a_point_phase_the_next_phase_waits_one_of_its_gaps()
    {
        Assert.Equal([0.0, 168, 336], DosingSchedule.Parse("once, then weekly x 2"));
        Assert.Equal(Days(0, 3, 7, 10, 17, 24), DosingSchedule.Parse("on days 1, 4, 8, 11 then weekly for 2 weeks"));
    }

    [Fact]
    public void Pause_leaves_a_gap() =>
        Assert.Equal([0.0, 336, 504], DosingSchedule.Parse("once; pause for 2 weeks; weekly x 2"));

    [Fact]
    public void To_records_copies_the_template_per_time()
    {
        var template = new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56) };
        var records = DosingSchedule.ToRecords(template, "twice weekly for 1 week");
        Assert.Equal([0.0, 72], records.Select(r => r.TimeHours));
        Assert.All(records, r => Assert.Equal(56, r.Amount.Value));
    }

    // ---- errors: position (0-based) and what was expected ----

    [Theory]
    [InlineData("", 0, "a phase")]
    [InlineData("weekly for 4 wekes", 13, "a time unit")]
    [InlineData("weekly", 6, "a length")]
    [InlineData("at 0, 72, 168", 13, "a time unit (min, h, d or w, or minutes, hours, days, weeks) after the last time")]
    [InlineData("on days 0, 4", 8, "a whole day number >= 1")]
    [InlineData("four times weekly for 2 weeks", 0, "once, twice or three times weekly")]
    [InlineData("every 0 hours for 1 day", 6, "a number > 0")]
    [InlineData("weekly x 2.5", 9, "a whole number")]
    [InlineData("daily for 3 days then then", 22, "a phase")]
    [InlineData("daily for 3 days weekly x 2", 17, "',', ';', 'then' or end of text")]
    [InlineData("daily for 2 days!", 16, "a word, a number")]
    [InlineData("at 0, 0 h", 6, "a dose time not already scheduled")]
    [InlineData("once, at 0 h", 9, "a dose time not already scheduled")]
    [InlineData("fortnightly x 2", 0, "a phase")]
    public void Errors_give_position_and_expectation(string text, int position, string expected)
    {
        var ex = Assert.Throws<ScheduleParseException>(() => DosingSchedule.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(expected, ex.Expected);
        Assert.Contains($"at column {position + 1} expected", ex.Message);
    }

    [Fact]
    public void Runaway_schedules_are_capped()
    {
        var ex = Assert.Throws<ScheduleParseException>(() => DosingSchedule.Parse("every 1 min for 100 weeks"));
        Assert.Contains("at most", ex.Expected);
    }
}
