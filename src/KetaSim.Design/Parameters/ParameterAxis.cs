using System.Globalization;
using KetaSim.IO.Input;
using KetaSim.Modeling.Expressions;

namespace KetaSim.Design.Parameters;

/// <summary>
/// One parameter a design tool moves: its model parameter (value, unit, provenance, plausible range) and
/// the bounds it may take, in the parameter's own unit. Bounds default to the parameter's plausible range
/// (docs/validity.md), so a search or a global sensitivity stays where the model is credible unless the user
/// says otherwise.
/// </summary>
public sealed record ParameterAxis(Param Parameter, double Low, double High)
{
    public string Name => Parameter.Name;
    public string Unit => Parameter.Unit;
    public double Nominal => Parameter.Value;

    /// <summary>True when the bounds allow a log scale (both positive): rates, lifetimes, gains.</summary>
    public bool Positive => Low > 0 && High > 0;

    /// <summary>Maps u in [0, 1] to a value: log-uniform between positive bounds, uniform otherwise.</summary>
    public double FromUnit(double u) => Positive ? Low * Math.Pow(High / Low, u) : Low + u * (High - Low);

    /// <summary>
    /// Parses a comma-separated list <c>NAME</c> or <c>NAME=LOW:HIGH</c> against the model's base parameters.
    /// Unknown names (with the nearest one), derived parameters, reversed or non-numeric bounds and bounds outside
    /// the admissible range are input errors naming <paramref name="file"/> and <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<ParameterAxis> ParseList(string text, IReadOnlyList<Param> parameters, string file, string field)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new InputException(file, 0, field, text, "no parameter given", "NAME or NAME=LOW:HIGH, separated by commas");
        var axes = items.Select(i => Parse(i, parameters, file, field)).ToArray();
        var twice = axes.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InputException(file, 0, field, twice.Key, $"'{twice.Key}' is listed twice", "each parameter once");
        return axes;
    }

    /// <summary>One <c>NAME</c> or <c>NAME=LOW:HIGH</c>.</summary>
    public static ParameterAxis Parse(string item, IReadOnlyList<Param> parameters, string file, string field)
    {
        int eq = item.IndexOf('=');
        var name = (eq < 0 ? item : item[..eq]).Trim();
        var p = Resolve(name, parameters, file, field, item);
        var plausible = p.Range ?? throw new InputException(file, 0, field, item, $"'{name}' has no plausible range", "base parameters with a documented range");
        if (eq < 0) return new ParameterAxis(p, plausible.Low, plausible.High);

        var bounds = item[(eq + 1)..].Split(':', StringSplitOptions.TrimEntries);
        var admissible = Modeling.Models.AdmissibleRange.For(p);
        string allowed = $"NAME=LOW:HIGH with LOW < HIGH, both within {admissible.Describe(p)}; plausible {F(plausible.Low)} to {F(plausible.High)}";
        if (bounds.Length != 2 || !TryNumber(bounds[0], out var low) || !TryNumber(bounds[1], out var high))
            throw new InputException(file, 0, field, item, "bounds are not two numbers LOW:HIGH", allowed);
        if (!(low < high)) throw new InputException(file, 0, field, item, $"bounds reversed or empty ({F(low)} is not below {F(high)})", allowed);
        if (!admissible.Contains(low) || !admissible.Contains(high))
            throw new InputException(file, 0, field, item, "a bound is outside the admissible range", allowed);
        return new ParameterAxis(p, low, high);
    }

    /// <summary>The base parameter called <paramref name="name"/>, or an input error naming the nearest one.</summary>
    public static Param Resolve(string name, IReadOnlyList<Param> parameters, string file, string field, string? value = null)
    {
        var p = parameters.FirstOrDefault(x => x.Name == name);
        var baseNames = parameters.Where(x => !x.IsDerived).Select(x => x.Name).ToArray();
        if (p is null)
            throw new InputException(file, 0, field, value ?? name, $"unknown parameter '{name}'{NearestName.Hint(name, baseNames)}",
                "a base parameter of the scenario's model ('ketasim params SCENARIO' lists them)");
        if (p.IsDerived)
            throw new InputException(file, 0, field, value ?? name, $"'{name}' is derived from other parameters and cannot be set",
                "a base parameter of the scenario's model ('ketasim params SCENARIO' lists them)");
        return p;
    }

    private static bool TryNumber(string s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    internal static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
