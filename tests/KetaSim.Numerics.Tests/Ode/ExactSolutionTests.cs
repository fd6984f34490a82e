using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>Both integrators against closed-form PK solutions, at step ends and at dense outputs inside steps.</summary>
public sealed class ExactSolutionTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var integrator in Integrators.All)
            foreach (var problem in ExactProblems.PharmacokineticNames)
                data.Add(integrator, problem);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_closed_form_at_many_output_times(string integratorName, string problemName)
    {
        var problem = ExactProblems.Create(problemName);
        var integrator = Integrators.Create(integratorName);
        const int outputs = 2001;
        var times = Enumerable.Range(0, outputs).Select(i => problem.T0 + (problem.T1 - problem.T0) * i / (outputs - 1)).ToArray();
        var sink = new RecordingSink(outputs);
        var y = problem.InitialState();

        var stats = integrator.Integrate(problem, problem.T0, problem.T1, y, times, sink, Integrators.Tight);

        Assert.Equal(outputs, sink.Calls);
        Assert.True(sink.InOrder);
        var exact = new double[problem.Dimension];
        double worstShareOfAllowance = 0;
        for (int k = 0; k < outputs; k++)
        {
            problem.Exact(times[k], exact);
            Assert.Equal(times[k], sink.Times[k]);
            for (int i = 0; i < problem.Dimension; i++)
            {
                double error = Math.Abs(sink.States[k]![i] - exact[i]);
                double allowance = 1e-6 * Math.Abs(exact[i]) + 1e-10;
                worstShareOfAllowance = Math.Max(worstShareOfAllowance, error / allowance);
                Assert.True(error <= allowance,
                    $"t = {times[k]}, component {i}: got {sink.States[k]![i]:R}, exact {exact[i]:R}");
            }
        }
        problem.Exact(problem.T1, exact);
        for (int i = 0; i < problem.Dimension; i++) Assert.Equal(exact[i], y[i], 1e-6 * Math.Abs(exact[i]) + 1e-10);

        // Far fewer steps than outputs, so most outputs were served by the dense output inside steps.
        Assert.True(stats.AcceptedSteps < outputs / 2, $"{stats.AcceptedSteps} steps for {outputs} outputs");
        output.WriteLine($"{integratorName} on {problemName}: {stats}, worst error {worstShareOfAllowance:P1} of the allowance 1e-6·|exact| + 1e-10");
    }
}
