using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// Robertson's chemical kinetics (Hairer &amp; Wanner II, section IV.1): rate constants spanning
/// nine orders of magnitude make it the classic stiff test.
/// </summary>
public sealed class Robertson : IOdeSystem
{
    public int Dimension => 3;
    public static double[] InitialState() => [1, 0, 0];

    /// <summary>Published reference solution at t = 40.</summary>
    public static readonly double[] ReferenceAt40 = [0.7158270687, 9.185534764e-6, 0.2841637457];

    public void Rhs(double t, double[] y, double[] dydt)
    {
        double r1 = 0.04 * y[0], r2 = 1e4 * y[1] * y[2], r3 = 3e7 * y[1] * y[1];
        dydt[0] = -r1 + r2;
        dydt[1] = r1 - r2 - r3;
        dydt[2] = r3;
    }

    public void Jacobian(double t, double[] y, double[] jac)
    {
        jac[0] = -0.04; jac[1] = 1e4 * y[2]; jac[2] = 1e4 * y[1];
        jac[3] = 0.04; jac[4] = -1e4 * y[2] - 6e7 * y[1]; jac[5] = -1e4 * y[1];
        jac[6] = 0; jac[7] = 6e7 * y[1]; jac[8] = 0;
    }

    public void TimeDerivative(double t, double[] y, double[] dfdt) => Array.Clear(dfdt);
}
