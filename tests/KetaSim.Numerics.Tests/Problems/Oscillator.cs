namespace KetaSim.Numerics.Tests.Problems;

/// <summary>Linear 2×2: y1' = y2, y2' = −y1, y = (cos t, −sin t), over one period.</summary>
public sealed class Oscillator : IExactProblem
{
    public string Name => "oscillator";
    public int Dimension => 2;
    public double T0 => 0;
    public double T1 => 2 * Math.PI;
    public double[] InitialState() => [1, 0];

    public void Exact(double t, double[] y)
    {
        y[0] = Math.Cos(t);
        y[1] = -Math.Sin(t);
    }

    public void Rhs(double t, double[] y, double[] dydt)
    {
        dydt[0] = y[1];
        dydt[1] = -y[0];
    }

    public void Jacobian(double t, double[] y, double[] jac)
    {
        jac[0] = 0; jac[1] = 1;
        jac[2] = -1; jac[3] = 0;
    }

    public void TimeDerivative(double t, double[] y, double[] dfdt) => Array.Clear(dfdt);
}
