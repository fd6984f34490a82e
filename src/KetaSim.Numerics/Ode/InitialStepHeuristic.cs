namespace KetaSim.Numerics.Ode;

/// <summary>Hairer's starting-step heuristic (HINIT in DOPRI5; Hairer, Nørsett &amp; Wanner I, section II.4).</summary>
internal static class InitialStepHeuristic
{
    /// <summary>
    /// Guesses h so that the local error of an order-<paramref name="order"/> method on the first step is
    /// about 1% of tolerance, from f(t0, y0) and one explicit Euler probe (one right-hand-side call).
    /// </summary>
    /// <param name="f0">f(t0, y0), already evaluated.</param>
    /// <param name="yScratch">Work array of the system dimension.</param>
    /// <param name="fScratch">Work array of the system dimension.</param>
    public static double Estimate(IOdeSystem system, double t0, double t1, double[] y0, double[] f0,
        double[] yScratch, double[] fScratch, int order, SolverSettings settings)
    {
        int n = system.Dimension;
        double hMax = Math.Min(settings.MaxStep, t1 - t0);
        double dnf = 0, dny = 0;
        for (int i = 0; i < n; i++)
        {
            double sk = settings.AbsTol + settings.RelTol * Math.Abs(y0[i]);
            dnf += f0[i] / sk * (f0[i] / sk);
            dny += y0[i] / sk * (y0[i] / sk);
        }
        double h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.Sqrt(dny / dnf) * 0.01;
        h = Math.Min(h, hMax);

        // The Euler probe estimates the second derivative, which sets the error of the first step.
        for (int i = 0; i < n; i++) yScratch[i] = y0[i] + h * f0[i];
        system.Rhs(t0 + h, yScratch, fScratch);
        double der2 = 0;
        for (int i = 0; i < n; i++)
        {
            double sk = settings.AbsTol + settings.RelTol * Math.Abs(y0[i]);
            double d = (fScratch[i] - f0[i]) / sk;
            der2 += d * d;
        }
        der2 = Math.Sqrt(der2) / h;
        double der12 = Math.Max(Math.Abs(der2), Math.Sqrt(dnf));
        double h1 = der12 <= 1e-15 ? Math.Max(1e-6, h * 1e-3) : Math.Pow(0.01 / der12, 1.0 / order);
        double result = Math.Min(Math.Min(100 * h, h1), hMax);
        // A NaN here would come from a non-finite f; let the step loop report it as a failure to progress.
        return double.IsFinite(result) && result > 0 ? result : hMax;
    }
}
