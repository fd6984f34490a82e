using KetaSim.Biology.Dosing;
using KetaSim.Modeling.Simulation;
using Xunit;

namespace KetaSim.Biology.Tests.Dosing;

/// <summary>One test per rejected input; each checks that the message names the field, the value and what is allowed.</summary>
public class DoseValidationTests
{
    private static readonly DoseRecord KetamineBolus = new() { Compound = "ketamine", Route = Route.IvBolus, Amount = DoseAmount.MgPerKg(0.5) };
    private static readonly DoseRecord KetamineInfusion = KetamineBolus with { Route = Route.IvInfusion, DurationHours = 40.0 / 60 };

    private static DoseValidationException Rejects(DoseRecord record, double weightKg = 70) =>
        Assert.Throws<DoseValidationException>(() => DoseExpansion.Expand(record, weightKg));

    private static void AssertNames(DoseValidationException ex, string field, string value, string allowed)
    {
        Assert.Equal(field, ex.Field);
        if (field != "Compound") Assert.StartsWith("dose of ", ex.Message); // which dose: compound, route, time
        Assert.Contains($"{field} = {value}", ex.Message);
        Assert.Contains(allowed, ex.Message);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Theory]
    [InlineData(-1.0, "-1 mg/kg")]
    [InlineData(0.0, "0 mg/kg")]
    [InlineData(double.NaN, "NaN mg/kg")]
    public void Amount_not_positive_or_NaN(double mgPerKg, string shown) =>
        AssertNames(Rejects(KetamineBolus with { Amount = DoseAmount.MgPerKg(mgPerKg) }), "Amount", shown, "a finite amount > 0");

    [Fact]
    public void Rate_and_duration_both_set() =>
        AssertNames(Rejects(KetamineInfusion with { RateMgPerHour = 52.5 }), "DurationHours", "0.6666", "null when RateMgPerHour is set (RateMgPerHour = 52.5)");

    [Fact]
    public void Infusion_without_rate_or_duration() =>
        AssertNames(Rejects(KetamineInfusion with { DurationHours = null }), "DurationHours", "null", "IvInfusion needs DurationHours > 0 or RateMgPerHour > 0");

    [Fact]
    public void Infusion_with_zero_rate() =>
        AssertNames(Rejects(KetamineInfusion with { DurationHours = null, RateMgPerHour = 0 }), "RateMgPerHour", "0", "a finite rate > 0 mg/h");

    [Fact]
    public void Infusion_with_negative_duration() =>
        AssertNames(Rejects(KetamineInfusion with { DurationHours = -0.5 }), "DurationHours", "-0.5", "a finite duration > 0 h");

    [Theory]
    [InlineData(Route.IvBolus)]
    [InlineData(Route.Oral)]
    [InlineData(Route.Intranasal)]
    [InlineData(Route.Intraperitoneal)]
    public void Instantaneous_route_with_duration(Route route) =>
        AssertNames(Rejects(KetamineBolus with { Route = route, DurationHours = 0.5 }), "DurationHours", "0.5", $"null for route {route}, which is instantaneous");

    [Fact]
    public void Instantaneous_route_with_rate() =>
        AssertNames(Rejects(KetamineBolus with { RateMgPerHour = 10 }), "RateMgPerHour", "10", "null for route IvBolus");

    [Theory]
    [InlineData(0.0)]
    [InlineData(-24.0)]
    [InlineData(double.NaN)]
    public void Additional_doses_without_positive_interval(double intervalHours) =>
        AssertNames(Rejects(KetamineBolus with { AdditionalDoses = 2, IntervalHours = intervalHours }), "IntervalHours",
            intervalHours.ToString("G", System.Globalization.CultureInfo.InvariantCulture), "a finite interval > 0 h when AdditionalDoses = 2");

    [Fact]
    public void Negative_additional_doses() =>
        AssertNames(Rejects(KetamineBolus with { AdditionalDoses = -1, IntervalHours = 24 }), "AdditionalDoses", "-1", "a whole number from 0 to");

