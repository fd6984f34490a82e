namespace KetaSim.Modeling.Expressions;

/// <summary>Functions that compiled models call for guarded nodes.</summary>
public static class Runtime
{
    /// <summary>Cap on the slope of a Hill term with n &lt; 1 near x = 0, where the true slope is infinite.</summary>
    private const double MaxSlope = 1e12;

    public static double Hill(double x, double c50, double n)
    {
        if (x <= 0) return 0;
        // x^n/(x^n + c^n) = 1/(1 + (c/x)^n): one Pow, and no overflow for large x.
        return 1.0 / (1.0 + Math.Pow(c50 / x, n));
    }

    public static double HillSlope(double x, double c50, double n)
    {
        // Below zero the term is flat (0), so is its slope. At exactly 0 the one-sided slope from the
        // right is what a solver stepping up from an empty compartment needs.
        if (x < 0) return 0;
        if (x == 0)
        {
            if (n > 1) return 0;
            return n == 1 ? 1.0 / c50 : MaxSlope;
        }
        double h = Hill(x, c50, n);
        return Math.Min(MaxSlope, n * h * (1 - h) / x);
    }
}
