using BenchmarkDotNet.Attributes;
using KetaSim.Numerics.Ode;

namespace KetaSim.Benchmarks;

/// <summary>Compiled expression-tree RHS and Jacobian against hand-written C# (the baseline): the ratio is the cost of the symbolic layer.</summary>
[MemoryDiagnoser]
public class RhsBenchmarks
{
    private readonly IOdeSystem _compiled = TwoCompartment.Symbolic().CreateSystem();
    private readonly IOdeSystem _hand = new TwoCompartment.HandWritten();
    private readonly double[] _y = [10, 5, 2], _dy = new double[3], _jac = new double[9];

    [Benchmark(Baseline = true)]
    public double HandWrittenRhs() { _hand.Rhs(0, _y, _dy); return _dy[1]; }

    [Benchmark]
    public double CompiledRhs() { _compiled.Rhs(0, _y, _dy); return _dy[1]; }

    [Benchmark]
    public double HandWrittenJacobian() { _hand.Jacobian(0, _y, _jac); return _jac[4]; }

    [Benchmark]
    public double CompiledJacobian() { _compiled.Jacobian(0, _y, _jac); return _jac[4]; }
}
