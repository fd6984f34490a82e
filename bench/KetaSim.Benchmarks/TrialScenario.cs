using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.IO.Store;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;

namespace KetaSim.Benchmarks;

/// <summary>
/// The scale benchmark's trial: trd-adult, 4 weeks, two arms. Arm A: esketamine 56 mg nasal twice weekly
/// (days 1 and 4 of each week) plus escitalopram 10 mg daily; arm B (control, placebo spray): escitalopram
/// alone. Both arms carry the placebo context of a newly started oral antidepressant. Weekly visits, rater
/// noise, a dropout hazard of 2% per week.
/// </summary>
internal static class TrialScenario
{
    public const ulong Seed = 2026;
    private const double Week = 168;

    public static TrialDefinition Definition { get; } = Build();

    private static TrialDefinition Build()
    {
        var escitalopram = MechanismScenarios.OralAntidepressant with { IntervalHours = 24, AdditionalDoses = 27 };
        DoseRecord Esketamine(double atHours) => new()
        {
            Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56),
            TimeHours = atHours, IntervalHours = Week, AdditionalDoses = 3,
        };
        var template = new Scenario
        {
            Name = "esketamine-56mg-twice-weekly-4w",
            Description = "esketamine 56 mg nasal twice weekly for 4 weeks plus escitalopram 10 mg daily",
            Subject = Subject.TypicalAdult,
            Doses = [escitalopram, Esketamine(0), Esketamine(72)],
            DurationHours = 4 * Week,
            Mechanism = MechanismScenarios.TrdNewOralAd,
        };
        var placebo = template with
        {
            Name = "placebo-spray-escitalopram-4w",
            Description = "placebo spray: escitalopram 10 mg daily alone",
            Doses = [escitalopram],
        };
        return new TrialDefinition("trial-scale-esketamine-4w", PopulationLibrary.Get("trd-adult"),
            [new TrialArm("esketamine-56mg", template), new TrialArm("placebo-spray", placebo)],
            [1 * Week, 2 * Week, 3 * Week, 4 * Week], 4 * Week)
        {
            RemissionThreshold = Endpoints.EsketamineRemissionMadrs,
            MeasurementNoise = true,
            DropoutHazardPerWeek = 0.02,
            ControlArm = "placebo-spray",
        };
    }
}
