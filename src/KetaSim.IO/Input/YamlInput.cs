using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KetaSim.IO.Input;

/// <summary>
/// A YAML document read with YamlDotNet's representation model, so every node keeps its line; every
/// problem becomes an <see cref="InputException"/> naming file, line, field path, value and what is allowed.
/// </summary>
public sealed class YamlInput
{
    private YamlInput(string file, YamlNode root)
    {
        File = file;
        Root = root;
    }

    /// <summary>The file name used in messages.</summary>
    public string File { get; }

    public YamlNode Root { get; }

    /// <summary>Parses <paramref name="text"/>; malformed YAML, an empty document or several documents are input errors.</summary>
    public static YamlInput Parse(string file, string text)
    {
        try
        {
            Biology.Inputs.InputFiles.CheckYamlDepth(text, file);
        }
        catch (Biology.Compounds.ModelDataException e)
        {
            throw new InputException(file, e.Line, "", null, e.Problem, "");
        }
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            var problem = Innermost(e).Message;
            // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: ...) - (...): "; the line is ours to print.
            int cut = problem.LastIndexOf("): ", StringComparison.Ordinal);
            if (problem.StartsWith('(') && cut > 0) problem = problem[(cut + 3)..];
            if (problem.StartsWith("Duplicate key ", StringComparison.Ordinal))
                throw new InputException(file, LineOf(e.Start), "", null, $"key '{problem["Duplicate key ".Length..].TrimEnd('.')}' appears twice in one mapping", "each key once");
            throw new InputException(file, LineOf(e.Start), "", null, $"malformed YAML: {problem.TrimEnd('.')}",
                "YAML 1.1/1.2 block or flow syntax; see docs/scenario-format.md");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet occasionally fails with a non-YAML exception (e.g. an unclosed '[' before a
            // multi-line plain scalar); the scanner's position is still where reading stopped.
            throw new InputException(file, LineOf(scanner.CurrentPosition), "", null,
                "malformed YAML: the structure cannot be read here (an unclosed '[' or '{', or bad indentation?)",
                "YAML 1.1/1.2 block or flow syntax; see docs/scenario-format.md");
        }
        if (stream.Documents.Count == 0)
            throw new InputException(file, 1, "", null, "the file is empty", "a YAML mapping; see docs/scenario-format.md");
        if (stream.Documents.Count > 1)
            throw new InputException(file, LineOf(stream.Documents[1].RootNode.Start), "", null,
                "the file holds more than one YAML document", "exactly one document");
        return new YamlInput(file, stream.Documents[0].RootNode);
    }

    /// <summary>The root as a mapping with the given keys.</summary>
    public MapNode RootMap(IReadOnlyList<string> allowedKeys) => Map(Root, "", allowedKeys);

    public MapNode Map(YamlNode node, string path, IReadOnlyList<string> allowedKeys)
    {
        if (node is not YamlMappingNode map)
            throw Error(node, path, $"expected a mapping of keys ({Shape(node)} found)", string.Join(", ", allowedKeys));
        return new MapNode(this, map, path, allowedKeys);
    }

    public YamlSequenceNode Sequence(YamlNode node, string path, string allowed)
    {
        if (node is YamlSequenceNode seq) return seq;
        throw Error(node, path, $"expected a list ({Shape(node)} found)", allowed);
    }

    public string Scalar(YamlNode node, string path, string allowed)
    {
        if (node is YamlScalarNode { Value: { } v }) return v;
        throw Error(node, path, $"expected a single value ({Shape(node)} found)", allowed);
    }

    public Quantity Quantity(YamlNode node, string path, UnitSet units)
    {
        var text = Scalar(node, path, $"a number and one of the units {units.AllowedText}");
        if (!Units.TryParse(text, units, out var q, out var problem))
            throw Error(node, path, problem, $"a number and one of {units.AllowedText}");
        return q;
    }

