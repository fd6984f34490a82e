using KetaSim.Biology.Dosing;

namespace KetaSim.IO.Scenarios;

/// <summary>Route spellings in scenario files: one canonical name each, plus the usual abbreviations.</summary>
public static class RouteNames
{
    private static readonly (string Name, Route Route, string[] Aliases)[] Table =
    [
        ("iv-bolus", Route.IvBolus, ["iv_bolus", "bolus"]),
        ("iv-infusion", Route.IvInfusion, ["iv_infusion", "infusion", "iv"]),
        ("intranasal", Route.Intranasal, ["nasal", "in"]),
        ("oral", Route.Oral, ["po"]),
        ("subcutaneous", Route.Subcutaneous, ["sc", "s.c."]),
        ("intramuscular", Route.Intramuscular, ["im", "i.m."]),
        ("intraperitoneal", Route.Intraperitoneal, ["ip", "i.p."]),
    ];

    public static IReadOnlyList<string> Canonical { get; } = Table.Select(t => t.Name).ToArray();

    public static string NameOf(Route route) => Table.First(t => t.Route == route).Name;

    public static bool TryParse(string text, out Route route)
    {
        var t = text.Trim().ToLowerInvariant();
        foreach (var row in Table)
            if (row.Name == t || row.Aliases.Contains(t)) { route = row.Route; return true; }
        route = default;
        return false;
    }
}
