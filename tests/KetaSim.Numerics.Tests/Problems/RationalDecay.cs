namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// Nonlinear and non-autonomous: y' = −2t y², y(0) = 1, y = 1/(1 + t²). Exercises the ∂f/∂t terms of the
/// Rosenbrock method; a wrong time-derivative coefficient would show as a lower convergence order.
/// </summary>
public sealed class RationalDecay : IExactProblem
{
    public string Name => "y' = -2t y^2";
    public int Dimension => 1;
    public double T0 => 0;
    public double T1 => 3;
    public double[] InitialState() => [1];
    public void Exact(double t, double[] y) => y[0] = 1 / (1 + t * t);
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = -2 * t * y[0] * y[0];
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = -4 * t * y[0];
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = -2 * y[0] * y[0];
}
