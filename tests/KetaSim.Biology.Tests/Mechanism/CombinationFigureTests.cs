using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;
using Xunit;
using static KetaSim.Biology.Tests.Mechanism.MechanismRuns;

namespace KetaSim.Biology.Tests.Mechanism;

/// <summary>
/// The issue's combination figure: the three ILLUSTRATIVE SST-GPCR compounds together, each at a low oral
/// dose, reach ketamine-like Pyr reactivation with lower predicted dissociation and blood-pressure rise
/// than ketamine 0.5 mg/kg IV (system.md §8).
/// </summary>
public class CombinationFigureTests(ITestOutputHelper output)
{
    /// <summary>Oral doses, mg: each well below what reproduces ketamine alone (the antagonist can at most remove the prokineticin tone, so it gets more).</summary>
    public static readonly IReadOnlyDictionary<string, double> DosesMg = new Dictionary<string, double>
    {
        ["illustrative-mor-agonist"] = 4, ["illustrative-rxfp3-agonist"] = 2, ["illustrative-prokr2-antagonist"] = 10,
    };

    private static readonly string[] Compounds = [.. DosesMg.Keys];

    private static Scenario Oral(string name, IEnumerable<string> compounds, double? mg = null) => MechanismScenarios.KetamineTrd with
    {
        Name = $"test-combination-{name}-{mg:G}",
        Doses = compounds.Select(c => new DoseRecord { Compound = c, Route = Route.Oral, Amount = DoseAmount.Mg(mg ?? DosesMg[c]) }).ToArray(),
        DurationHours = 12,
        OutputStepHours = 2.0 / 60,
        Mechanism = MechanismScenarios.TrdActivePlacebo with { Patient = MechanismScenarios.TrdActivePlacebo.Patient with { Placebo = PlaceboKind.None } },
    };

    private static (double Reactivation, double Cadss, double SbpRise, double Drug24h) Measures(SimulationResult r)
    {
        var sbp = r.Observable(MechanismNames.SystolicMmHg);
        return (Peak(r, MechanismNames.PyrReactivation), Peak(r, MechanismNames.Cadss) - r.Observable(MechanismNames.Cadss)[0], sbp.Max() - sbp[0],
            r.TimesHours[^1] >= 24 ? At(r, MechanismNames.MadrsFast, 24) + At(r, MechanismNames.MadrsSlow, 24) : double.NaN);
    }

    [Fact]
    public void Three_low_dose_SST_GPCR_drugs_together_match_ketamine_reactivation_with_less_dissociation_and_BP_rise()
    {
        var ketamine = Measures(Run(MechanismScenarios.KetamineTrd with { Name = "test-combination-ketamine-ref", Mechanism = Oral("x", [], 1).Mechanism, DurationHours = 12, OutputStepHours = 2.0 / 60 }));
        var combination = Measures(Run(Oral("all", Compounds)));
        output.WriteLine($"ketamine 0.5 mg/kg IV: peak reactivation {ketamine.Reactivation:F4}, CADSS rise {ketamine.Cadss:F1}, SBP rise {ketamine.SbpRise:F1} mmHg");
        output.WriteLine($"combination ({string.Join(", ", DosesMg.Select(d => $"{d.Key} {d.Value:G} mg"))}, oral): peak reactivation {combination.Reactivation:F4}, CADSS rise {combination.Cadss:F2}, SBP rise {combination.SbpRise:F2} mmHg");
        foreach (var c in Compounds)
        {
            var alone = Measures(Run(Oral(c, [c])));
            output.WriteLine($"  {c} alone {DosesMg[c]:G} mg: peak reactivation {alone.Reactivation:F4} ({alone.Reactivation / ketamine.Reactivation:P0} of ketamine)");
            Assert.True(alone.Reactivation < 0.7 * ketamine.Reactivation, $"{c} alone is a low dose: well below ketamine");
        }
        Assert.InRange(combination.Reactivation / ketamine.Reactivation, 0.8, 1.5);
        Assert.True(combination.Cadss < 0.25 * ketamine.Cadss);
        Assert.True(combination.SbpRise < 0.25 * ketamine.SbpRise);
    }
}
