using System.Globalization;
using DuckDB.NET.Data;
using KetaSim.IO.Input;

namespace KetaSim.IO.Store;

/// <summary>A query's result: column names and rows of plain .NET values (null for SQL NULL).</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Ad-hoc SQL against a result store (what <c>ketasim query</c> runs). The store is opened read-only with
/// file-system access, extension installation and loading disabled and the configuration locked
/// (<c>enable_external_access=false</c>, <c>lock_configuration=true</c>), so a query can neither change the
/// store nor read or write any other file; and only a single statement that reads (SELECT, WITH, FROM, VALUES,
/// DESCRIBE, SHOW, SUMMARIZE, as DuckDB's own parser classifies it) is accepted.
/// </summary>
public static class SqlQuery
{
    /// <summary>The connection settings of a query connection.</summary>
    public const string Settings = "ACCESS_MODE=READ_ONLY;enable_external_access=false;autoinstall_known_extensions=false;" +
        "autoload_known_extensions=false;allow_community_extensions=false;lock_configuration=true";

    private const string Allowed = "one statement that reads: SELECT, WITH ... SELECT, FROM, VALUES, DESCRIBE, SHOW or SUMMARIZE on the store's tables";

    /// <summary>Runs <paramref name="sql"/> and returns every row (for small results; <see cref="Stream"/> for large ones).</summary>
    public static QueryResult Run(string path, string sql)
    {
        QueryResult? result = null;
        Stream(path, sql, (columns, rows) => result = new QueryResult(columns, rows.ToList()));
        return result!;
    }

    /// <summary>Runs <paramref name="sql"/> and hands its column names and its rows, read one at a time while
    /// <paramref name="consume"/> enumerates them, to <paramref name="consume"/>. A missing or unreadable file,
    /// bad SQL, a statement that would write, or an attempt to reach a file is an <see cref="InputException"/>
    /// carrying DuckDB's message on one line.</summary>
    public static void Stream(string path, string sql, Action<IReadOnlyList<string>, IEnumerable<object?[]>> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InputException(path, 0, "", null, "no such result store", "the path of a RUN.duckdb file written by KetaSim");
        if (string.IsNullOrWhiteSpace(sql))
            throw new InputException(path, 0, "SQL", sql, "the query is empty", "a DuckDB SQL query, e.g. \"SELECT * FROM run\"");
        DuckDBConnection connection;
        try
        {
            connection = new DuckDBConnection($"Data Source={full};{Settings}");
            connection.Open();
        }
        catch (DuckDBException e)
        {
            throw new InputException(path, 0, "", null, $"cannot open the result store ({ResultStore.OneLine(e.Message)})", "a RUN.duckdb file written by KetaSim");
        }
        using (connection)
        {
            CheckReadsOnly(connection, path, sql);
            try
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = sql;
                using var reader = cmd.ExecuteReader();
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
                consume(columns, Rows(reader));
            }
            catch (DuckDBException e)
            {
                throw new InputException(path, 0, "", null, ResultStore.OneLine(e.Message), "");
            }
        }
    }

    private static IEnumerable<object?[]> Rows(DuckDBDataReader reader)
    {
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            yield return row;
        }
    }

    /// <summary>Refuses anything but one reading statement, as DuckDB's parser sees it (json_serialize_sql
    /// serializes SELECT statements only). A syntax error is left to the query itself, for DuckDB's message.</summary>
    private static void CheckReadsOnly(DuckDBConnection connection, string path, string sql)
    {
        string json;
        try
        {
            using var cmd = connection.CreateCommand();
            // A literal, not a parameter: the function needs a constant string.
            cmd.CommandText = "SELECT json_serialize_sql(" + StoreSchema.Literal(sql) + ")";
            json = cmd.ExecuteScalar() as string ?? "";
        }
        catch (DuckDBException e)
        {
            throw new InputException(path, 0, "SQL", sql, $"the statement cannot be checked ({ResultStore.OneLine(e.Message)})", Allowed);
        }
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.GetBoolean())
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "" : "";
            // Anything but "not a SELECT" (a syntax error) is left to the query itself, which reports DuckDB's message.
            if (!message.Contains("Only SELECT", StringComparison.OrdinalIgnoreCase)) return;
            throw new InputException(path, 0, "SQL", sql, "only statements that read are allowed (the store is opened read-only)", Allowed);
        }
        if (root.TryGetProperty("statements", out var statements) && statements.GetArrayLength() != 1)
            throw new InputException(path, 0, "SQL", sql, $"{statements.GetArrayLength()} statements given", Allowed);
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
