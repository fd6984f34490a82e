using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>Stiff benchmark problems against published reference solutions, and what stiffness costs an explicit method.</summary>
public sealed class StiffProblemTests(ITestOutputHelper output)
{
    private static readonly SolverSettings RobertsonSettings = new() { RelTol = 1e-8, AbsTol = 1e-14 };

    [Fact]
    public void Rodas4_solves_Robertson_to_the_reference_in_few_steps()
    {
        var y = Robertson.InitialState();
        var stats = new Rodas4().Integrate(new Robertson(), 0, 40, y, [], null, RobertsonSettings);

        output.WriteLine($"Rodas4 on Robertson to t = 40: {stats}");
        for (int i = 0; i < 3; i++)
            Assert.Equal(Robertson.ReferenceAt40[i], y[i], 2e-7 * Math.Abs(Robertson.ReferenceAt40[i]));
        Assert.InRange(stats.AcceptedSteps + stats.RejectedSteps, 1, 500);
        Assert.Equal(1.0, y[0] + y[1] + y[2], 1e-12);
    }

    [Fact]
    public void Rodas4_integrates_Robertson_over_eleven_decades()
    {
        var y = Robertson.InitialState();
        var stats = new Rodas4().Integrate(new Robertson(), 0, 4e10, y, [], null, RobertsonSettings);

        output.WriteLine($"Rodas4 on Robertson to t = 4e10: {stats}, y = [{string.Join(", ", y)}]");
        Assert.InRange(stats.AcceptedSteps, 1, 2000);
        Assert.All(y, v => Assert.True(v >= -1e-12, $"negative state {v}"));
        Assert.Equal(1.0, y[0] + y[1] + y[2], 1e-12);
        Assert.True(y[2] > 0.9999, $"y3 should approach 1 as t → ∞, got {y[2]}");
    }

    [Fact]
    public void Explicit_DormandPrince54_needs_vastly_more_steps_on_Robertson()
    {
        double[] times = [40];
        var rodasSink = new RecordingSink(1);
        var rodas = new Rodas4().Integrate(new Robertson(), 0, 400, Robertson.InitialState(), times, rodasSink, RobertsonSettings);
        var dpSink = new RecordingSink(1);
        var dp = new DormandPrince54().Integrate(new Robertson(), 0, 400, Robertson.InitialState(), times, dpSink, RobertsonSettings);

        double ratio = (double)(dp.AcceptedSteps + dp.RejectedSteps) / (rodas.AcceptedSteps + rodas.RejectedSteps);
        output.WriteLine($"Robertson to t = 400: DormandPrince54 {dp}; Rodas4 {rodas}; step ratio {ratio:F0}");
        // Stability, not accuracy, bounds the explicit step (|λ| h ≲ 3.3 with |λ| ~ 1e4) while the
        // L-stable method's step grows with the solution's time scale: same answer, far more steps.
        Assert.True(ratio > 300, $"step ratio only {ratio}");
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Robertson.ReferenceAt40[i], dpSink.States[0]![i], 1e-6 * Robertson.ReferenceAt40[i]);
            Assert.Equal(Robertson.ReferenceAt40[i], rodasSink.States[0]![i], 1e-6 * Robertson.ReferenceAt40[i]);
        }
    }

    [Fact]
    public void DormandPrince54_gives_up_on_Robertson_at_MaxSteps()
    {
        var y = Robertson.InitialState();
        var settings = RobertsonSettings with { MaxSteps = 20_000 };

        var e = Assert.Throws<IntegrationException>(() => new DormandPrince54().Integrate(new Robertson(), 0, 4e5, y, [], null, settings));

        Assert.Contains("MaxSteps = 20000", e.Message);
        var rodasY = Robertson.InitialState();
        var rodas = new Rodas4().Integrate(new Robertson(), 0, 4e5, rodasY, [], null, settings);
        Assert.True(rodas.AcceptedSteps < 1000, $"Rodas4 took {rodas.AcceptedSteps} steps");
    }

    [Fact]
    public void Rodas4_solves_HIRES_to_the_reference()
    {
        var y = Hires.InitialState();
        var stats = new Rodas4().Integrate(new Hires(), 0, Hires.T1, y, [], null, new SolverSettings { RelTol = 1e-8, AbsTol = 1e-12 });

        output.WriteLine($"Rodas4 on HIRES: {stats}");
        for (int i = 0; i < 8; i++)
            Assert.Equal(Hires.ReferenceAtT1[i], y[i], 1e-6 * Math.Abs(Hires.ReferenceAtT1[i]));
        Assert.InRange(stats.AcceptedSteps, 1, 5000);
    }
}
