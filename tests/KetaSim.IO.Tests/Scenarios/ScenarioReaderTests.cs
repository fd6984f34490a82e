using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;

namespace KetaSim.IO.Tests.Scenarios;

public class ScenarioReaderTests
{
    [Fact]
    public void Reads_every_field_of_a_valid_scenario()
    {
        var doc = TestCatalog.Reader.Read("s.yaml", TestCatalog.Valid);
        var s = doc.Scenario;
        Assert.Equal("ketamine-iv", s.Name);
        Assert.Equal(24, s.DurationHours);
        Assert.Equal(5.0 / 60, s.OutputStepHours, 12);
        Assert.Equal(["ketamine_plasma_ng_per_ml"], s.Observables);
        Assert.Equal(45, s.Subject.AgeYears);
        var dose = Assert.Single(s.Doses);
        Assert.Equal("ketamine", dose.Compound);
        Assert.Equal(Route.IvInfusion, dose.Route);
        Assert.Equal(DoseAmount.MgPerKg(0.5), dose.Amount);
        Assert.Equal(40.0 / 60, dose.DurationHours!.Value, 12);
        Assert.Equal(0, dose.TimeHours);
        Assert.Equal(1e-6, s.Solver.RelTol);
        Assert.Equal(90, s.ParameterOverrides["CL_S"]);
        Assert.Equal(11, doc.LineOf("doses[0].amount"));
    }

    [Fact]
    public void A_readable_schedule_becomes_one_record_per_dose()
    {
        var doc = TestCatalog.Reader.Read("s.yaml", """
            name: induction
            duration: 8 weeks
            doses:
              - drug: esketamine
                route: nasal
                amount: 56 mg
                schedule: twice weekly for 4 weeks, then weekly for 4 weeks
            """);
        Assert.Equal(12, doc.Scenario.Doses.Count);
        Assert.Equal([0.0, 72, 168, 240], doc.Scenario.Doses.Take(4).Select(d => d.TimeHours));
    }

    [Fact]
    public void Explicit_times_and_a_start_offset_work()
    {
        var doc = TestCatalog.Reader.Read("s.yaml", """
            name: t
            duration: 1 week
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 0.1 mg/kg, times: [0 h, 3 d, 6 d] }
              - { drug: escitalopram, route: po, amount: 10 mg, start: 12 h, schedule: once }
            """);
        Assert.Equal([0.0, 72, 144, 12], doc.Scenario.Doses.Select(d => d.TimeHours));
    }

    [Fact]
    public void Mouse_subject_defaults_and_gram_weights()
    {
        var doc = TestCatalog.Reader.Read("s.yaml", """
            subject: { species: mouse, weight: 30 g }
            duration: 6 h
            doses:
              - { drug: ketamine, route: ip, amount: 10 mg/kg }
            """);
        Assert.Equal(Species.Mouse, doc.Scenario.Subject.Species);
        Assert.Equal(0.03, doc.Scenario.Subject.WeightKg, 12);
        Assert.Equal("s", doc.Scenario.Name);
    }

    [Fact]
    public void Microgram_per_kg_doses_keep_their_unit()
    {
        var doc = TestCatalog.Reader.Read("s.yaml", """
            duration: 6 h
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 250 ug/kg }
            """);
        Assert.Equal(17.5, doc.Scenario.Doses[0].Amount.ToMg(70), 12);
    }
}