    public double Number(YamlNode node, string path, string allowed)
    {
        var text = Scalar(node, path, allowed);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw Error(node, path, "not a number", allowed);
    }

    public InputException Error(YamlNode node, string path, string problem, string allowed) =>
        new(File, LineOf(node.Start), path, ValueText(node), problem, allowed);

    public static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    /// <summary>The value as written, for messages: scalars verbatim, collections abbreviated.</summary>
    public static string? ValueText(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode q => "[" + string.Join(", ", q.Children.Take(4).Select(c => ValueText(c))) + (q.Children.Count > 4 ? ", ...]" : "]"),
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Keys.Take(4).Select(k => ValueText(k))) + (m.Children.Count > 4 ? ", ..." : "") + "}",
        _ => null,
    };

    private static string Shape(YamlNode node) => node switch
    {
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "an empty value",
        YamlScalarNode => "a single value",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is YamlException inner) e = inner;
        return e;
    }
}

/// <summary>A mapping with a fixed set of allowed keys; unknown keys fail at construction with a suggestion.</summary>
public sealed class MapNode
{
    private readonly YamlInput _input;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    internal MapNode(YamlInput input, YamlMappingNode node, string path, IReadOnlyList<string> allowedKeys)
    {
        _input = input;
        Node = node;
        Path = path;
        foreach (var (k, v) in node.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
                throw input.Error(k, path, "a key must be a plain name", string.Join(", ", allowedKeys));
            var keyPath = Child(key);
            if (!allowedKeys.Contains(key))
                throw new InputException(input.File, YamlInput.LineOf(k.Start), keyPath, null,
                    $"unknown key '{key}'{NearestName.Hint(key, allowedKeys)}", string.Join(", ", allowedKeys));
            if (!_entries.TryAdd(key, ((YamlScalarNode)k, v)))
                throw new InputException(input.File, YamlInput.LineOf(k.Start), keyPath, null,
                    $"key '{key}' appears twice", "each key once");
        }
    }

    public YamlMappingNode Node { get; }
    public string Path { get; }
    public int Line => YamlInput.LineOf(Node.Start);
    public YamlInput Input => _input;

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _entries.ContainsKey(key) && !IsNull(_entries[key].Value);

    /// <summary>The value node, or null when absent (a key with an empty value counts as absent).</summary>
    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) && !IsNull(e.Value) ? e.Value : null;

    public YamlNode Require(string key, string allowed) =>
        Get(key) ?? throw new InputException(_input.File, _entries.TryGetValue(key, out var e) ? YamlInput.LineOf(e.Key.Start) : Line,
            Child(key), null, "is missing", allowed);

    public string RequireString(string key, string allowed) => _input.Scalar(Require(key, allowed), Child(key), allowed);

    public string? String(string key, string allowed) => Get(key) is { } n ? _input.Scalar(n, Child(key), allowed) : null;

    public Quantity RequireQuantity(string key, UnitSet units) =>
        _input.Quantity(Require(key, $"a number and one of {units.AllowedText}"), Child(key), units);

    public Quantity? Quantity(string key, UnitSet units) => Get(key) is { } n ? _input.Quantity(n, Child(key), units) : null;

    public double? Number(string key, string allowed) => Get(key) is { } n ? _input.Number(n, Child(key), allowed) : null;

    public bool? Bool(string key)
    {
        if (Get(key) is not { } n) return null;
        var text = _input.Scalar(n, Child(key), "true or false");
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw _input.Error(n, Child(key), "not a yes/no value", "true or false"),
        };
    }

    public MapNode? Map(string key, IReadOnlyList<string> allowedKeys) =>
        Get(key) is { } n ? _input.Map(n, Child(key), allowedKeys) : null;

    public InputException Error(string key, string problem, string allowed) =>
        Get(key) is { } n ? _input.Error(n, Child(key), problem, allowed)
            : new InputException(_input.File, Line, Child(key), null, problem, allowed);

    private static bool IsNull(YamlNode n) =>
        n is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null");
}
