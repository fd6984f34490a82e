using DuckDB.NET.Data;

namespace KetaSim.IO.Store;

public sealed partial class ResultStore
{
    /// <summary>Per arm and visit over included subjects: COUNT, AVG and VAR_SAMP of MADRS and of its change
    /// from baseline, and response/remission counts, computed by DuckDB from the stored rows (so a resumed
    /// run's summaries cover every subject, not only those simulated in this process).</summary>
    public IReadOnlyList<VisitSummary> VisitSummaries()
    {
        const string sql = """
            SELECT v.arm, v.visit_h,
                   COUNT(v.madrs), AVG(v.madrs), VAR_SAMP(v.madrs),
                   AVG(v.madrs_change), VAR_SAMP(v.madrs_change),
                   COUNT(*) FILTER (WHERE v.response), COUNT(*) FILTER (WHERE v.remission)
            FROM visits v JOIN subjects s USING (subject_index)
            WHERE s.included AND s.completed
            GROUP BY v.arm, v.visit_h
            ORDER BY v.arm, v.visit_h
            """;
        return Query(sql, r => new VisitSummary(r.GetString(0), r.GetDouble(1), r.GetInt64(2),
            NullableDouble(r, 3), NullableDouble(r, 4), NullableDouble(r, 5), NullableDouble(r, 6), r.GetInt64(7), r.GetInt64(8)));
    }

    /// <summary>Per arm: stored subjects, included subjects, included subjects with a dropout event.</summary>
    public IReadOnlyList<ArmSummary> ArmSummaries()
    {
        const string sql = """
            SELECT s.arm, COUNT(*), COUNT(*) FILTER (WHERE s.included),
                   COUNT(*) FILTER (WHERE s.included AND EXISTS (
                       SELECT 1 FROM events e WHERE e.subject_index = s.subject_index AND e.kind = 'dropout'))
            FROM subjects s
            WHERE s.completed
            GROUP BY s.arm
            ORDER BY s.arm
            """;
        return Query(sql, r => new ArmSummary(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
    }

    /// <summary>Writes run/subjects/visits/events as <c>TABLE.parquet</c> into <paramref name="directory"/>
    /// (created if needed), rows in key order. Returns the files written.</summary>
    public IReadOnlyList<string> ExportParquet(string directory) => Export(directory, "parquet", "FORMAT PARQUET");

    /// <summary>As <see cref="ExportParquet"/>, as <c>TABLE.csv</c> with a header row.</summary>
    public IReadOnlyList<string> ExportCsv(string directory) => Export(directory, "csv", "FORMAT CSV, HEADER");

    private List<string> Export(string directory, string extension, string options)
    {
        Flush();
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        lock (_dbLock)
        {
            foreach (var (table, orderBy) in StoreSchema.Tables)
            {
                var file = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, $"{table}.{extension}"));
                Execute(_connection, $"COPY (SELECT * FROM {table} ORDER BY {orderBy}) TO {StoreSchema.Literal(file)} ({options})");
                files.Add(file);
            }
        }
        return files;
    }

    /// <summary>Runs a read query on the store's connection after committing everything queued.</summary>
    public IReadOnlyList<T> Query<T>(string sql, Func<DuckDBDataReader, T> map)
    {
        Flush();
        lock (_dbLock)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var rows = new List<T>();
            while (r.Read()) rows.Add(map(r));
            return rows;
        }
    }

    private static double? NullableDouble(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
