using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Problems;

/// <summary>y' = y², y(0) = 1: y = 1/(1 − t) is singular at t = 1, so no solver can reach t = 2.</summary>
public sealed class BlowUp : IOdeSystem
{
    public int Dimension => 1;
    public void Rhs(double t, double[] y, double[] dydt) => dydt[0] = y[0] * y[0];
    public void Jacobian(double t, double[] y, double[] jac) => jac[0] = 2 * y[0];
    public void TimeDerivative(double t, double[] y, double[] dfdt) => dfdt[0] = 0;
}
