namespace KetaSim.Numerics.Tests.Problems;

/// <summary>Constant-rate infusion into one compartment: dA/dt = R − k A, A(0) = 0, A = (R/k)(1 − e^(−k t)).</summary>
public sealed class OneCompartmentInfusion(double rateMgPerHour = 20, double kPerHour = 0.4) : IExactProblem
{
    public string Name => "1-cmt infusion";
    public int Dimension => 1;
    public double T0 => 0;
    public double T1 => 12;
    public double[] InitialState() => [0];
    public void Exact(double t, double[] y) => y[0] = rateMgPerHour / kPerHour * -double.ExpM1(-kPerHour * t);
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = rateMgPerHour - kPerHour * y[0];
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = -kPerHour;
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = 0;
}
