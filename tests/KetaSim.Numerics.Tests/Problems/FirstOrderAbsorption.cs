namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// Oral dose: depot → central (ka) → out (k). The central amount is the Bateman function
/// D ka/(ka − k) (e^(−k t) − e^(−ka t)).
/// </summary>
public sealed class FirstOrderAbsorption(double doseMg = 200, double kaPerHour = 1.2, double kPerHour = 0.15) : IExactProblem
{
    public string Name => "first-order absorption";
    public int Dimension => 2;
    public double T0 => 0;
    public double T1 => 36;
    public double[] InitialState() => [doseMg, 0];

    public void Exact(double t, double[] y)
    {
        y[0] = doseMg * Math.Exp(-kaPerHour * t);
        y[1] = doseMg * kaPerHour / (kaPerHour - kPerHour) * (Math.Exp(-kPerHour * t) - Math.Exp(-kaPerHour * t));
    }

    public void Rhs(double t, double[] y, double[] dydt)
    {
        dydt[0] = -kaPerHour * y[0];
        dydt[1] = kaPerHour * y[0] - kPerHour * y[1];
    }

    public void Jacobian(double t, double[] y, double[] jac)
    {
        jac[0] = -kaPerHour; jac[1] = 0;
        jac[2] = kaPerHour; jac[3] = -kPerHour;
    }

    public void TimeDerivative(double t, double[] y, double[] dfdt) => Array.Clear(dfdt);
}
