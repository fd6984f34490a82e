using KetaSim.IO.Input;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Trials;

/// <summary>The built-in trials: data/trials/*.yaml, embedded in this assembly (resource names <c>data/trials/&lt;file&gt;</c>).</summary>
public static class TrialCatalog
{
    public const string Prefix = "data/trials/";

    /// <summary>Names of the built-in trials (file names without .yaml), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = EmbeddedData.List(Prefix)
        .Where(n => n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The built-in trial <paramref name="name"/>, read and checked (messages name <c>data/trials/&lt;name&gt;.yaml</c>).</summary>
    /// <exception cref="InputException">No such built-in trial (the message lists them), or the file is bad.</exception>
    public static TrialDefinition Get(string name) => TrialReader.Read(Text(name), ResourceOf(name));

    /// <summary>The YAML text of the built-in trial <paramref name="name"/> (stored with a run so it can be replayed).</summary>
    /// <exception cref="InputException">No such built-in trial.</exception>
    public static string Text(string name) => EmbeddedData.ReadText(ResourceOf(name));

    private static string ResourceOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim();
        if (key.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)) key = key[..^".yaml".Length];
        var match = Names.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException("trial", 0, "name", name, $"no built-in trial of that name{NearestName.Hint(key, Names)}",
                Names.Count == 0 ? "no built-in trials are embedded" : string.Join(", ", Names));
        return Prefix + match + ".yaml";
    }
}
