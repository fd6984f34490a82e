using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KetaSim.Biology.Compounds;

/// <summary>
/// One YAML file read with YamlDotNet's representation model, so every node keeps its line; every problem
/// becomes a <see cref="ModelDataException"/> with file, line, field path and value.
/// </summary>
internal sealed class YamlData
{
    private YamlData(string file, YamlNode? root)
    {
        File = file;
        Root = root;
    }

    public string File { get; }

    /// <summary>The document's root; null for an empty file.</summary>
    public YamlNode? Root { get; }

    public static YamlData Parse(string file, string text)
    {
        Inputs.InputFiles.CheckYamlDepth(text, file);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            var problem = (e.InnerException as YamlException ?? e).Message;
            int cut = problem.LastIndexOf("): ", StringComparison.Ordinal);
            if (problem.StartsWith('(') && cut > 0) problem = problem[(cut + 3)..];
            throw new ModelDataException(file, LineOf(e.Start), "", null, $"malformed YAML: {problem.TrimEnd('.')}; see docs/compounds.md");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ModelDataException(file, LineOf(scanner.CurrentPosition), "", null,
                "malformed YAML: the structure cannot be read here (an unclosed '[' or '{', or bad indentation?); see docs/compounds.md");
        }
        if (stream.Documents.Count > 1)
            throw new ModelDataException(file, LineOf(stream.Documents[1].RootNode.Start), "", null, "the file holds more than one YAML document; allowed: exactly one");
        return new YamlData(file, stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode);
    }

    public static int LineOf(Mark mark) => (int)Math.Max(1, Math.Min(int.MaxValue, mark.Line));

    public int Line(YamlNode node) => LineOf(node.Start);

    public DataLocation Location(YamlNode node) => new(File, Line(node));

    public ModelDataException Error(YamlNode node, string field, string? value, string problem) =>
        new(File, Line(node), field, value, problem);

    /// <summary>A mapping whose keys must be among <paramref name="allowed"/> (null: any key).</summary>
    public IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> Map(YamlNode node, string field, IReadOnlyCollection<string>? allowed)
    {
        if (node is not YamlMappingNode map)
            throw Error(node, field, Show(node), $"expected a mapping of keys{(allowed is null ? "" : "; allowed keys: " + string.Join(", ", allowed))}");
        var list = new List<(string, YamlNode, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            string key = k is YamlScalarNode { Value: { } s } ? s : throw Error(k, field, Show(k), "keys must be plain names");
            if (allowed is not null && !allowed.Contains(key))
                throw Error(k, Join(field, key), null, $"unknown key '{key}'; allowed keys: {string.Join(", ", allowed)}");
            list.Add((key, k, v));
        }
        return list;
    }

    public YamlSequenceNode Sequence(YamlNode node, string field, string allowed) =>
        node as YamlSequenceNode ?? throw Error(node, field, Show(node), $"expected a list; {allowed}");

    public string Scalar(YamlNode node, string field, string allowed) =>
        node is YamlScalarNode { Value: { } v } ? v : throw Error(node, field, Show(node), $"expected a single value; {allowed}");

    public double Number(YamlNode node, string field, string allowed)
    {
        string s = Scalar(node, field, allowed);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw Error(node, field, s, $"expected a number; {allowed}");
    }

    public bool Bool(YamlNode node, string field)
    {
        string s = Scalar(node, field, "true or false");
        return s.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(node, field, s, "expected true or false"),
        };
    }

    public static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";

    public static string Show(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "[list]",
        YamlMappingNode => "{mapping}",
        _ => node.ToString(),
    };
}
