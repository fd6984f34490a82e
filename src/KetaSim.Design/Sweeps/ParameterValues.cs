using System.Globalization;
using System.Text.RegularExpressions;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Design.Sweeps;

/// <summary>
/// <c>--vary param:NAME=V1,V2</c>: a value is a number in the parameter's own unit, or a number with a unit — the
/// parameter's unit written out (<c>60L/h</c>), or for a time parameter any time unit (<c>4d</c>, <c>96h</c>).
/// A value outside the admissible range is refused; one outside the plausible range runs and is warned about
/// (docs/validity.md).
/// </summary>
internal static partial class ParameterValues
{
    [GeneratedRegex(@"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")]
    private static partial Regex NumberAndUnit();

    public static Scenario Apply(string file, Scenario s, string name, string value, string text, ScenarioCatalog catalog)
    {
        if (catalog.ParameterInfoFor is not { } infoFor)
        {
            // A catalog that does not know the model's parameters (tests with a fixed vocabulary): plain numbers only.
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) || !double.IsFinite(plain))
                throw Variations.Error(file, text, $"'{value}' is not a number", "numbers in the parameter's unit");
            return With(s, name, plain);
        }
        var parameters = infoFor(s);
        var p = parameters.FirstOrDefault(x => x.Name == name);
        if (p is null || p.IsDerived)
            throw Variations.Error(file, text,
                p is null ? $"the scenario's model has no parameter '{name}'{NearestName.Hint(name, parameters.Where(x => !x.IsDerived).Select(x => x.Name))}"
                          : $"'{name}' is derived from other parameters and cannot be set",
                "a base parameter of the scenario's model ('ketasim params SCENARIO' lists them)");
        double v = ToParameterUnit(file, text, p, value);
        var admissible = AdmissibleRange.For(p);
        if (!admissible.Contains(v))
            throw Variations.Error(file, text, $"{F(v)} {p.Unit} is outside the admissible range of {name}", admissible.Describe(p));
        return With(s, name, v);
    }

    private static Scenario With(Scenario s, string name, double v) =>
        s with { ParameterOverrides = new Dictionary<string, double>(s.ParameterOverrides, StringComparer.Ordinal) { [name] = v } };

    /// <summary>The value in the parameter's unit.</summary>
    public static double ToParameterUnit(string file, string text, Param p, string value)
    {
        var m = NumberAndUnit().Match(value);
        string allowed = $"a number in {UnitText(p)}" + (Units.Time.Find(p.Unit) is not null ? $" or with a time unit ({Units.Time.AllowedText})" : $", or with the unit written out, e.g. 2{p.Unit}");
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            throw Variations.Error(file, text, $"'{value}' is not a number", allowed);
        var unit = m.Groups[2].Value;
        if (unit.Length == 0 || Same(unit, p.Unit)) return number;
        if (Units.Time.Find(p.Unit) is { } target && Units.Time.Find(unit) is { } given)
            return number * given.Factor / target.Factor;
        throw Variations.Error(file, text, $"unit '{unit}' does not match {p.Name}'s unit {UnitText(p)}", allowed);
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static string UnitText(Param p) => p.Unit is "1" or "" or "-" ? "no unit (dimensionless)" : $"'{p.Unit}'";

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
