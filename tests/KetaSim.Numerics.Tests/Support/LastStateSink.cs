using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Support;

/// <summary>Copies each record into one preallocated array: a sink that never allocates.</summary>
public sealed class LastStateSink(int dimension) : IOutputSink
{
    public double[] State { get; } = new double[dimension];
    public int Calls { get; private set; }

    public void Record(int index, double t, double[] y)
    {
        Array.Copy(y, State, State.Length);
        Calls++;
    }
}
