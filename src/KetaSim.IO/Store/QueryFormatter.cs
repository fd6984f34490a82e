using System.Text;
using System.Text.Json;

namespace KetaSim.IO.Store;

/// <summary>Prints a <see cref="QueryResult"/> as an aligned table, CSV (RFC 4180) or JSON (array of objects).</summary>
public static class QueryFormatter
{
    public static readonly string[] Formats = ["table", "csv", "json"];

    public static void Write(TextWriter output, QueryResult result, string format)
    {
        switch (format)
        {
            case "table": WriteTable(output, result); break;
            case "csv": WriteCsv(output, result); break;
            case "json": WriteJson(output, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "Expected table, csv or json.");
        }
    }

    /// <summary>Columns padded to their widest cell; numbers right-aligned; NULL shown as NULL.</summary>
    public static void WriteTable(TextWriter output, QueryResult result)
    {
        var cells = result.Rows.Select(r => r.Select(v => v is null ? "NULL" : OneLine(SqlQuery.Text(v))).ToArray()).ToList();
        int n = result.Columns.Count;
        var widths = new int[n];
        var numeric = new bool[n];
        for (int c = 0; c < n; c++)
        {
            widths[c] = Math.Max(result.Columns[c].Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length));
            numeric[c] = result.Rows.Count > 0 && result.Rows.All(r => r[c] is null || IsNumber(r[c]));
        }
        string Line(IReadOnlyList<string> values, bool header) => string.Join("  ",
            values.Select((v, c) => !header && numeric[c] ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd();
        output.WriteLine(Line(result.Columns, header: true));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells) output.WriteLine(Line(row, header: false));
        output.WriteLine(result.Rows.Count == 1 ? "(1 row)" : $"({result.Rows.Count} rows)");
    }

    public static void WriteCsv(TextWriter output, QueryResult result)
    {
        output.WriteLine(string.Join(",", result.Columns.Select(Csv)));
        foreach (var row in result.Rows) output.WriteLine(string.Join(",", row.Select(v => Csv(SqlQuery.Text(v)))));
    }

    public static void WriteJson(TextWriter output, QueryResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                for (int c = 0; c < row.Length; c++)
                {
                    json.WritePropertyName(result.Columns[c]);
                    WriteJsonValue(json, row[c]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
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
