namespace KetaSim.Numerics.Tests.Problems;

/// <summary>Nonlinear, autonomous: logistic growth y' = y (1 − y), y(0) = 0.1, y = 1/(1 + 9 e^(−t)).</summary>
public sealed class Logistic : IExactProblem
{
    public string Name => "logistic";
    public int Dimension => 1;
    public double T0 => 0;
    public double T1 => 10;
    public double[] InitialState() => [0.1];
    public void Exact(double t, double[] y) => y[0] = 1 / (1 + 9 * Math.Exp(-t));
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = y[0] * (1 - y[0]);
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = 1 - 2 * y[0];
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = 0;
}
