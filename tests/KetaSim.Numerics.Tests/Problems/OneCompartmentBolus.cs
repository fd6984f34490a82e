namespace KetaSim.Numerics.Tests.Problems;

/// <summary>IV bolus into one compartment, first-order elimination: dA/dt = −k A, A = D e^(−k t).</summary>
public sealed class OneCompartmentBolus(double doseMg = 100, double kPerHour = 0.3) : IExactProblem
{
    public string Name => "1-cmt IV bolus";
    public int Dimension => 1;
    public double T0 => 0;
    public double T1 => 24;
    public double[] InitialState() => [doseMg];
    public void Exact(double t, double[] y) => y[0] = doseMg * Math.Exp(-kPerHour * t);
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = -kPerHour * y[0];
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = -kPerHour;
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = 0;
}
