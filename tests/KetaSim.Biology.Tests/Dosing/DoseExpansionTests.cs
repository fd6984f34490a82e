using KetaSim.Biology.Dosing;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using Xunit;

namespace KetaSim.Biology.Tests.Dosing;

public class DoseExpansionTests
{
    private static DoseRecord Ketamine(DoseAmount amount, Route route = Route.IvBolus) =>
        new() { Compound = "ketamine", Route = route, Amount = amount };

    [Fact]
    public void Single_bolus_gives_one_occurrence_at_its_time()
    {
        var doses = DoseExpansion.Expand(Ketamine(DoseAmount.Mg(35)) with { TimeHours = 2 }, weightKg: 70);
        var d = Assert.Single(doses);
        Assert.Equal(new DoseOccurrence(2, 35, Route.IvBolus, null, 1.0), d);
    }

    [Fact]
    public void Per_kg_amount_is_scaled_by_weight()
    {
        Assert.Equal(35.0, DoseExpansion.Expand(Ketamine(DoseAmount.MgPerKg(0.5)), 70)[0].AmountMg, 12);
        Assert.Equal(0.25, DoseExpansion.Expand(Ketamine(DoseAmount.MgPerKg(10), Route.Intraperitoneal), 0.025)[0].AmountMg, 12);
        Assert.Equal(14.0, DoseExpansion.Expand(Ketamine(new DoseAmount(200, DoseUnit.MicrogramPerKg)), 70)[0].AmountMg, 12);
    }

    [Fact]
    public void Additional_doses_repeat_every_interval_after_the_first()
    {
        var record = new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), TimeHours = 8, AdditionalDoses = 3, IntervalHours = 24 };
        var times = DoseExpansion.Expand(record, 70).Select(d => d.TimeHours);
        Assert.Equal([8.0, 32, 56, 80], times);
    }

    [Fact]
    public void Lag_shifts_every_occurrence()
    {
        var record = new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), AdditionalDoses = 1, IntervalHours = 24, LagHours = 0.93 };
        Assert.Equal([0.93, 24.93], DoseExpansion.Expand(record, 70).Select(d => d.TimeHours));
    }

    [Fact]
    public void Rate_becomes_duration_from_the_resolved_amount()
    {
        // 0.5 mg/kg at 70 kg = 35 mg at 52.5 mg/h -> 40 min: the standard antidepressant infusion.
        var record = Ketamine(DoseAmount.MgPerKg(0.5), Route.IvInfusion) with { RateMgPerHour = 52.5 };
        var d = Assert.Single(DoseExpansion.Expand(record, 70));
        Assert.Equal(40.0 / 60, d.DurationHours!.Value, 12);
    }

    [Fact]
    public void Duration_is_carried_as_given()
    {
        var record = Ketamine(DoseAmount.MgPerKg(0.5), Route.IvInfusion) with { DurationHours = 40.0 / 60 };
        Assert.Equal(40.0 / 60, DoseExpansion.Expand(record, 70)[0].DurationHours);
    }

    [Fact]
    public void Bioavailability_is_carried_not_applied()
    {
        var record = new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), Bioavailability = 0.8 };
        var d = DoseExpansion.Expand(record, 70)[0];
        Assert.Equal(10, d.AmountMg);
        Assert.Equal(0.8, d.Bioavailability);
    }

    [Fact]
    public void Add_to_events_applies_every_occurrence_through_the_compound_routing_case_insensitively()
    {
        var routing = new RecordingRouting("Esketamine", Route.Intranasal);
        var events = new DoseEvents();
        var records = new[]
        {
            new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56), AdditionalDoses = 1, IntervalHours = 72 },
        };
        DoseExpansion.AddToEvents(records, 70, new Dictionary<string, IDoseRouting> { ["Esketamine"] = routing }, EmptyModel(), events);
        Assert.Equal([0.0, 72], routing.Applied.Select(d => d.TimeHours));
        Assert.Equal(2, events.Boluses.Count);
    }

    [Fact]
    public void Add_to_events_adds_nothing_when_a_later_record_is_invalid()
    {
        var routing = new RecordingRouting("ketamine", Route.IvBolus);
        var events = new DoseEvents();
        var records = new[] { Ketamine(DoseAmount.Mg(35)), Ketamine(DoseAmount.Mg(-1)) };
        Assert.Throws<DoseValidationException>(() =>
            DoseExpansion.AddToEvents(records, 70, new Dictionary<string, IDoseRouting> { ["ketamine"] = routing }, EmptyModel(), events));
        Assert.Empty(routing.Applied);
        Assert.Empty(events.Boluses);
    }

    internal static Model EmptyModel() => new("empty", [], [], [], [], [], []);

    /// <summary>A stand-in PK routing: records what it was asked to apply and adds a bolus to state 0.</summary>
    internal sealed class RecordingRouting(string compound, params Route[] routes) : IDoseRouting
    {
        public List<DoseOccurrence> Applied { get; } = [];
        public string Compound { get; } = compound;
        public IReadOnlyCollection<Route> SupportedRoutes { get; } = routes;

        public void Apply(DoseOccurrence dose, Model model, DoseEvents events)
        {
            Applied.Add(dose);
            events.AddBolus(dose.TimeHours, 0, dose.AmountMg * dose.Bioavailability);
        }
    }
}
