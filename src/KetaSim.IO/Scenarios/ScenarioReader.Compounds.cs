using KetaSim.Biology.Compounds;
using KetaSim.IO.Input;

namespace KetaSim.IO.Scenarios;

/// <summary>The <c>compounds:</c> key: a user compound library (file or directory) loaded before the doses are read.</summary>
public sealed partial class ScenarioReader
{
    private const string CompoundsAllowed = "the path of a compound-library .yaml file or a directory of them (relative to the scenario file; format: docs/compounds.md)";

    internal void UseCompounds(MapNode root, string file, string? overridePath)
    {
        string? path = overridePath is not null ? Path.GetFullPath(overridePath) : null;
        if (path is null && root.String("compounds", CompoundsAllowed) is { } text)
        {
            // Relative to the scenario file, so a scenario and its compounds travel together.
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();
            path = Path.GetFullPath(Path.Combine(baseDir, text.Trim()));
            if (!File.Exists(path) && !Directory.Exists(path))
                throw root.Error("compounds", "no such file or directory", CompoundsAllowed);
        }
        if (overridePath is not null && !File.Exists(path) && !Directory.Exists(path))
            throw new InputException(overridePath, 0, "--compounds", overridePath, "no such file or directory", CompoundsAllowed);
        if (Catalog.UseCompounds is not { } use)
        {
            if (path is not null) throw root.Error("compounds", "compound files are not available here", "no compounds key");
            return;
        }
        try
        {
            use(path);
        }
        catch (ModelDataException e)
        {
            // The library's own message already says what is allowed.
            throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem, "", e);
        }
    }
}