    [Fact]
    public void Negative_lag() =>
        AssertNames(Rejects(KetamineBolus with { LagHours = -0.1 }), "LagHours", "-0.1", "a finite lag >= 0 h");

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.2)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Bioavailability_outside_zero_one(double f) =>
        AssertNames(Rejects(KetamineBolus with { Bioavailability = f }), "Bioavailability",
            f.ToString("G", System.Globalization.CultureInfo.InvariantCulture), "a fraction in (0, 1]");

    [Fact]
    public void Non_finite_time() =>
        AssertNames(Rejects(KetamineBolus with { TimeHours = double.PositiveInfinity }), "TimeHours", "Infinity", "a finite time in hours");

    [Fact]
    public void Non_positive_weight() =>
        AssertNames(Rejects(KetamineBolus, weightKg: 0), "WeightKg", "0", "a finite weight > 0 kg");

    [Fact]
    public void Route_not_supported_by_the_compound_routing()
    {
        var routing = new DoseExpansionTests.RecordingRouting("escitalopram", Route.Oral);
        var record = new DoseRecord { Compound = "escitalopram", Route = Route.IvBolus, Amount = DoseAmount.Mg(10) };
        var ex = Assert.Throws<DoseValidationException>(() => DoseExpansion.AddToEvents([record], 70,
            new Dictionary<string, IDoseRouting> { ["escitalopram"] = routing }, DoseExpansionTests.EmptyModel(), new DoseEvents()));
        AssertNames(ex, "Route", "IvBolus", "escitalopram supports Oral");
    }

    [Fact]
    public void Unknown_compound_lists_the_known_ones()
    {
        var routings = new Dictionary<string, IDoseRouting>
        {
            ["ketamine"] = new DoseExpansionTests.RecordingRouting("ketamine", Route.IvBolus),
            ["esketamine"] = new DoseExpansionTests.RecordingRouting("esketamine", Route.Intranasal),
        };
        var record = KetamineBolus with { Compound = "ketamin" };
        var ex = Assert.Throws<DoseValidationException>(() => DoseExpansion.AddToEvents([record], 70, routings, DoseExpansionTests.EmptyModel(), new DoseEvents()));
        AssertNames(ex, "Compound", "'ketamin'", "known compounds: esketamine, ketamine");
    }

    [Fact]
    public void Five_grams_per_kg_is_rejected_naming_the_limit_and_its_reason()
    {
        var ex = Rejects(KetamineBolus with { Amount = DoseAmount.MgPerKg(5000) });
        AssertNames(ex, "Amount", "5000 mg/kg (350000 mg at 70 kg)", "at most 10 mg/kg per dose (700 mg)");
        Assert.Contains("anaesthetic induction 1-4.5 mg/kg", ex.Message);
    }

    [Theory]
    [InlineData("ketamine", Route.IvInfusion, 10.0, DoseUnit.MgPerKg, 70.0)]
    [InlineData("ketamine", Route.Intraperitoneal, 100.0, DoseUnit.MgPerKg, 0.025)]
    [InlineData("esketamine", Route.Intranasal, 112.0, DoseUnit.Mg, 70.0)]
    [InlineData("escitalopram", Route.Oral, 60.0, DoseUnit.Mg, 70.0)]
    [InlineData("unlisted-drug", Route.Oral, 20.0, DoseUnit.MgPerKg, 70.0)]
    public void Dose_at_the_limit_passes_and_just_above_fails(string compound, Route route, double limit, DoseUnit unit, double weightKg)
    {
        var record = new DoseRecord { Compound = compound, Route = route, Amount = new DoseAmount(limit, unit), DurationHours = route == Route.IvInfusion ? 1 : null };
        Assert.Single(DoseExpansion.Expand(record, weightKg));
        var ex = Rejects(record with { Amount = new DoseAmount(limit * 1.01, unit) }, weightKg);
        Assert.Equal("Amount", ex.Field);
        Assert.Contains($"at most {limit:G} {(unit == DoseUnit.Mg ? "mg" : "mg/kg")} per dose", ex.Message);
    }

    [Fact]
    public void Unlisted_combination_names_the_generic_limit()
    {
        var ex = Rejects(new DoseRecord { Compound = "arketamine", Route = Route.Oral, Amount = DoseAmount.MgPerKg(25) });
        Assert.Contains("generic limit (no specific row for arketamine Oral)", ex.Message);
    }

    [Fact]
    public void Every_limit_has_a_provenance_and_a_positive_value()
    {
        foreach (var limit in DoseLimits.All.Append(DoseLimits.Generic))
        {
            Assert.True(limit.Max > 0);
            Assert.False(string.IsNullOrWhiteSpace(limit.Provenance.Text));
        }
    }
}
