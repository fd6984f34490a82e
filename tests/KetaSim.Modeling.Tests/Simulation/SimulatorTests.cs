using Xunit;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;

namespace KetaSim.Modeling.Tests.Simulation;

public class SimulatorTests
{
    private static readonly SolverSettings Tight = new() { RelTol = 1e-10, AbsTol = 1e-12 };

    private static (Model Model, CompiledModel Compiled) OneCompartment(double k)
    {
        var b = new ModelBuilder("one-cmt");
        var a = b.State("A", "mg", "amount in body");
        var ke = b.Parameter("k", k, "1/h", Provenance.Assume("test"), "elimination rate constant");
        b.Flow(a, null, ke * a, "elimination");
        var m = b.Build();
        return (m, m.Compile());
    }

    public static TheoryData<string> Integrators => new() { "DormandPrince54", "Rodas4" };

    private static IOdeIntegrator Make(string name) => name == "Rodas4" ? new Rodas4() : new DormandPrince54();

    [Theory]
    [MemberData(nameof(Integrators))]
    public void InfusionThenWashoutMatchesTheExactSolution(string integrator)
    {
        const double k = 0.3, rate = 12, start = 1, end = 3;
        var (_, compiled) = OneCompartment(k);
        var events = new DoseEvents().AddInput(start, end, 0, rate);
        var times = Enumerable.Range(0, 121).Select(i => i * 0.1).ToArray();
        var result = new Simulator(Make(integrator), Tight).Run(compiled.CreateSystem(), events, times);

        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i];
            double exact = t <= start ? 0
                : t <= end ? rate / k * (1 - Math.Exp(-k * (t - start)))
                : rate / k * (1 - Math.Exp(-k * (end - start))) * Math.Exp(-k * (t - end));
            Assert.True(Math.Abs(result.States[0][i] - exact) <= 1e-8 * Math.Max(1, exact), $"t={t}: {result.States[0][i]} vs {exact}");
        }
    }

    [Fact]
    public void OutputAtADoseTimeIsTheValueJustBeforeTheDose()
    {
        var (_, compiled) = OneCompartment(0.5);
        var events = new DoseEvents().AddBolus(0, 0, 100).AddBolus(2, 0, 100);
        var result = new Simulator(new Rodas4(), Tight).Run(compiled.CreateSystem(), events, [0, 1, 2, 2.5]);
        Assert.Equal(0, result.States[0][0]);
        Assert.Equal(100 * Math.Exp(-1.0), result.States[0][2], 8);
        Assert.Equal(100 * Math.Exp(-1.25) + 100 * Math.Exp(-0.25), result.States[0][3], 8);
    }

    /// <summary>Records every right-hand-side call with the input rate then in force.</summary>
    private sealed class Recording(ModelSystem inner, List<(double T, double Input)> calls) : IOdeSystem
    {
        public int Dimension => inner.Dimension;
        public void Rhs(double t, double[] y, double[] dydt) { calls.Add((t, inner.InputRates[0])); inner.Rhs(t, y, dydt); }
        public void Jacobian(double t, double[] y, double[] jac) => inner.Jacobian(t, y, jac);
        public void TimeDerivative(double t, double[] y, double[] dfdt) => inner.TimeDerivative(t, y, dfdt);
    }

    /// <summary>Passes the simulator's system to a real integrator through the recording wrapper.</summary>
    private sealed class RecordingIntegrator(IOdeIntegrator inner) : IOdeIntegrator
    {
        public readonly List<(double T, double Input)> Calls = [];
        public readonly List<(double T0, double T1)> Segments = [];
        public string Name => inner.Name;
        public int Order => inner.Order;
        public IntegrationStats Integrate(IOdeSystem system, double t0, double t1, double[] y,
            ReadOnlySpan<double> outputTimes, IOutputSink? sink, SolverSettings settings)
        {
            Segments.Add((t0, t1));
            return inner.Integrate(new Recording((ModelSystem)system, Calls), t0, t1, y, outputTimes, sink, settings);
        }
    }

    [Theory]
    [MemberData(nameof(Integrators))]
    public void NoStepCrossesADoseOrAnInfusionStartOrStop(string integrator)
    {
        var (_, compiled) = OneCompartment(0.2);
        var events = new DoseEvents().AddInput(0.37, 1.91, 0, 5).AddBolus(1.2, 0, 3);
        var recorder = new RecordingIntegrator(Make(integrator));
        var loose = new SolverSettings { RelTol = 1e-4, AbsTol = 1e-8 };
        new Simulator(recorder, loose).Run(compiled.CreateSystem(), events, [0, 4]);

        Assert.Equal([(0.0, 0.37), (0.37, 1.2), (1.2, 1.91), (1.91, 4.0)], recorder.Segments);
        Assert.NotEmpty(recorder.Calls);
        foreach (var (t, input) in recorder.Calls)
        {
            if (t > 0.37 && t < 1.91) Assert.Equal(5, input);
            if (t < 0.37 || t > 1.91) Assert.Equal(0, input);
        }
    }

    [Fact]
    public void EventsListTheirBreakpointsInOrder()
    {
        var events = new DoseEvents().AddBolus(5, 0, 1).AddInput(1, 2, 0, 1).AddBolus(1, 0, 1).AddBreakpoint(3);
        Assert.Equal([1.0, 2, 3, 5], events.BreakpointsBetween(0, 10));
        Assert.Equal([2.0, 3], events.BreakpointsBetween(1, 5));
        Assert.Equal(1 + 1 + 1, events.TotalAmountUntil(10));
    }

    [Fact]
    public void ImpossibleEventsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new DoseEvents().AddBolus(0, 0, -1));
        Assert.Throws<ArgumentException>(() => new DoseEvents().AddInput(2, 1, 0, 1));
        Assert.Throws<ArgumentException>(() => new DoseEvents().AddInput(0, 1, 0, double.NaN));
    }
}
