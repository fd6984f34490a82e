using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>When the step limits cannot be met, the integrators throw IntegrationException saying which limit and where.</summary>
public sealed class FailureTests
{
    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Throws_when_MaxSteps_is_exceeded(string integratorName)
    {
        var problem = new TwoCompartmentBolus();
        var y = problem.InitialState();
        var settings = new SolverSettings { RelTol = 1e-10, AbsTol = 1e-12, MaxSteps = 5 };

        var e = Assert.Throws<IntegrationException>(() => Integrators.Create(integratorName).Integrate(problem, 0, 48, y, [], null, settings));

        Assert.Contains(integratorName, e.Message);
        Assert.Contains("MaxSteps = 5", e.Message);
    }

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Throws_when_the_step_falls_below_MinStep_at_a_singularity(string integratorName)
    {
        var y = new[] { 1.0 };
        var settings = new SolverSettings { MinStep = 1e-10 };

        var e = Assert.Throws<IntegrationException>(() => Integrators.Create(integratorName).Integrate(new BlowUp(), 0, 2, y, [], null, settings));

        Assert.True(e.Message.Contains("MinStep", StringComparison.Ordinal) || e.Message.Contains("rounding", StringComparison.Ordinal), e.Message);
        // The failure is at the pole t = 1, not anywhere else.
        Assert.Matches(@"t = (0\.99|1\b|1\.0)", e.Message);
    }

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void A_MaxStep_limit_is_honoured(string integratorName)
    {
        var problem = new OneCompartmentBolus();
        var y = problem.InitialState();

        var stats = Integrators.Create(integratorName).Integrate(problem, 0, 24, y, [], null, SolverSettings.Default with { MaxStep = 0.5 });

        Assert.True(stats.AcceptedSteps >= 48, $"{stats.AcceptedSteps} steps of at most 0.5 over 24");
        Assert.True(stats.LastStep <= 0.5);
    }
}
