namespace KetaSim.Design.Combination;

/// <summary>
/// The point where a monotone increasing function crosses zero, by the Illinois variant of regula falsi (Dowell &amp;
/// Jarratt 1971): bracketing like bisection, so it cannot leave the interval, but superlinear on smooth dose–effect
/// curves, which matters when each evaluation is a model run or a cohort.
/// </summary>
internal static class MonotoneRoot
{
    /// <summary>
    /// Solves g(x) = 0 on [<paramref name="a"/>, <paramref name="b"/>] given g(a) = <paramref name="ga"/> &lt; 0 &lt; g(b) =
    /// <paramref name="gb"/>. Stops at the first x with |g(x)| ≤ <paramref name="yTolerance"/>; otherwise, when the bracket is
    /// narrower than <paramref name="xTolerance"/> or after <paramref name="maxIterations"/> evaluations, returns the bracket's
    /// upper end (the evaluated point nearest the root that still reaches it, g ≥ 0).
    /// </summary>
    public static double Solve(Func<double, double> g, double a, double ga, double b, double gb,
        double yTolerance, double xTolerance, int maxIterations = 40)
    {
        if (gb == 0) return b;
        if (ga == 0) return a;
        if (!(ga < 0 && gb > 0)) throw new ArgumentException("The bracket must have g(a) < 0 < g(b).");
        int side = 0;
        for (int i = 0; i < maxIterations && b - a > xTolerance; i++)
        {
            double x = (a * gb - b * ga) / (gb - ga);
            // Keep the step inside the bracket and away from its ends (a flat curve would otherwise crawl).
            double margin = 0.02 * (b - a);
            x = Math.Clamp(x, a + margin, b - margin);
            double gx = g(x);
            if (Math.Abs(gx) <= yTolerance) return x;
            if (gx > 0)
            {
                (b, gb) = (x, gx);
                if (side == +1) ga /= 2;
                side = +1;
            }
            else
            {
                (a, ga) = (x, gx);
                if (side == -1) gb /= 2;
                side = -1;
            }
        }
        return b;
    }
}
