using DuckDB.NET.Data;
using KetaSim.IO.Store;

namespace KetaSim.IO.Tests.Store;

/// <summary>Deterministic fake subjects and table dumps for the store tests.</summary>
internal static class StoreFixtures
{
    public static readonly string[] Covariates = ["age_y", "weight_kg", "baseline_madrs"];

    public static RunInfo Run(int n) => new("run-1", new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), "test-version", 42, n,
        "fixture trial", "name: fixture trial\narms: [ketamine, placebo]\n", """{"dose_mg_per_kg":0.5}""");

    public static readonly double[] VisitTimes = [0, 24, 168, 336];

    /// <summary>Subject i: arm by parity; every 5th drops out before the last visit; every 3rd has a held dose.</summary>
    public static SubjectRecord Subject(int i, double shift = 0)
    {
        var baseline = 25 + (i * 7 % 13) + shift;
        var covariates = new Dictionary<string, double> { ["age_y"] = 20 + i % 50, ["weight_kg"] = 60 + i * 0.25, ["baseline_madrs"] = baseline };
        var arm = i % 2 == 0 ? "ketamine" : "placebo";
        var visits = new List<VisitRecord>();
        foreach (var t in VisitTimes)
        {
            bool dropped = i % 5 == 0 && t == 336;
            double? madrs = dropped ? null : baseline - (arm == "ketamine" ? 0.04 : 0.015) * t - (i % 4);
            double? change = madrs - baseline;
            visits.Add(new VisitRecord(t, madrs, change, madrs is null ? null : madrs <= baseline / 2, madrs is null ? null : madrs <= 10));
        }
        var events = new List<EventRecord>();
        if (i % 3 == 0) events.Add(new EventRecord(48, EventKinds.DoseHeld, "sbp 165 mmHg"));
        if (i % 5 == 0) events.Add(new EventRecord(200, EventKinds.Dropout, null));
        return new SubjectRecord(i, arm, Included: i % 11 != 0, covariates, visits, events);
    }

    /// <summary>Every table's rows in key order, as text, read through a fresh read-only connection.</summary>
    public static List<string> Dump(string path)
    {
        var lines = new List<string>();
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        foreach (var (table, order) in new[] { ("run", "run_id"), ("subjects", "subject_index"), ("visits", "subject_index, visit_h"), ("events", "subject_index, seq") })
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {table} ORDER BY {order}";
            using var r = cmd.ExecuteReader();
            while (r.Read())
                lines.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(c => r.IsDBNull(c) ? "NULL" : SqlQuery.Text(r.GetValue(c)))));
        }
        return lines;
    }

    public static long Scalar(string path, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class StoreTempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ketasim-store-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, true);
    }
}
