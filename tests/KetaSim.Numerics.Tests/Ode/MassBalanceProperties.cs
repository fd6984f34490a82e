using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>Random positive micro-rate constants of a two-compartment model, log-uniform over four decades (per hour).</summary>
public sealed record TwoCompartmentRates(double K10, double K12, double K21, double DoseMg);

public static class TwoCompartmentRatesArbitrary
{
    public static Arbitrary<TwoCompartmentRates> Rates()
    {
        var logRate = Gen.Choose(0, 4000).Select(i => Math.Pow(10, -2 + i / 1000.0));
        var dose = Gen.Choose(1, 1000).Select(i => (double)i);
        var gen =
            from k10 in logRate
            from k12 in logRate
            from k21 in logRate
            from d in dose
            select new TwoCompartmentRates(k10, k12, k21, d);
        return gen.ToArbitrary();
    }
}

/// <summary>
/// Mass balance and positivity for any rates: central + peripheral + eliminated is a linear invariant,
/// which Runge–Kutta and Rosenbrock methods preserve up to rounding whatever their step sizes.
/// </summary>
public sealed class MassBalanceProperties
{
    [Property(MaxTest = 60, Arbitrary = [typeof(TwoCompartmentRatesArbitrary)])]
    public void DormandPrince54_conserves_mass_and_positivity(TwoCompartmentRates rates) => Check(new DormandPrince54(), rates);

    [Property(MaxTest = 60, Arbitrary = [typeof(TwoCompartmentRatesArbitrary)])]
    public void Rodas4_conserves_mass_and_positivity(TwoCompartmentRates rates) => Check(new Rodas4(), rates);

    private static void Check(IOdeIntegrator integrator, TwoCompartmentRates rates)
    {
        var problem = new TwoCompartmentBolus(rates.DoseMg, rates.K10, rates.K12, rates.K21);
        var times = Enumerable.Range(0, 49).Select(i => 0.5 * i).ToArray();
        var sink = new RecordingSink(times.Length);
        var y = problem.InitialState();
        var settings = new SolverSettings { RelTol = 1e-8, AbsTol = 1e-10 * rates.DoseMg };

        integrator.Integrate(problem, 0, 24, y, times, sink, settings);

        foreach (var state in sink.States)
        {
            Assert.NotNull(state);
            double total = state[0] + state[1] + state[2];
            Assert.True(Math.Abs(total - rates.DoseMg) <= 1e-8 * rates.DoseMg, $"mass {total:R} vs dose {rates.DoseMg} for {rates}");
            // Non-negative up to the integration error: once an amount has decayed to ~0 (e^-240 for k10 = 10/h
            // over a day) an explicit method returns noise of either sign at the size of its error, bounded here by 1e-8 of the dose.
            Assert.All(state, a => Assert.True(a >= -1e-8 * rates.DoseMg, $"negative amount {a:R} for {rates}"));
        }
    }
}
