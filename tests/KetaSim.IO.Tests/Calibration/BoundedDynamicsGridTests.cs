using KetaSim.Biology.Scenarios;
using KetaSim.IO.Calibration;
using KetaSim.Population.Definitions;
using Xunit;

namespace KetaSim.IO.Tests.Calibration;

/// <summary>MECH-8: the bounded-dynamics grid as property tests (the same cases as <c>ketasim validate</c>).</summary>
public class BoundedDynamicsGridTests(ITestOutputHelper output)
{
    private static IReadOnlyDictionary<string, double> Defaults(Scenario s) => BoundedDynamicsGrid.Defaults(ScenarioRunner.Shared, s);

    private static readonly Lazy<BoundedDynamicsGrid.Extremes> Grid = new(() => BoundedDynamicsGrid.EvaluateAll(ScenarioRunner.Shared));

    [Fact]
    public void The_grid_covers_every_regimen_for_the_typical_patient_and_both_tails_of_every_varied_parameter()
    {
        var population = PopulationLibrary.Get(BoundedDynamicsGrid.PopulationName);
        var cases = BoundedDynamicsGrid.Cases(population, Defaults).ToList();
        Assert.Equal(5, cases.Count(c => c.Variant == "typical"));
        foreach (var effect in population.Effects.Where(e => e.Patient is not null || e.Parameters.Any(p => p.StartsWith("spine_", StringComparison.Ordinal))))
        {
            Assert.Equal(5, cases.Count(c => c.Variant == $"{effect.Name} p05"));
            Assert.Equal(5, cases.Count(c => c.Variant == $"{effect.Name} p95"));
        }
        // PK variability only where the regimen has the drug: esketamine's popPK on the esketamine regimen alone.
        Assert.Equal(1, cases.Count(c => c.Variant == "esk-kel p95"));
    }

    [Fact]
    public void Spine_density_stays_bounded_MADRS_stays_inside_the_scale_without_the_guard_and_no_pool_goes_negative()
    {
        var g = Grid.Value;
        output.WriteLine($"{g.Cases} runs; spine max {g.MaxSpineDensity:F4} ({g.MaxSpineAt}); raw MADRS {g.MinRawMadrs:F3}..{g.MaxRawMadrs:F3} ({g.RawMadrsAt}); guard change {g.MaxGuardDeviation:E2}; min state {g.MinGuardedState:E2} ({g.MinStateAt})");
        Assert.True(g.SpineBounded, $"spine density {g.MaxSpineDensity} at {g.MaxSpineAt}");
        Assert.True(g.MadrsBounded, $"raw MADRS {g.MinRawMadrs}..{g.MaxRawMadrs}, guard {g.MaxGuardDeviation}");
        Assert.True(g.StatesNonNegative, $"{g.MinGuardedState} at {g.MinStateAt}");
    }

    [Fact]
    public void The_check_fails_when_the_capacity_is_lifted()
    {
        // The checker is not vacuous: the same regimen with the density bound removed breaks MECH-8.
        var regimen = BoundedDynamicsGrid.Regimens().Single(r => r.Name.Contains("three-drug", StringComparison.Ordinal));
        var lifted = regimen with
        {
            Name = regimen.Name + "-no-capacity",
            ParameterOverrides = new Dictionary<string, double> { ["spine_density_capacity"] = 3.0, ["spine_formation_gain"] = 36.0 * 4.5 / 3.5 * 30 },
        };
        var e = BoundedDynamicsGrid.Evaluate([new BoundedDynamicsGrid.Case(lifted.Name, "typical", lifted)], ScenarioRunner.Shared);
        output.WriteLine($"without the capacity: spine density max {e.MaxSpineDensity:F3}");
        Assert.False(e.SpineBounded);
    }
}
