using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Definitions;
using Xunit;

namespace KetaSim.Population.Tests.Definitions;

/// <summary>
/// The plausible ranges stated for PK parameters are the 5th-95th percentiles of the between-subject variability the
/// populations draw (data/populations/*.yaml): a CV changed in one place and not the other fails here.
/// </summary>
public class PlausibleRangeAgreementTests
{
    private const double Z90 = 1.6448536269514722;

    [Fact]
    public void Stated_ranges_are_the_5th_to_95th_percentiles_of_the_population_variability()
    {
        var scenario = new Scenario
        {
            Name = "all-human-pk",
            Doses =
            [
                new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40.0 / 60 },
                new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56) },
                new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10) },
            ],
            DurationHours = 1,
            Mechanism = new MechanismSettings(),
        };
        var model = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(scenario), ScenarioRunner.MechanismFor(scenario)).Model;
        var parameters = model.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        int checkedCount = 0;
        foreach (var name in PopulationLibrary.Names)
        {
            var population = PopulationLibrary.Get(name);
            if (population.Species != Species.Human) continue;
            foreach (var effect in population.Effects.Where(e => e.Parameters.Count > 0 && !e.MeanCentred))
                foreach (var p in effect.Parameters.Where(parameters.ContainsKey).Select(n => parameters[n]))
                {
                    Assert.NotNull(p.Range);
                    if (p.Range.IsDefaultRule) continue;   // biology parameters: the default rule until their layer states a range
                    double theta = p.Value;
                    (double low, double high) = effect.Scale switch
                    {
                        EffectScale.LogNormal => (theta * Math.Exp(-Z90 * effect.Omega), theta * Math.Exp(Z90 * effect.Omega)),
                        EffectScale.Logit => (InvLogit(Logit(theta) - Z90 * effect.Omega), InvLogit(Logit(theta) + Z90 * effect.Omega)),
                        _ => (theta - Z90 * effect.Omega, theta + Z90 * effect.Omega),
                    };
                    Assert.True(Math.Abs(p.Range.Low - low) <= 1e-9 * high && Math.Abs(p.Range.High - high) <= 1e-9 * high,
                        $"{name}/{effect.Name}: {p.Name} range {p.Range.Bounds}, population 5th-95th percentile {low:G6} to {high:G6}");
                    checkedCount++;
                }
        }
        Assert.True(checkedCount >= 14, $"only {checkedCount} parameter ranges were compared with the populations");
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double InvLogit(double x) => 1 / (1 + Math.Exp(-x));
}
