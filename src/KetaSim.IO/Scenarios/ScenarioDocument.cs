using KetaSim.Biology.Scenarios;

namespace KetaSim.IO.Scenarios;

/// <summary>A scenario as read from a file, with the line of every field so later checks can still point at the source.</summary>
public sealed record ScenarioDocument(string File, Scenario Scenario, IReadOnlyDictionary<string, int> Lines)
{
    /// <summary>Line of a field path (e.g. "output.observables[1]"), else of its nearest parent, else 1.</summary>
    public int LineOf(string field)
    {
        for (var f = field; f.Length > 0; f = Parent(f))
            if (Lines.TryGetValue(f, out var line)) return line;
        return 1;
    }

    private static string Parent(string f)
    {
        int cut = Math.Max(f.LastIndexOf('.'), f.LastIndexOf('['));
        return cut <= 0 ? "" : f[..cut];
    }
}
