namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// Non-autonomous: y' = y cos t, y(0) = 1, y = e^(sin t). Its explicit time dependence exercises the
/// ∂f/∂t terms of the Rosenbrock method, which a wrong coefficient would show as a drop in order.
/// </summary>
public sealed class PeriodicForcing : IExactProblem
{
    public string Name => "y' = y cos t";
    public int Dimension => 1;
    public double T0 => 0;
    public double T1 => 4;
    public double[] InitialState() => [1];
    public void Exact(double t, double[] y) => y[0] = Math.Exp(Math.Sin(t));
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = y[0] * Math.Cos(t);
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = Math.Cos(t);
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = -y[0] * Math.Sin(t);
}
