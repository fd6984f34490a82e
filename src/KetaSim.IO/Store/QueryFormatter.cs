using System.Text;
using System.Text.Json;

namespace KetaSim.IO.Store;

/// <summary>Prints a query result as an aligned table, CSV (RFC 4180) or JSON (array of objects).</summary>
public static class QueryFormatter
{
    public static readonly string[] Formats = ["table", "csv", "json"];

    /// <summary>Rows the table format reads ahead to size its columns; later rows are printed as they come.</summary>
    public const int TableLookahead = 1000;

    public static void Write(TextWriter output, QueryResult result, string format) => Write(output, result.Columns, result.Rows, format);

    /// <summary>Writes rows as they are enumerated (a large result is never held in memory).</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, string format)
    {
        switch (format)
        {
            case "table": WriteTable(output, columns, rows); break;
            case "csv": WriteCsv(output, columns, rows); break;
            case "json": WriteJson(output, columns, rows); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "Expected table, csv or json.");
        }
    }

    public static void WriteTable(TextWriter output, QueryResult result) => WriteTable(output, result.Columns, result.Rows);

    /// <summary>Columns padded to their widest cell among the first <see cref="TableLookahead"/> rows; numbers
    /// right-aligned; NULL shown as NULL.</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        using var e = rows.GetEnumerator();
        var head = new List<object?[]>();
        while (head.Count < TableLookahead && e.MoveNext()) head.Add(e.Current);
        static string[] Cells(object?[] r) => r.Select(v => v is null ? "NULL" : OneLine(SqlQuery.Text(v))).ToArray();
        var cells = head.Select(Cells).ToList();
        int n = columns.Count;
        var widths = new int[n];
        var numeric = new bool[n];
        for (int c = 0; c < n; c++)
        {
            widths[c] = Math.Max(columns[c].Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length));
            numeric[c] = head.Count > 0 && head.All(r => r[c] is null || IsNumber(r[c]));
        }
        string Line(IReadOnlyList<string> values, bool header) => string.Join("  ",
            values.Select((v, c) => !header && numeric[c] ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd();
        output.WriteLine(Line(columns, header: true));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        long count = 0;
        foreach (var row in cells) { output.WriteLine(Line(row, header: false)); count++; }
        while (e.MoveNext()) { output.WriteLine(Line(Cells(e.Current), header: false)); count++; }
        output.WriteLine(count == 1 ? "(1 row)" : $"({count.ToString(System.Globalization.CultureInfo.InvariantCulture)} rows)");
    }

    public static void WriteCsv(TextWriter output, QueryResult result) => WriteCsv(output, result.Columns, result.Rows);

    public static void WriteCsv(TextWriter output, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        output.WriteLine(string.Join(",", columns.Select(Csv)));
        foreach (var row in rows) output.WriteLine(string.Join(",", row.Select(v => Csv(SqlQuery.Text(v)))));
    }

    public static void WriteJson(TextWriter output, QueryResult result) => WriteJson(output, result.Columns, result.Rows);

    /// <summary>An indented JSON array of objects, written one object at a time.</summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        bool first = true;
        foreach (var row in rows)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                for (int c = 0; c < row.Length; c++)
                {
                    json.WritePropertyName(columns[c]);
                    WriteJsonValue(json, row[c]);
                }
                json.WriteEndObject();
            }
            output.Write(first ? "[\n" : ",\n");
            first = false;
            var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
            output.Write(string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(l => "  " + l)));
        }
        output.WriteLine(first ? "[]" : "\n]");
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? v)
    {
        switch (v)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case decimal m: json.WriteNumberValue(m); break;
            case sbyte or byte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            default: json.WriteStringValue(SqlQuery.Text(v)); break;
        }
    }

    private static bool IsNumber(object? v) => v is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or System.Numerics.BigInteger;

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
