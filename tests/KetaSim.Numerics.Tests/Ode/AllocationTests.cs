using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>
/// Population runs call Integrate millions of times: once an instance's work arrays are sized, a call
/// must allocate nothing (given a system and sink that do not allocate either).
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void A_warmed_up_Integrate_call_allocates_nothing(string integratorName)
    {
        var integrator = Integrators.Create(integratorName);
        var problem = new TwoCompartmentBolus();
        var sink = new LastStateSink(problem.Dimension);
        double[] times = [0, 0.3, 1, 2.5, 7, 12, 24, 47.9, 48];
        var y = problem.InitialState();
        var settings = Integrators.Tight;

        integrator.Integrate(problem, 0, 48, y, times, sink, settings);
        problem.InitialState().CopyTo(y, 0);
        int callsBefore = sink.Calls;

        long before = GC.GetAllocatedBytesForCurrentThread();
        var stats = integrator.Integrate(problem, 0, 48, y, times, sink, settings);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(times.Length, sink.Calls - callsBefore);
        Assert.True(stats.AcceptedSteps > 5);
    }
}
