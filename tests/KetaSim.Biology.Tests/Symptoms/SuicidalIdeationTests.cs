using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using Xunit;

namespace KetaSim.Biology.Tests.Symptoms;

public class SuicidalIdeationTests
{
    private static Scenario Ketamine(string name, PatientState patient, double days = 7, IReadOnlyList<Knockout>? knockouts = null, DoseRecord[]? doses = null) => new()
    {
        Name = name,
        Subject = Subject.TypicalAdult,
        Doses = doses ?? [new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40.0 / 60 }],
        DurationHours = days * 24,
        Mechanism = new MechanismSettings { Suicidality = true, Patient = patient, Knockouts = knockouts ?? [] },
    };

    /// <summary>Item 10 stays within 0-6 and within what the total allows (≤ MADRS, ≥ MADRS − 54) over regimens and patients.</summary>
    [Theory]
    [InlineData(33, 3, 1.0)]
    [InlineData(8, 6, 3.0)]     // a total below the item's baseline: the bound by the total must act
    [InlineData(58, 6, 0.2)]    // near the top of the scale: the bound by the nine other items must act
    [InlineData(41, 4.6, 2.0)]
    public void Item10_stays_inside_its_scale_and_the_total(double madrs0, double item10, double responsiveness)
    {
        var patient = PatientState.TypicalTrd with { BaselineMadrs = madrs0, BaselineSuicidalThoughts = Math.Min(item10, madrs0), Responsiveness = responsiveness, Placebo = PlaceboKind.HospitalStandardOfCare };
        DoseRecord[][] regimens =
        [
            [new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40.0 / 60 }],
            [new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(84), IntervalHours = 84, AdditionalDoses = 3 }],
            [new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 13 }],
        ];
        foreach (var doses in regimens)
        {
            var r = ScenarioRunner.Shared.Run(Ketamine($"si-bounds-{doses[0].Compound}", patient, 14, doses: doses));
            var total = r.Observable(MechanismNames.Madrs);
            var i10 = r.Observable(SuicidalIdeationNames.Item10);
            var cgi = r.Observable(SuicidalIdeationNames.CgiSsR);
            for (int k = 0; k < total.Length; k++)
            {
                Assert.InRange(i10[k], 0, 6);
                Assert.True(i10[k] <= total[k] + 1e-12, $"{doses[0].Compound} t={r.TimesHours[k]}: item 10 {i10[k]} > MADRS {total[k]}");
                Assert.True(i10[k] >= total[k] - 54 - 1e-12);
                Assert.InRange(cgi[k], 0, 6);
            }
            Assert.True(i10[^1] < i10[0], $"{doses[0].Compound}: item 10 did not fall");
        }
    }

    /// <summary>
    /// The ideation-specific drive comes from the BDNF/TrkB signal behind the fast relief, which the MOR on SST cells gates
    /// (mor-gated): deleting it leaves suicidal thoughts higher at 24 h; the total's relief is lost too.
    /// </summary>
    [Fact]
    public void Mor_knockout_on_sst_cells_leaves_more_suicidal_thoughts()
    {
        var patient = PatientState.TypicalTrd with { BaselineMadrs = 33, BaselineSuicidalThoughts = 3, Placebo = PlaceboKind.Saline };
        var intact = ScenarioRunner.Shared.Run(Ketamine("si-intact", patient));
        var ko = ScenarioRunner.Shared.Run(Ketamine("si-mor-sst-ko", patient, knockouts: [new Knockout(MechanismNames.Targets.Mor, Cells.Sst)]));
        double At(KetaSim.Modeling.Simulation.SimulationResult r, string name) => KetaSim.Biology.Calibration.TrajectoryMetrics.At(r.TimesHours, r.Observable(name), 24);
        Assert.True(At(ko, SuicidalIdeationNames.Item10) > At(intact, SuicidalIdeationNames.Item10) + 0.1,
            $"item 10 at 24 h: knockout {At(ko, SuicidalIdeationNames.Item10)} vs intact {At(intact, SuicidalIdeationNames.Item10)}");
        Assert.True(At(ko, SuicidalIdeationNames.Item10Specific) < 0.2 * At(intact, SuicidalIdeationNames.Item10Specific));
    }

    /// <summary>Without the setting the layer is absent: existing runs compile the model they did before.</summary>
    [Fact]
    public void Layer_is_added_only_when_asked()
    {
        var off = Ketamine("si-off", PatientState.TypicalTrd, 1) with { Mechanism = new MechanismSettings() };
        Assert.False(ScenarioRunner.Shared.Run(off).Model.HasObservable(SuicidalIdeationNames.Item10));
        Assert.True(ScenarioRunner.Shared.Run(Ketamine("si-on", PatientState.TypicalTrd, 1)).Model.HasObservable(SuicidalIdeationNames.Item10));
    }
}
