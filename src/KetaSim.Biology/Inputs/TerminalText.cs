using System.Globalization;
using System.Text;

namespace KetaSim.Biology.Inputs;

/// <summary>Text from input files made safe to print on a terminal: control characters (ESC and the rest of C0/C1,
/// which could move the cursor, recolour or retitle the terminal) and invisible bidirectional/format characters are
/// shown as <c>\x1b</c> / <c>\u202e</c> escapes; tabs and line breaks become spaces.</summary>
public static class TerminalText
{
    public static string Safe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (c is '\t' or '\n' or '\r') sb.Append(' ');
            else if (!NeedsEscape(c)) sb.Append(c);
            else if (c <= 0xFF) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
