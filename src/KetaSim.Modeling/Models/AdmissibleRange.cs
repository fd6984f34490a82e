using System.Globalization;
using KetaSim.Modeling.Expressions;

namespace KetaSim.Modeling.Models;

/// <summary>
/// The range a parameter override may take at all (outside it the input is refused, exit 2; the narrower plausible range of
/// <see cref="KetaSim.Modeling.PlausibleRange"/> only warns), one per parameter, derived from its default value and unit: a
/// quantity with a unit (a clearance, volume, constant such as Ki, a time constant, a weight) whose default is
/// positive stays positive and within a factor of 1000 of it (zero or a negative value would divide by zero or
/// reverse the physics); a dimensionless one (a fraction, an efficacy, a gain) may also be switched off (0), and
/// a fraction (name with <c>frac</c>/<c>fu</c>, default at most 1) stays within [0, 1]; a parameter whose default
/// is 0 may take any finite value of either sign within 1e6.
/// </summary>
public readonly record struct AdmissibleRange(double Min, double Max, bool MinExclusive)
{
    public const double Factor = 1000;

    public static AdmissibleRange For(Param p)
    {
        double d = p.Value;
        bool dimensionless = p.Unit is "1" or "" or "-";
        if (d > 0)
        {
            if (dimensionless && d <= 1 && IsFraction(p.Name)) return new(0, 1, false);
            if (dimensionless) return new(0, d * Factor, false);
            return new(d / Factor, d * Factor, false);
        }
        if (d < 0) return new(d * Factor, d / Factor, false);
        return new(-1e6, 1e6, false);
    }

    private static bool IsFraction(string name) =>
        name.Contains("frac", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_fu", StringComparison.Ordinal) || name.Contains("_fu_", StringComparison.Ordinal)
        || name.StartsWith("fu_", StringComparison.Ordinal) || name.Contains("fraction", StringComparison.OrdinalIgnoreCase);

    public bool Contains(double v) => double.IsFinite(v) && v >= Min && v <= Max;

    /// <summary>For messages, e.g. <c>0.0972 to 97200 L/h (within 1000x of the default 97.2)</c>.</summary>
    public string Describe(Param p)
    {
        static string F(double x) => x == 0 || Math.Abs(x) is >= 1e-4 and < 1e7
            ? x.ToString("0.####", CultureInfo.InvariantCulture)
            : x.ToString("0.###e+0", CultureInfo.InvariantCulture);
        string unit = p.Unit is "1" or "" or "-" ? "" : " " + p.Unit;
        return $"{F(Min)} to {F(Max)}{unit} (default {F(p.Value)}{unit})";
    }
}
