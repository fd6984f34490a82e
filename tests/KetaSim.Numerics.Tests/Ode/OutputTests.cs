using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>How output times, interval ends and instance reuse behave.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Records_only_times_inside_the_interval_with_exact_end_values(string integratorName)
    {
        var problem = new FirstOrderAbsorption();
        var integrator = Integrators.Create(integratorName);
        double[] times = [-1, 2, 2, 2.5, 5, 5, 9];
        var sink = new RecordingSink(times.Length);
        var y0 = new[] { 50.0, 10.0 };
        var y = (double[])y0.Clone();

        integrator.Integrate(problem, 2, 5, y, times, sink, Integrators.Tight);

        Assert.Null(sink.States[0]);
        Assert.Equal(y0, sink.States[1]);
        Assert.Equal(y0, sink.States[2]);
        Assert.NotNull(sink.States[3]);
        // The end point is the state itself, not an interpolation of it.
        Assert.Equal(y, sink.States[4]);
        Assert.Equal(y, sink.States[5]);
        Assert.Null(sink.States[6]);
        Assert.Equal(5, sink.Calls);
    }

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void A_sink_that_scribbles_on_its_argument_cannot_corrupt_the_solution(string integratorName)
    {
        var problem = new OneCompartmentBolus();
        var y = problem.InitialState();
        var times = Enumerable.Range(0, 25).Select(i => (double)i).ToArray();

        Integrators.Create(integratorName).Integrate(problem, 0, 24, y, times, new ScribblingSink(), Integrators.Tight);

        var exact = new double[1];
        problem.Exact(24, exact);
        Assert.Equal(exact[0], y[0], 1e-6 * exact[0]);
    }

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void One_instance_serves_systems_of_different_dimension_in_turn(string integratorName)
    {
        var integrator = Integrators.Create(integratorName);
        IExactProblem[] problems = [new TwoCompartmentBolus(), new OneCompartmentBolus(), new FirstOrderAbsorption(), new TwoCompartmentBolus()];
        foreach (var problem in problems)
        {
            var y = problem.InitialState();
            integrator.Integrate(problem, problem.T0, problem.T1, y, [], null, Integrators.Tight);
            var exact = new double[problem.Dimension];
            problem.Exact(problem.T1, exact);
            for (int i = 0; i < exact.Length; i++) Assert.Equal(exact[i], y[i], 1e-6 * Math.Abs(exact[i]) + 1e-10);
        }
    }

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Segments_chained_with_LastStep_reach_the_same_answer(string integratorName)
    {
        // How callers integrate between doses: segment by segment, carrying the step size over.
        var integrator = Integrators.Create(integratorName);
        var problem = new TwoCompartmentBolus();
        var whole = problem.InitialState();
        integrator.Integrate(problem, 0, 48, whole, [], null, Integrators.Tight);

        var pieces = problem.InitialState();
        var settings = Integrators.Tight;
        IntegrationStats total = default;
        for (int segment = 0; segment < 4; segment++)
        {
            var stats = integrator.Integrate(problem, 12 * segment, 12 * (segment + 1), pieces, [], null, settings);
            Assert.True(stats.LastStep > 0);
            settings = settings with { InitialStep = stats.LastStep };
            total = total.Add(stats);
        }

        for (int i = 0; i < 3; i++) Assert.Equal(whole[i], pieces[i], 1e-6 * Math.Abs(whole[i]) + 1e-10);
        Assert.True(total.AcceptedSteps > 4);
    }

    private sealed class ScribblingSink : IOutputSink
    {
        public void Record(int index, double t, double[] y) => Array.Fill(y, double.NaN);
    }
}
