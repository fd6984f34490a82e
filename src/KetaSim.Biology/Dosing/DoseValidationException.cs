using System.Globalization;

namespace KetaSim.Biology.Dosing;

/// <summary>
/// A dose record that cannot be given as written. The message names the field, the bad value and what
/// is allowed, so a front end can show it as-is (no stack trace); the parts are also exposed separately.
/// </summary>
public sealed class DoseValidationException : ArgumentException
{
    /// <summary>The offending field, e.g. "Amount", "RateMgPerHour", "Compound".</summary>
    public string Field { get; }

    /// <summary>The bad value as the user wrote it (e.g. "5000 mg/kg").</summary>
    public string Value { get; }

    /// <summary>What would have been accepted (e.g. "at most 10 mg/kg").</summary>
    public string Allowed { get; }

    public DoseValidationException(string field, string value, string allowed, string? context = null)
        : base(Compose(field, value, allowed, context), field)
    {
        Field = field;
        Value = value;
        Allowed = allowed;
        Context = context;
    }

    // ArgumentException appends " (Parameter 'x')" to Message; keep the message exactly as composed.
    public override string Message => Compose(Field, Value, Allowed, Context);

    /// <summary>Which dose the problem is in (compound, route, time), when known.</summary>
    public string? Context { get; }

    internal static DoseValidationException For(string field, double value, string allowed, string? context = null) =>
        new(field, Format(value), allowed, context);

    internal static DoseValidationException For(string field, string value, string allowed, string? context = null) =>
        new(field, value, allowed, context);

    internal static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Compose(string field, string value, string allowed, string? context) =>
        (context is null ? "" : context + ": ") + $"{field} = {value} is not allowed; {allowed}.";
}
