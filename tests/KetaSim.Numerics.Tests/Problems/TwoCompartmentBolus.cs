namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// IV bolus into the central compartment of a two-compartment model, with a third state accumulating
/// the eliminated amount so that central + peripheral + eliminated = dose exactly.
/// Closed form: the bi-exponential with macro rates α &gt; β, α + β = k10 + k12 + k21, α β = k10 k21.
/// </summary>
public sealed class TwoCompartmentBolus(double doseMg = 100, double k10 = 0.25, double k12 = 0.8, double k21 = 0.15) : IExactProblem
{
    public double DoseMg => doseMg;
    public string Name => "2-cmt IV bolus";
    public int Dimension => 3;
    public double T0 => 0;
    public double T1 => 48;
    public double[] InitialState() => [doseMg, 0, 0];

    public void Exact(double t, double[] y)
    {
        double sum = k10 + k12 + k21;
        double root = Math.Sqrt(sum * sum - 4 * k10 * k21);
        double alpha = (sum + root) / 2, beta = (sum - root) / 2;
        double ea = Math.Exp(-alpha * t), eb = Math.Exp(-beta * t);
        y[0] = doseMg * ((alpha - k21) * ea + (k21 - beta) * eb) / (alpha - beta);
        y[1] = doseMg * k12 * (eb - ea) / (alpha - beta);
        y[2] = doseMg - y[0] - y[1];
    }

    public void Rhs(double t, double[] y, double[] dydt)
    {
        dydt[0] = -(k10 + k12) * y[0] + k21 * y[1];
        dydt[1] = k12 * y[0] - k21 * y[1];
        dydt[2] = k10 * y[0];
    }

    public void Jacobian(double t, double[] y, double[] jac)
    {
        jac[0] = -(k10 + k12); jac[1] = k21; jac[2] = 0;
        jac[3] = k12; jac[4] = -k21; jac[5] = 0;
        jac[6] = k10; jac[7] = 0; jac[8] = 0;
    }

    public void TimeDerivative(double t, double[] y, double[] dfdt) => Array.Clear(dfdt);
}
