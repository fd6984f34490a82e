namespace KetaSim.Biology.Compounds;

/// <summary>
/// Bad model data (the compound library: ligands, binding, PK blocks), located: file, line, field path,
/// the offending value, what is wrong and what is allowed. <see cref="Exception.Message"/> is one line,
/// e.g. <c>ligands.yaml:42: ligands.s-ketamine.targets.NMDA.efficacy = '1.4': efficacy must be in [0, 1] (0 antagonist, 1 full agonist)</c>,
/// meant to be printed as is (front ends exit 2 and show no stack trace for this type).
/// </summary>
public sealed class ModelDataException : Exception
{
    public ModelDataException(string file, int line, string field, string? value, string problem, Exception? inner = null)
        : base(Format(file, line, field, value, problem), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Value = value;
        Problem = problem;
    }

    /// <summary>The file as the user named it, or the embedded file name (e.g. "ligands.yaml").</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>Path of the field, e.g. <c>ligands.s-ketamine.targets.NMDA.efficacy</c>; empty for the whole file.</summary>
    public string Field { get; }

    /// <summary>The offending value as written; null when the field is missing.</summary>
    public string? Value { get; }

    /// <summary>What is wrong and what is allowed.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, string field, string? value, string problem)
    {
        string where = line > 0 ? $"{file}:{line}" : file;
        string what = field.Length == 0 ? "" : value is null ? $"{field} (missing)" : $"{field} = '{value}'";
        return Inputs.TerminalText.Safe(what.Length == 0 ? $"{where}: {problem}" : $"{where}: {what}: {problem}");
    }
}
