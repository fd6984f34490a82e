using System.Runtime.CompilerServices;
using KetaSim.IO.Input;
using YamlDotNet.RepresentationModel;

namespace KetaSim.IO.Scenarios;

/// <summary>
/// The <c>parameters:</c> key of a scenario, a trial or a trial arm: either a mapping of parameter names to values,
/// or the path of a parameter file (relative to the file that names it) whose only key is such a mapping, e.g. the
/// <c>fitted-parameters.yaml</c> that <c>ketasim fit</c> writes. Problems inside that file are reported at its own lines.
/// </summary>
public sealed partial class ScenarioReader
{
    public static readonly string[] ParameterFileKeys = ["parameters"];

    private const string ParametersAllowed =
        "a mapping of parameter names to values, e.g. { CL_S: 90 }, or the path of a parameter file (relative to this file) holding 'parameters: { NAME: VALUE }'";

    /// <summary>Where a <c>parameters:</c> mapping lives: the map that holds the key (the document itself, or the parameter file's root) and the mapping.</summary>
    internal sealed record ParameterSource(MapNode Owner, YamlMappingNode Map);

    // A parameter file is read once per scalar node: the later name and range checks reuse it.
    private static readonly ConditionalWeakTable<YamlNode, ParameterSource> LoadedFiles = new();

    /// <summary>The <c>parameters:</c> mapping of <paramref name="root"/>, reading the parameter file when the key names one;
    /// null when there is no key. Relative paths are resolved against <paramref name="baseDirectory"/>, or else the directory of the file.</summary>
    internal static ParameterSource? ParametersOf(MapNode root, string? baseDirectory = null)
    {
        if (root.Get("parameters") is not { } node) return null;
        var at = root.Child("parameters");
        if (node is YamlMappingNode inline) return new ParameterSource(root, inline);
        if (node is not YamlScalarNode { Value: { } text }) throw root.Input.Error(node, at, "expected a mapping of parameter names to values or a file path", ParametersAllowed);
        if (LoadedFiles.TryGetValue(node, out var loaded)) return loaded;

        var dir = baseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(root.Input.File)) ?? Directory.GetCurrentDirectory();
        var shown = Path.IsPathRooted(text.Trim()) ? text.Trim() : Path.Combine(Path.GetDirectoryName(root.Input.File) ?? "", text.Trim());
        var full = Path.GetFullPath(Path.Combine(dir, text.Trim()));
        if (text.Trim().Length == 0 || !File.Exists(full)) throw root.Input.Error(node, at, "no such parameter file", ParametersAllowed);
        var yaml = YamlInput.Parse(shown, InputText.Read(full, "a parameter YAML file"));
        var fileRoot = yaml.RootMap(ParameterFileKeys);
        var inner = fileRoot.Get("parameters") ?? throw new InputException(shown, 1, "parameters", null, "the parameter file has no 'parameters:' mapping",
            "parameters: { NAME: VALUE } (the format of fitted-parameters.yaml)");
        if (inner is not YamlMappingNode map)
            throw yaml.Error(inner, "parameters", "expected a mapping of parameter names to values (a parameter file cannot name another)", "e.g. parameters: { CL_S: 90 }");
        var source = new ParameterSource(fileRoot, map);
        LoadedFiles.AddOrUpdate(node, source);
        return source;
    }
}
