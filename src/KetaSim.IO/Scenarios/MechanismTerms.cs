using KetaSim.Biology.Mechanism;

namespace KetaSim.IO.Scenarios;

/// <summary>
/// How the mechanism's choices are spelt in scenario files and on the command line: placebo kinds,
/// circuit modes and knockouts (<c>MOR@SST</c>), with the canonical spellings for messages.
/// </summary>
public static class MechanismTerms
{
    private static readonly (string Name, PlaceboKind Kind)[] PlaceboTable =
    [
        ("none", PlaceboKind.None),
        ("saline", PlaceboKind.Saline),
        ("active-placebo", PlaceboKind.ActivePlacebo),
        ("new-oral-antidepressant", PlaceboKind.NewOralAntidepressant),
        ("tablet", PlaceboKind.Tablet),
        ("continued-oral-antidepressant", PlaceboKind.ContinuedOralAntidepressant),
        ("open-label", PlaceboKind.OpenLabel),
        ("hospital-standard-of-care", PlaceboKind.HospitalStandardOfCare),
    ];

    private static readonly (string Name, CircuitMode Mode)[] CircuitTable =
    [
        ("quasi-steady-state", CircuitMode.QuasiSteadyState),
        ("dynamic", CircuitMode.Dynamic),
    ];

    public static IReadOnlyList<string> PlaceboNames { get; } = PlaceboTable.Select(p => p.Name).ToArray();

    public static IReadOnlyList<string> CircuitNames { get; } = CircuitTable.Select(c => c.Name).ToArray();

    public static string NameOf(PlaceboKind kind) => PlaceboTable.First(p => p.Kind == kind).Name;

    public static string NameOf(CircuitMode mode) => CircuitTable.First(c => c.Mode == mode).Name;

    /// <summary>Case-insensitive; '_' and ' ' count as '-' (so <c>active_placebo</c> reads too).</summary>
    public static bool TryParsePlacebo(string text, out PlaceboKind kind)
    {
        var t = Normal(text);
        foreach (var (name, k) in PlaceboTable)
            if (name == t) { kind = k; return true; }
        kind = default;
        return false;
    }

    public static bool TryParseCircuit(string text, out CircuitMode mode)
    {
        var t = Normal(text);
        if (t is "qss" or "quasi-steady") t = "quasi-steady-state";
        foreach (var (name, m) in CircuitTable)
            if (name == t) { mode = m; return true; }
        mode = default;
        return false;
    }

    /// <summary>The canonical hypothesis name for <paramref name="text"/> (case-insensitive), or null.</summary>
    public static string? Hypothesis(string text)
    {
        var t = Normal(text);
        return Hypotheses.All.FirstOrDefault(h => h == t);
    }

    /// <summary>The canonical target name (case-insensitive), or null.</summary>
    public static string? Target(string text) =>
        MechanismNames.Targets.All.FirstOrDefault(t => string.Equals(t, text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The canonical cell name (case-insensitive), or null.</summary>
    public static string? Cell(string text) =>
        Cells.All.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses <c>TARGET@CELL</c>. On failure <paramref name="problem"/> and <paramref name="allowed"/> say what
    /// is wrong and what would be accepted (the caller adds where).
    /// </summary>
    public static bool TryParseKnockout(string text, out Knockout knockout, out string problem, out string allowed)
    {
        knockout = null!;
        var parts = text.Split('@');
        if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
        {
            problem = "a knockout is written TARGET@CELL";
            allowed = $"e.g. MOR@SST; targets {string.Join(", ", MechanismNames.Targets.All)}; cells {string.Join(", ", Cells.All)}";
            return false;
        }
        return TryMakeKnockout(parts[0], parts[1], out knockout, out problem, out allowed, out _);
    }

    /// <summary>A knockout from its two names; <paramref name="badPart"/> is "target" or "cell" when one is unknown.</summary>
    public static bool TryMakeKnockout(string targetText, string cellText, out Knockout knockout, out string problem, out string allowed, out string badPart)
    {
        knockout = null!;
        if (Target(targetText) is not { } target)
        {
            problem = $"unknown target '{targetText.Trim()}'{NearestName(targetText, MechanismNames.Targets.All)}";
            allowed = string.Join(", ", MechanismNames.Targets.All);
            badPart = "target";
            return false;
        }
        if (Cell(cellText) is not { } cell)
        {
            problem = $"unknown cell '{cellText.Trim()}'{NearestName(cellText, Cells.All)}";
            allowed = string.Join(", ", Cells.All);
            badPart = "cell";
            return false;
        }
        knockout = new Knockout(target, cell);
        problem = allowed = badPart = "";
        return true;
    }

    /// <summary>The knockouts a compiled model allows, <c>TARGET@CELL</c>, from its expression parameters.</summary>
    public static IReadOnlyList<string> KnockoutsOf(IEnumerable<string> parameterNames)
    {
        const string prefix = "expression_";
        return parameterNames.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Select(rest => rest.LastIndexOf('_') is var cut and > 0 ? $"{rest[..cut]}@{rest[(cut + 1)..]}" : rest)
            .ToArray();
    }

    private static string NearestName(string text, IEnumerable<string> candidates) => Input.NearestName.Hint(text.Trim(), candidates);

    private static string Normal(string text) => text.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
}
