using System.Collections.Concurrent;
using System.Reflection;

namespace KetaSim.Population.Definitions;

/// <summary>The built-in populations (data/populations/*.yaml, embedded in this assembly), by name.</summary>
public static class PopulationLibrary
{
    private const string Prefix = "data/populations/";
    private static readonly ConcurrentDictionary<string, PopulationDefinition> Loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names of the built-in populations (file names without .yaml), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(PopulationLibrary).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The built-in population <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such population (the message lists the built-in ones).</exception>
    public static PopulationDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown population '{name}'; built-in: {string.Join(", ", Names)}.", nameof(name));
        return Loaded.GetOrAdd(name, n =>
        {
            string file = Names.First(x => string.Equals(x, n, StringComparison.OrdinalIgnoreCase)) + ".yaml";
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + file)!;
            using var reader = new StreamReader(stream);
            return PopulationReader.Read(reader.ReadToEnd(), file);
        });
    }
}
