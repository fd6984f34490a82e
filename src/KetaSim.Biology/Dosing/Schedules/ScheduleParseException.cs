namespace KetaSim.Biology.Dosing.Schedules;

/// <summary>A schedule text that does not follow the grammar in <see cref="DosingSchedule"/>.</summary>
public sealed class ScheduleParseException : FormatException
{
    /// <summary>0-based index into <see cref="Text"/> where the problem starts.</summary>
    public int Position { get; }

    /// <summary>What the parser would have accepted at <see cref="Position"/>.</summary>
    public string Expected { get; }

    /// <summary>What it found there instead ("end of text" at the end).</summary>
    public string Found { get; }

    public string Text { get; }

    public ScheduleParseException(string text, int position, string expected, string found)
        : base(Compose(text, position, expected, found))
    {
        Text = text;
        Position = position;
        Expected = expected;
        Found = found;
    }

    // Message shows a 1-based column (as an editor would) and a caret under the spot.
    private static string Compose(string text, int position, string expected, string found) =>
        $"Schedule \"{text}\": at column {position + 1} expected {expected}, found {found}.\n" +
        $"  {text}\n  {new string(' ', Math.Clamp(position, 0, text.Length))}^";
}
