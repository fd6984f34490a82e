using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Problems;

/// <summary>A test ODE with a closed-form solution on [T0, T1].</summary>
public interface IExactProblem : IOdeSystem
{
    string Name { get; }
    double T0 { get; }
    double T1 { get; }
    double[] InitialState();
    void Exact(double t, double[] y);
}
