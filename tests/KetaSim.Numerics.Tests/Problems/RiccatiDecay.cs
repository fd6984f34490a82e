namespace KetaSim.Numerics.Tests.Problems;

/// <summary>Nonlinear, autonomous: y' = −y², y(0) = 1, y = 1/(1 + t). For convergence-order measurements.</summary>
public sealed class RiccatiDecay : IExactProblem
{
    public string Name => "y' = -y^2";
    public int Dimension => 1;
    public double T0 => 0;
    public double T1 => 4;
    public double[] InitialState() => [1];
    public void Exact(double t, double[] y) => y[0] = 1 / (1 + t);
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = -y[0] * y[0];
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = -2 * y[0];
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = 0;
}
