using KetaSim.IO;
using KetaSim.IO.Input;

namespace KetaSim.Design.Combination;

/// <summary>
/// Design specs from a file or built in: data/design/*.yaml, embedded with the rest of data/ (resource names
/// <c>data/design/&lt;file&gt;</c>). A spec's <c>scenario:</c> is a path relative to the spec: beside a user file on disk, inside
/// data/design/ for a built-in one.
/// </summary>
public static class ComboCatalog
{
    public const string Prefix = "data/design/";

    /// <summary>Names of the built-in specs (top-level files of data/design/, without .yaml), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = EmbeddedData.List(Prefix)
        .Where(n => n.EndsWith(".yaml", StringComparison.Ordinal) && !n[Prefix.Length..].Contains('/'))
        .Select(n => n[Prefix.Length..^".yaml".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>True when <paramref name="argument"/> names a built-in spec (with or without .yaml) and no file of that name exists.</summary>
    public static bool IsBuiltIn(string argument) => !File.Exists(argument) && Match(argument) is not null;

    /// <summary>Reads a spec file, or the built-in spec of that name.</summary>
    public static ComboSpec Load(string argument, string? compounds = null)
    {
        bool looksLikePath = argument.Contains('/') || argument.Contains('\\') ||
            argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (IsBuiltIn(argument) || (!looksLikePath && !File.Exists(argument)))
        {
            var name = Match(argument) ?? throw new InputException("design", 0, "SPEC", argument,
                $"no such file and no built-in combination design of that name{NearestName.Hint(argument, Names)}",
                $"a design spec YAML file, or one of: {string.Join(", ", Names)}");
            var resource = Prefix + name + ".yaml";
            return ComboSpecReader.Read(resource, EmbeddedData.ReadText(resource), relative =>
            {
                var path = Prefix + Normalise(relative);
                if (!EmbeddedData.Exists(path))
                    throw new InputException(resource, 0, "scenario", relative, "no such built-in file", string.Join(", ", EmbeddedData.List(Prefix)));
                return (path, EmbeddedData.ReadText(path));
            }, compounds);
        }
        var text = InputText.Read(argument, "a combination design spec YAML file");
        var directory = Path.GetDirectoryName(Path.GetFullPath(argument)) ?? ".";
        return ComboSpecReader.Read(argument, text, relative =>
        {
            var path = Path.IsPathRooted(relative) ? relative : Path.Combine(directory, relative);
            return (Path.GetRelativePath(Environment.CurrentDirectory, path), InputText.Read(path, "a scenario YAML file"));
        }, compounds);
    }

    private static string? Match(string argument)
    {
        var key = argument.Trim();
        if (key.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)) key = key[..^".yaml".Length];
        return Names.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalise(string relative)
    {
        var parts = new List<string>();
        foreach (var p in relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(p);
        }
        return string.Join('/', parts);
    }
}
