namespace KetaSim.IO.Scenarios;

/// <summary>The scenarios embedded from data/scenarios/ (what `ketasim demo` runs).</summary>
public static class BuiltInScenarios
{
    public const string Prefix = "data/scenarios/";

    public static IReadOnlyList<string> Names =>
        EmbeddedData.List(Prefix).Where(n => n.EndsWith(".yaml", StringComparison.Ordinal)).ToArray();

    /// <summary>Every built-in scenario, read and checked (file names in messages are the resource names).</summary>
    public static IReadOnlyList<ScenarioDocument> All() =>
        Names.Select(n => ScenarioEngine.Reader.Read(n, EmbeddedData.ReadText(n))).ToArray();
}
