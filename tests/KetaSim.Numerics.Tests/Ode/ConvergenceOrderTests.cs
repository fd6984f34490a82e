using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>
/// Observed order log2(e(h)/e(h/2)) with fixed steps on nonlinear and non-autonomous problems with exact
/// solutions, asserted within 0.2 of theory. A wrong tableau entry shows up here as a lower order.
/// </summary>
public sealed class ConvergenceOrderTests(ITestOutputHelper output)
{
    [Theory]
    // Step counts are where the error is asymptotic yet well above rounding (DP5's small principal
    // error coefficient leaves it pre-asymptotic for longer, so it needs finer steps).
    [InlineData(Integrators.DormandPrince, "logistic", 5, 128)]
    [InlineData(Integrators.DormandPrince, "oscillator", 5, 256)]
    [InlineData(Integrators.DormandPrince, "y' = y cos t", 5, 128)]
    [InlineData(Integrators.Rodas, "logistic", 4, 128)]
    [InlineData(Integrators.Rodas, "oscillator", 4, 64)]
    [InlineData(Integrators.Rodas, "y' = -y^2", 4, 128)]
    [InlineData(Integrators.Rodas, "y' = -2t y^2", 4, 256)]
    public void Global_error_shrinks_at_the_theoretical_order(string integratorName, string problemName, int order, int steps)
    {
        var problem = ExactProblems.Create(problemName);
        double coarse = FinalError(integratorName, problem, steps);
        double fine = FinalError(integratorName, problem, 2 * steps);
        double observed = Math.Log2(coarse / fine);
        output.WriteLine($"{integratorName} on {problemName}: e({steps}) = {coarse:E3}, e({2 * steps}) = {fine:E3}, observed order {observed:F3}");
        Assert.InRange(observed, order - 0.2, order + 0.2);
    }

    /// <summary>
    /// One step from the exact start with an output mid-step: its error is the interpolant's local error
    /// O(h^(q+1)) for dense-output order q (the step's own local error is an order smaller).
    /// </summary>
    [Theory]
    [InlineData(Integrators.DormandPrince, "y' = -y^2", 4, 0.05)]
    [InlineData(Integrators.DormandPrince, "y' = y cos t", 4, 0.1)]
    [InlineData(Integrators.Rodas, "y' = -y^2", 3, 0.0125)]
    [InlineData(Integrators.Rodas, "y' = y cos t", 3, 0.0125)]
    [InlineData(Integrators.Rodas, "logistic", 3, 0.025)]
    public void Dense_output_local_error_shrinks_at_the_theoretical_order(string integratorName, string problemName, int denseOrder, double h)
    {
        var problem = ExactProblems.Create(problemName);
        double coarse = MidStepError(integratorName, problem, h);
        double fine = MidStepError(integratorName, problem, h / 2);
        double observed = Math.Log2(coarse / fine);
        output.WriteLine($"{integratorName} dense output on {problemName}: e(h) = {coarse:E3}, e(h/2) = {fine:E3}, observed local order {observed:F3}");
        Assert.InRange(observed, denseOrder + 1 - 0.2, denseOrder + 1 + 0.2);
    }

    private static double FinalError(string integratorName, IExactProblem problem, int steps)
    {
        var y = problem.InitialState();
        Integrators.IntegrateFixedStep(integratorName, problem, problem.T0, problem.T1, y, steps);
        var exact = new double[problem.Dimension];
        problem.Exact(problem.T1, exact);
        return MaxDifference(y, exact);
    }

    private static double MidStepError(string integratorName, IExactProblem problem, double h)
    {
        // Off-centre, so no symmetry of the interpolant at θ = 1/2 can hide its leading error term.
        double tOut = problem.T0 + 0.37 * h;
        var sink = new RecordingSink(1);
        var y = problem.InitialState();
        Integrators.IntegrateFixedStep(integratorName, problem, problem.T0, problem.T0 + h, y, 1, [tOut], sink);
        var exact = new double[problem.Dimension];
        problem.Exact(tOut, exact);
        return MaxDifference(sink.States[0]!, exact);
    }

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (x, z) => Math.Abs(x - z)).Max();
}
