namespace KetaSim.Numerics.Ode;

/// <summary>The weighted RMS norm both integrators use to accept or reject a step (Hairer's choice).</summary>
internal static class ErrorNorm
{
    /// <summary>
    /// sqrt(mean((err_i / (AbsTol + RelTol·max(|y0_i|, |y1_i|)))²)). A non-finite result is mapped to a large
    /// finite value so the step is rejected and shrunk instead of poisoning the step-size formula.
    /// </summary>
    public static double Rms(double[] err, double[] y0, double[] y1, int n, double absTol, double relTol)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double scale = absTol + relTol * Math.Max(Math.Abs(y0[i]), Math.Abs(y1[i]));
            double r = err[i] / scale;
            sum += r * r;
        }
        double norm = Math.Sqrt(sum / n);
        return double.IsFinite(norm) ? norm : 1e10;
    }
}
