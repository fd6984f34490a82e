using System.Globalization;
using DuckDB.NET.Data;
using KetaSim.IO.Input;

namespace KetaSim.IO.Store;

/// <summary>A query's result: column names and rows of plain .NET values (null for SQL NULL).</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>Ad-hoc SQL against a result store opened read-only (what <c>ketasim query</c> runs).</summary>
public static class SqlQuery
{
    /// <summary>Runs <paramref name="sql"/> (one or more statements; the last result is returned). A missing
    /// or unreadable file, bad SQL, or a statement that would write is an <see cref="InputException"/>
    /// carrying DuckDB's message on one line.</summary>
    public static QueryResult Run(string path, string sql)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InputException(path, 0, "", null, "no such result store", "the path of a RUN.duckdb file written by KetaSim");
        if (string.IsNullOrWhiteSpace(sql))
            throw new InputException(path, 0, "SQL", sql, "the query is empty", "a DuckDB SQL query, e.g. \"SELECT * FROM run\"");
        try
        {
            using var connection = new DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            QueryResult result;
            do
            {
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
                var rows = new List<object?[]>();
                while (reader.Read())
                {
                    var row = new object?[reader.FieldCount];
                    for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    rows.Add(row);
                }
                result = new QueryResult(columns, rows);
            } while (reader.NextResult());
            return result;
        }
        catch (DuckDBException e)
        {
            throw new InputException(path, 0, "", null, ResultStore.OneLine(e.Message), "");
        }
    }

    /// <summary>A value as text: invariant culture, shortest round-trip doubles, ISO timestamps.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
