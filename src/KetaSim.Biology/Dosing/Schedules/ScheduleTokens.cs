namespace KetaSim.Biology.Dosing.Schedules;

internal enum TokenKind { Number, Word, Comma, Semicolon, Times, End }

/// <summary>One lexical unit; <see cref="Text"/> is lower-cased for words.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, double Number, int Position)
{
    public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;

    public bool IsWordIn(IEnumerable<string> words) => Kind == TokenKind.Word && words.Contains(Text);

    public string Describe() => Kind == TokenKind.End ? "end of text" : $"'{Text}'";
}

internal static class ScheduleTokenizer
{
    /// <summary>Splits "at 0h, 30min" into at | 0 | h | , | 30 | min: letters and digits never share a token.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                string s = text[start..i];
                if (!double.TryParse(s, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double value))
                    throw new ScheduleParseException(text, start, "a number such as 3 or 0.5", $"'{s}'");
                tokens.Add(new Token(TokenKind.Number, s, value, start));
            }
            else if (char.IsLetter(c))
            {
                while (i < text.Length && char.IsLetter(text[i])) i++;
                tokens.Add(new Token(TokenKind.Word, text[start..i].ToLowerInvariant(), double.NaN, start));
            }
            else
            {
                var kind = c switch { ',' => TokenKind.Comma, ';' => TokenKind.Semicolon, '×' => TokenKind.Times, _ => TokenKind.End };
                if (kind == TokenKind.End)
                    throw new ScheduleParseException(text, start, "a word, a number, ',' or ';'", $"'{c}'");
                tokens.Add(new Token(kind, c.ToString(), double.NaN, start));
                i++;
            }
        }
        tokens.Add(new Token(TokenKind.End, "", double.NaN, text.Length));
        return tokens;
    }
}
