using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;
using KetaSim.TestSupport;
using KetaSim.TestSupport.Cvode;

namespace KetaSim.Numerics.Tests.ReferenceSolvers;

/// <summary>
/// Our integrators at rtol 1e-8 against SUNDIALS CVODE (BDF, exact Jacobian) at rtol 1e-10: an
/// independent implementation, so agreement is evidence for both.
/// </summary>
public sealed class CvodeCrossCheckTests(ITestOutputHelper output)
{
    private const double Agreement = 1e-5;
    private static readonly SolverSettings Ours = new() { RelTol = 1e-8, AbsTol = 1e-14 };

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Robertson_matches_CVODE(string integratorName)
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireCvode();
        double[] times = [0.004, 0.04, 0.4, 4, 40];
        var reference = CvodeReference.Solve(new Robertson(), 0, Robertson.InitialState(), times, 1e-10, 1e-16);

        var sink = new RecordingSink(times.Length);
        var stats = Integrators.Create(integratorName).Integrate(new Robertson(), 0, 40, Robertson.InitialState(), times, sink, Ours);

        double worst = AssertAgree(reference.States, sink);
        output.WriteLine($"Robertson: CVODE {reference.Steps} steps; {integratorName} {stats}; worst relative difference {worst:E2}");
        // CVODE's own answer must also match the published reference, or the comparison proves nothing.
        for (int i = 0; i < 3; i++)
            Assert.Equal(Robertson.ReferenceAt40[i], reference.States[^1][i], 1e-7 * Robertson.ReferenceAt40[i]);
    }

    [Fact]
    public void Robertson_over_long_times_matches_CVODE()
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireCvode();
        double[] times = [40, 400, 4000, 4e4];
        var reference = CvodeReference.Solve(new Robertson(), 0, Robertson.InitialState(), times, 1e-10, 1e-18);

        var sink = new RecordingSink(times.Length);
        var stats = new Rodas4().Integrate(new Robertson(), 0, 4e4, Robertson.InitialState(), times, sink, Ours with { AbsTol = 1e-16 });

        double worst = AssertAgree(reference.States, sink);
        output.WriteLine($"Robertson to 4e4: CVODE {reference.Steps} steps; Rodas4 {stats}; worst relative difference {worst:E2}");
    }

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Two_compartment_PK_matches_CVODE(string integratorName)
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireCvode();
        var problem = new TwoCompartmentBolus(doseMg: 250, k10: 0.35, k12: 1.4, k21: 0.09);
        var times = Enumerable.Range(1, 96).Select(i => 0.5 * i).ToArray();
        var reference = CvodeReference.Solve(problem, 0, problem.InitialState(), times, 1e-10, 1e-12);

        var sink = new RecordingSink(times.Length);
        var stats = Integrators.Create(integratorName).Integrate(problem, 0, 48, problem.InitialState(), times, sink, Ours);

        double worst = AssertAgree(reference.States, sink);
        output.WriteLine($"2-cmt: CVODE {reference.Steps} steps; {integratorName} {stats}; worst relative difference {worst:E2}");
    }

    [Fact]
    public void HIRES_from_CVODE_matches_the_published_reference()
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireCvode();
        var reference = CvodeReference.Solve(new Hires(), 0, Hires.InitialState(), [Hires.T1], 1e-12, 1e-16);
        var y = Hires.InitialState();
        new Rodas4().Integrate(new Hires(), 0, Hires.T1, y, [], null, Ours);

        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(Hires.ReferenceAtT1[i], reference.States[0][i], 1e-6 * Hires.ReferenceAtT1[i]);
            Assert.Equal(reference.States[0][i], y[i], Agreement * reference.States[0][i]);
        }
    }

    [Fact]
    public void An_exception_in_the_system_surfaces_from_CVODE()
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireCvode();
        var e = Assert.Throws<InvalidOperationException>(() => CvodeReference.Solve(new ThrowingSystem(), 0, [1.0], [1.0], 1e-6, 1e-9));
        Assert.IsType<DivideByZeroException>(e.InnerException);
    }

    private static double AssertAgree(double[][] reference, RecordingSink sink)
    {
        double worst = 0;
        for (int k = 0; k < reference.Length; k++)
        {
            var ours = sink.States[k];
            Assert.NotNull(ours);
            for (int i = 0; i < ours.Length; i++)
            {
                double difference = Math.Abs(ours[i] - reference[k][i]) / Math.Abs(reference[k][i]);
                worst = Math.Max(worst, difference);
                Assert.True(difference <= Agreement, $"t = {sink.Times[k]}, component {i}: ours {ours[i]:R}, CVODE {reference[k][i]:R}");
            }
        }
        return worst;
    }

    private sealed class ThrowingSystem : IOdeSystem
    {
        public int Dimension => 1;
        public void Rhs(double t, double[] y, double[] dydt) => throw new DivideByZeroException();
        public void Jacobian(double t, double[] y, double[] jac) => jac[0] = 0;
        public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = 0;
    }
}
