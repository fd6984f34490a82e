using KetaSim.Biology.Calibration;
using KetaSim.IO.Input;

namespace KetaSim.IO.Calibration;

/// <summary>Reads data/calibration/targets.yaml (a top-level <c>targets:</c> list) into <see cref="CalibrationTarget"/>s.</summary>
public static class TargetsReader
{
    public const string EmbeddedName = "data/calibration/targets.yaml";

    public static readonly string[] RootKeys = ["targets"];
    public static readonly string[] TargetKeys = ["id", "group", "scenario", "observable", "target", "lower", "upper", "unit", "source", "kind"];
    public static readonly string[] Groups = ["PK", "MECH", "CLIN", "SAFE"];
    public static readonly string[] Kinds = [CalibrationTarget.BandKind, "shape", "ordering", "monotone"];

    /// <summary>The targets embedded in this assembly.</summary>
    public static IReadOnlyList<CalibrationTarget> ReadEmbedded() => Read(EmbeddedName, EmbeddedData.ReadText(EmbeddedName));

    public static IReadOnlyList<CalibrationTarget> Read(string file, string text)
    {
        var yaml = YamlInput.Parse(file, text);
        var root = yaml.RootMap(RootKeys);
        var seq = yaml.Sequence(root.Require("targets", "a list of targets"), "targets", "a list of targets");
        var result = new List<CalibrationTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var t = yaml.Map(seq.Children[i], $"targets[{i}]", TargetKeys);
            var id = t.RequireString("id", "an id such as PK-1/Cmax");
            if (!seen.Add(id)) throw t.Error("id", "duplicate target id", "each id once");
            var group = t.RequireString("group", string.Join(", ", Groups));
            if (!Groups.Contains(group)) throw t.Error("group", "unknown group", string.Join(", ", Groups));
            var kind = t.String("kind", string.Join(", ", Kinds)) ?? CalibrationTarget.BandKind;
            if (!Kinds.Contains(kind)) throw t.Error("kind", "unknown kind", string.Join(", ", Kinds));
            var lower = t.Number("lower", "a number in the target's unit");
            var upper = t.Number("upper", "a number in the target's unit");
            if (lower is { } lo && upper is { } hi && lo > hi)
                throw t.Error("upper", $"upper bound below the lower bound ({lo})", $"upper >= {lo}");
            if (kind == CalibrationTarget.BandKind && lower is null && upper is null)
                throw t.Error("lower", "a band target needs a lower or an upper bound", "lower and/or upper, or kind: shape | ordering | monotone");
            result.Add(new CalibrationTarget(
                id, group,
                t.RequireString("scenario", "the scenario as the table describes it"),
                t.RequireString("observable", "what is measured"),
                t.RequireString("target", "the published target as text"),
                lower, upper,
                t.String("unit", "the unit of lower/upper") ?? "",
                t.RequireString("source", "the publication"),
                kind));
        }
        return result;
    }
}
