using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// HIRES (Schäfer 1975; Hairer &amp; Wanner II, section IV.10): eight-state stiff light-induced growth
/// model from the IVP test set, with its published reference solution at t = 321.8122.
/// </summary>
public sealed class Hires : IOdeSystem
{
    public const double T1 = 321.8122;
    public int Dimension => 8;
    public static double[] InitialState() => [1, 0, 0, 0, 0, 0, 0, 0.0057];

    public static readonly double[] ReferenceAtT1 =
    [
        0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
        0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
    ];

    public void Rhs(double t, double[] y, double[] f)
    {
        double r = 280 * y[5] * y[7];
        f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
        f[1] = 1.71 * y[0] - 8.75 * y[1];
        f[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
        f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
        f[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6];
        f[5] = -r + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
        f[6] = r - 1.81 * y[6];
        f[7] = -r + 1.81 * y[6];
    }

    public void Jacobian(double t, double[] y, double[] jac)
    {
        Array.Clear(jac);
        void Set(int i, int j, double v) => jac[i * 8 + j] = v;
        Set(0, 0, -1.71); Set(0, 1, 0.43); Set(0, 2, 8.32);
        Set(1, 0, 1.71); Set(1, 1, -8.75);
        Set(2, 2, -10.03); Set(2, 3, 0.43); Set(2, 4, 0.035);
        Set(3, 1, 8.32); Set(3, 2, 1.71); Set(3, 3, -1.12);
        Set(4, 4, -1.745); Set(4, 5, 0.43); Set(4, 6, 0.43);
        Set(5, 3, 0.69); Set(5, 4, 1.71); Set(5, 5, -0.43 - 280 * y[7]); Set(5, 6, 0.69); Set(5, 7, -280 * y[5]);
        Set(6, 5, 280 * y[7]); Set(6, 6, -1.81); Set(6, 7, 280 * y[5]);
        Set(7, 5, -280 * y[7]); Set(7, 6, 1.81); Set(7, 7, -280 * y[5]);
    }

    public void TimeDerivative(double t, double[] y, double[] dfdt) => Array.Clear(dfdt);
}
