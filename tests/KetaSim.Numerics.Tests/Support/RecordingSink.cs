using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Support;

/// <summary>Keeps a copy of every recorded state by output index (allocates; not for allocation tests).</summary>
public sealed class RecordingSink(int outputCount) : IOutputSink
{
    public double[]?[] States { get; } = new double[]?[outputCount];
    public double[] Times { get; } = new double[outputCount];
    public int Calls { get; private set; }
    public int LastIndex { get; private set; } = -1;
    public bool InOrder { get; private set; } = true;

    public void Record(int index, double t, double[] y)
    {
        if (index <= LastIndex) InOrder = false;
        LastIndex = index;
        Calls++;
        Times[index] = t;
        States[index] = (double[])y.Clone();
    }
}
