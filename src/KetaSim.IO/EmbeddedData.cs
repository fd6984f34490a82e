using System.Reflection;

namespace KetaSim.IO;

/// <summary>The files under <c>data/</c>, embedded in this assembly as resources named <c>data/&lt;relative path&gt;</c>,
/// so the CLI runs with no files around it.</summary>
public static class EmbeddedData
{
    private static readonly Assembly Assembly = typeof(EmbeddedData).Assembly;

    /// <summary>Resource names under a folder, e.g. <c>List("data/scenarios/")</c>, sorted.</summary>
    public static IReadOnlyList<string> List(string prefix) =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    public static bool Exists(string name) => Assembly.GetManifestResourceInfo(name) is not null;

    public static string ReadText(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"Embedded resource '{name}' is missing; available: {string.Join(", ", List("data/"))}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
