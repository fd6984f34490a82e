using KetaSim.IO.Input;

namespace KetaSim.IO.Tests.Input;

public class UnitsTests
{
    [Theory]
    [InlineData("40 min", 40.0 / 60)]
    [InlineData("24 h", 24)]
    [InlineData("24h", 24)]
    [InlineData("3 weeks", 504)]
    [InlineData("2 d", 48)]
    [InlineData("90 s", 0.025)]
    [InlineData("1.5e1 min", 0.25)]
    public void Times_convert_to_hours(string text, double hours)
    {
        Assert.True(Units.TryParse(text, Units.Time, out var q, out var problem), problem);
        Assert.Equal(hours, q.InBaseUnit, 12);
    }

    [Theory]
    [InlineData("0.5 mg/kg", 0.5, true)]
    [InlineData("5 g/kg", 5000, true)]
    [InlineData("56 mg", 56, false)]
    [InlineData("0.1 g", 100, false)]
    [InlineData("500 ug", 0.5, false)]
    [InlineData("250 µg/kg", 0.25, true)]
    public void Dose_amounts_convert_to_mg(string text, double mg, bool perKg)
    {
        Assert.True(Units.TryParse(text, Units.DoseAmount, out var q, out var problem), problem);
        Assert.Equal(mg, q.InBaseUnit, 12);
        Assert.Equal(perKg, q.Unit.PerKg);
    }

    [Fact]
    public void Grams_of_body_weight_become_kg()
    {
        Assert.True(Units.TryParse("25 g", Units.Weight, out var q, out _));
        Assert.Equal(0.025, q.InBaseUnit, 12);
    }

    [Fact]
    public void A_unit_of_another_kind_is_named_as_such()
    {
        Assert.False(Units.TryParse("40 mg", Units.Time, out _, out var problem));
        Assert.Contains("'mg' is a dose amount unit, but this field is a time", problem);
    }

    [Fact]
    public void An_unknown_unit_is_reported()
    {
        Assert.False(Units.TryParse("0.5 mL", Units.DoseAmount, out _, out var problem));
        Assert.Contains("unknown unit 'mL'", problem);
    }

    [Theory]
    [InlineData("24")]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("twenty h")]
    public void Missing_numbers_or_units_fail(string text) =>
        Assert.False(Units.TryParse(text, Units.Time, out _, out _));

    [Fact]
    public void Allowed_text_lists_the_documented_symbols() =>
        Assert.Equal("s, min, h, d, week", Units.Time.AllowedText);

    [Fact]
    public void Negative_values_parse_so_fields_can_reject_them_with_context()
    {
        Assert.True(Units.TryParse("-0.5 mg/kg", Units.DoseAmount, out var q, out _));
        Assert.Equal(-0.5, q.Value);
    }
}
