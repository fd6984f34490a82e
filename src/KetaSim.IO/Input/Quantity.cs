using System.Globalization;
using System.Text.RegularExpressions;

namespace KetaSim.IO.Input;

/// <summary>One unit a field accepts: its symbol as documented, the spellings also understood, and
/// the factor to the field's base unit (h for times, mg for doses, kg for weights, y for ages).</summary>
public sealed record UnitDef(string Symbol, double Factor, bool PerKg = false, params string[] Aliases)
{
    public bool Matches(string text) =>
        string.Equals(text, Symbol, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(text, a, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The units one kind of field accepts, e.g. every time in a scenario.</summary>
public sealed record UnitSet(string Kind, string BaseUnit, IReadOnlyList<UnitDef> Units)
{
    /// <summary>The documented symbols, for "allowed: ..." messages.</summary>
    public string AllowedText => string.Join(", ", Units.Select(u => u.Symbol));

    public UnitDef? Find(string text) => Units.FirstOrDefault(u => u.Matches(text));
}

/// <summary>A number with its unit as the user wrote it ("40 min", "0.5 mg/kg").</summary>
public readonly record struct Quantity(double Value, UnitDef Unit)
{
    /// <summary>The value in the unit set's base unit (h, mg or mg/kg, kg, y).</summary>
    public double InBaseUnit => Value * Unit.Factor;

    public override string ToString() => $"{Value.ToString("G", CultureInfo.InvariantCulture)} {Unit.Symbol}";
}

/// <summary>Parses "value unit" strings against the units a field allows.</summary>
public static partial class Units
{
    public static readonly UnitSet Time = new("time", "h",
    [
        new("s", 1.0 / 3600, false, "sec", "second", "seconds"),
        new("min", 1.0 / 60, false, "mins", "minute", "minutes"),
        new("h", 1.0, false, "hr", "hrs", "hour", "hours"),
        new("d", 24.0, false, "day", "days"),
        new("week", 168.0, false, "weeks", "wk", "w"),
    ]);

    /// <summary>Dose amounts: flat (base mg) or per kg of body weight (base mg/kg).</summary>
    public static readonly UnitSet DoseAmount = new("dose amount", "mg",
    [
        new("mg", 1.0),
        new("g", 1000.0),
        new("ug", 0.001, false, "µg", "mcg"),
        new("mg/kg", 1.0, true),
        new("g/kg", 1000.0, true),
        new("ug/kg", 0.001, true, "µg/kg", "mcg/kg"),
    ]);

    public static readonly UnitSet Weight = new("body weight", "kg",
    [
        new("kg", 1.0),
        new("g", 0.001),
    ]);

    public static readonly UnitSet Age = new("age", "y",
    [
        new("y", 1.0, false, "yr", "yrs", "year", "years"),
        new("week", 7.0 / 365.25, false, "weeks", "wk", "w"),
        new("d", 1.0 / 365.25, false, "day", "days"),
    ]);

    private static readonly UnitSet[] All = [Time, DoseAmount, Weight, Age];

    /// <summary>The kind with its article: "a time", "an age".</summary>
    private static string A(string kind) => ("aeiou".Contains(char.ToLowerInvariant(kind[0]), StringComparison.Ordinal) ? "an " : "a ") + kind;

    [GeneratedRegex(@"^\s*(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>\S.*?)?\s*$")]
    private static partial Regex QuantityPattern();

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong
    /// (the caller adds where, and <see cref="UnitSet.AllowedText"/> as what is allowed).</summary>
    public static bool TryParse(string? text, UnitSet set, out Quantity quantity, out string problem)
    {
        quantity = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"{A(set.Kind)} is needed, written as a number and a unit (e.g. '1 {set.Units[0].Symbol}')";
            return false;
        }
        var m = QuantityPattern().Match(text);
        if (!m.Success)
        {
            problem = $"not {A(set.Kind)}: expected a number followed by a unit (e.g. '1 {set.Units[0].Symbol}')";
            return false;
        }
        double value = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            problem = "the number is out of range";
            return false;
        }
        var unitText = m.Groups["unit"].Success ? m.Groups["unit"].Value : "";
        if (unitText.Length == 0)
        {
            problem = $"the {set.Kind} has no unit";
            return false;
        }
        var unit = set.Find(unitText);
        if (unit is null)
        {
            var other = All.FirstOrDefault(s => s != set && s.Find(unitText) is not null);
            problem = other is null
                ? $"unknown unit '{unitText}' for {A(set.Kind)}"
                : $"'{unitText}' is {A(other.Kind)} unit, but this field is {A(set.Kind)}";
            return false;
        }
        quantity = new Quantity(value, unit);
        problem = "";
        return true;
    }
}
