namespace KetaSim.IO.Input;

/// <summary>
/// Bad user input, located: which file, which line, which field, the offending value, what is wrong
/// and what would be accepted. <see cref="Exception.Message"/> is one line, meant to be printed as is
/// (the CLI exits 2 and never shows a stack trace for this type).
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string file, int line, string field, string? value, string problem, string allowed, Exception? inner = null)
        : base(Format(file, line, field, value, problem, allowed), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Value = value;
        Problem = problem;
        Allowed = allowed;
    }

    /// <summary>The file as the user named it (or the embedded resource name).</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when the problem concerns the whole file (e.g. it does not exist).</summary>
    public int Line { get; }

    /// <summary>Path of the field in the document, e.g. <c>doses[0].amount</c>; empty for the whole document.</summary>
    public string Field { get; }

    /// <summary>The offending value as written, or null when the field is missing.</summary>
    public string? Value { get; }

    public string Problem { get; }

    /// <summary>What would be accepted (units, names, a range, a format).</summary>
    public string Allowed { get; }

    private static string Format(string file, int line, string field, string? value, string problem, string allowed)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        var what = field.Length == 0 ? "" : value is null ? $" {field}:" : $" {field} = '{OneLine(value)}':";
        var tail = string.IsNullOrEmpty(allowed) ? "" : $"; allowed: {allowed}";
        return Biology.Inputs.TerminalText.Safe($"{where}:{what} {problem}{tail}");
    }

    private static string OneLine(string s)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        return s.Length > 80 ? s[..77] + "..." : s;
    }
}
