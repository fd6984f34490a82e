using BenchmarkDotNet.Attributes;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;

namespace KetaSim.Benchmarks;

/// <summary>
/// Work for one simulated subject: 14 daily oral doses on an hourly grid, with each solver, relative
/// to Dormand-Prince on the hand-written system. This is the per-subject cost a virtual trial multiplies.
/// </summary>
[MemoryDiagnoser]
public class SolverBenchmarks
{
    private readonly CompiledModel _model = TwoCompartment.Symbolic();
    private readonly DoseEvents _events = new();
    private readonly double[] _times = Enumerable.Range(0, 14 * 24 + 1).Select(i => (double)i).ToArray();
    private readonly SolverSettings _settings = new() { RelTol = 1e-6, AbsTol = 1e-9 };
    private readonly double[] _y = new double[3];

    public SolverBenchmarks()
    {
        for (int d = 0; d < 14; d++) _events.AddBolus(24 * d, 0, 10);
    }

    [Benchmark(Baseline = true)]
    public double DormandPrinceHandWritten() => Integrate(new DormandPrince54(), new TwoCompartment.HandWritten());

    [Benchmark]
    public double DormandPrinceCompiled() => Integrate(new DormandPrince54(), _model.CreateSystem());

    [Benchmark]
    public double Rodas4Compiled() => Integrate(new Rodas4(), _model.CreateSystem());

    [Benchmark]
    public double SimulatorRodas4() => new Simulator(new Rodas4(), _settings).Run(_model.CreateSystem(), _events, _times).States[1][^1];

    private double Integrate(IOdeIntegrator solver, IOdeSystem system)
    {
        Array.Clear(_y);
        double start = 0;
        foreach (double stop in _events.BreakpointsBetween(0, _times[^1]).Append(_times[^1]))
        {
            foreach (var b in _events.Boluses) if (b.TimeHours == start) _y[b.State] += b.Amount;
            solver.Integrate(system, start, stop, _y, ReadOnlySpan<double>.Empty, null, _settings);
            start = stop;
        }
        return _y[1];
    }
}
