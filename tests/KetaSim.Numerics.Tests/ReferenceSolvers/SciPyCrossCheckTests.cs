using System.Globalization;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;
using KetaSim.TestSupport;

namespace KetaSim.Numerics.Tests.ReferenceSolvers;

/// <summary>The SciPy helper end to end: solve_ivp (Radau) on the one-compartment bolus against the closed form and our solvers.</summary>
public sealed class SciPyCrossCheckTests
{
    private const string Script = """
        import numpy as np
        from scipy.integrate import solve_ivp
        k, dose = 0.3, 100.0
        t_eval = np.linspace(0.0, 24.0, 25)
        sol = solve_ivp(lambda t, a: [-k * a[0]], (0.0, 24.0), [dose], method='Radau',
                        jac=lambda t, a: [[-k]], t_eval=t_eval, rtol=1e-12, atol=1e-14)
        assert sol.success, sol.message
        for t, a in zip(sol.t, sol.y[0]):
            print(repr(float(t)), repr(float(a)))
        """;

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void One_compartment_bolus_matches_SciPy(string integratorName)
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireSciPy();
        var rows = SciPyReference.Run(Script)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(25, rows.Length);

        var problem = new OneCompartmentBolus(doseMg: 100, kPerHour: 0.3);
        var times = rows.Select(r => r[0]).ToArray();
        var sink = new RecordingSink(times.Length);
        Integrators.Create(integratorName).Integrate(problem, 0, 24, problem.InitialState(), times, sink, Integrators.Tight);

        var exact = new double[1];
        for (int k = 0; k < rows.Length; k++)
        {
            problem.Exact(times[k], exact);
            Assert.Equal(exact[0], rows[k][1], 1e-9 * exact[0]);
            Assert.Equal(rows[k][1], sink.States[k]![0], 1e-6 * rows[k][1]);
        }
    }

    [Fact]
    public void A_failing_script_reports_its_error()
    {
        KetaSim.TestSupport.ReferenceSolvers.RequireSciPy();
        var e = Assert.Throws<InvalidOperationException>(() => SciPyReference.Run("raise SystemExit('boom from python')"));
        Assert.Contains("boom from python", e.Message);
    }
}
