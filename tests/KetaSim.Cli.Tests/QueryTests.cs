using System.Text.Json;
using KetaSim.IO.Store;

namespace KetaSim.Cli.Tests;

public sealed class QueryTests
{
    private static string MakeStore(TempDir dir)
    {
        var path = dir["RUN.duckdb"];
        var run = new RunInfo("r1", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), "v", 7, 4, "tiny trial", "name: tiny", "{}");
        using var store = ResultStore.Create(path, run, ["age_y"]);
        for (int i = 0; i < 4; i++)
        {
            var arm = i % 2 == 0 ? "ketamine" : "placebo";
            store.Add(new SubjectRecord(i, arm, true, new Dictionary<string, double> { ["age_y"] = 30 + i },
                [new VisitRecord(0, 30, 0, false, false), new VisitRecord(24, 20 - i, -10 - i, i < 2, false)],
                i == 3 ? [new EventRecord(12, EventKinds.Dropout, "withdrew, \"side effects\"")] : []));
        }
        return path;
    }

    [Fact]
    public void Prints_an_aligned_table()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("query", MakeStore(dir), "SELECT arm, COUNT(*) AS n, AVG(madrs) AS mean FROM visits WHERE visit_h = 24 GROUP BY arm ORDER BY arm");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var lines = r.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(["arm       n  mean", "--------  -  ----", "ketamine  2    19", "placebo   2    18", "(2 rows)"], lines);
    }

    [Fact]
    public void Prints_csv_with_quoting_and_json_with_types()
    {
        using var dir = new TempDir();
        var path = MakeStore(dir);
        var csv = CliRunner.Run("query", path, "SELECT subject_index, kind, detail FROM events", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        Assert.Equal("subject_index,kind,detail\n3,dropout,\"withdrew, \"\"side effects\"\"\"\n", csv.Stdout.ReplaceLineEndings("\n"));

        var json = CliRunner.Run("query", path, "SELECT subject_index, included, age_y, NULL AS nothing FROM subjects ORDER BY 1 LIMIT 2", "-f", "json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        Assert.Equal(0, first.GetProperty("subject_index").GetInt32());
        Assert.True(first.GetProperty("included").GetBoolean());
        Assert.Equal(30.0, first.GetProperty("age_y").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("nothing").ValueKind);
    }

    [Fact]
    public void Bad_sql_exits_2_with_duckdbs_message_on_one_line()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("query", MakeStore(dir), "SELEC * FROM visits");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Single(r.Stderr.TrimEnd().ReplaceLineEndings("\n").Split('\n'));
        Assert.Contains("syntax error", r.Stderr, StringComparison.OrdinalIgnoreCase);

        var unknown = CliRunner.Run("query", dir["RUN.duckdb"], "SELECT * FROM no_such_table");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no_such_table", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_is_opened_read_only()
    {
        using var dir = new TempDir();
        var path = MakeStore(dir);
        var r = CliRunner.Run("query", path, "DELETE FROM visits");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("read-only", r.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("(8 rows)", CliRunner.Run("query", path, "SELECT * FROM visits").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2_and_creates_nothing()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("query", dir["missing.duckdb"], "SELECT 1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no such result store", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Help_and_bad_format()
    {
        var help = CliRunner.Run("query", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--format", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("read-only", help.Stdout, StringComparison.Ordinal);
        using var dir = new TempDir();
        var bad = CliRunner.Run("query", MakeStore(dir), "SELECT 1", "--format", "xml");
        Assert.Equal(2, bad.ExitCode);
    }

    public static TheoryData<string> Hostile => new()
    {
        "COPY visits TO '{dir}/copy.csv'",
        "EXPORT DATABASE '{dir}/export'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "INSTALL httpfs",
        "ATTACH '{dir}/other.duckdb' AS o (READ_WRITE)",
        "ATTACH '{store}' AS w; DELETE FROM w.visits",
        "DETACH RUN; ATTACH '{store}' AS RUN; DELETE FROM RUN.visits",
        "SET enable_external_access = true",
        "SELECT 1; DELETE FROM visits",
        "CREATE TABLE t AS SELECT 1",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Only_reading_statements_run_and_no_other_file_is_reached(string template)
    {
        using var dir = new TempDir();
        var path = MakeStore(dir);
        var sql = template.Replace("{dir}", dir.Path, StringComparison.Ordinal).Replace("{store}", path, StringComparison.Ordinal);
        var r = CliRunner.Run("query", path, sql);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stdout}{r.Stderr}");
        Assert.Single(r.Stderr.TrimEnd().ReplaceLineEndings("\n").Split('\n'));
        Assert.DoesNotContain("root:", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(["RUN.duckdb"], dir.Entries());
        Assert.Contains("(8 rows)", CliRunner.Run("query", path, "SELECT * FROM visits").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_statements_other_than_select_still_work()
    {
        using var dir = new TempDir();
        var path = MakeStore(dir);
        Assert.Equal(0, CliRunner.Run("query", path, "DESCRIBE visits").ExitCode);
        Assert.Equal(0, CliRunner.Run("query", path, "WITH a AS (SELECT arm FROM subjects) FROM a").ExitCode);
        Assert.Equal(0, CliRunner.Run("query", path, "SUMMARIZE visits").ExitCode);
    }

    /// <summary>A TextWriter that keeps nothing and records the managed heap's peak while lines arrive.</summary>
    private sealed class PeakWriter : TextWriter
    {
        public long Lines;
        public long PeakBytes;
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void Write(char value) { }
        public override void WriteLine(string? value)
        {
            if (++Lines % 250_000 == 0) PeakBytes = Math.Max(PeakBytes, GC.GetTotalMemory(forceFullCollection: true));
        }
    }

    [Fact]
    public void Large_results_are_streamed_not_buffered()
    {
        using var dir = new TempDir();
        var path = MakeStore(dir);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var format in new[] { "csv", "table" })
        {
            var writer = new PeakWriter();
            int code = Program.Run(["query", path, "SELECT range AS i, range * 0.5 AS x FROM range(4000000)", "--format", format], writer, new StringWriter());
            Assert.Equal(0, code);
            Assert.True(writer.Lines >= 4_000_000, format);
            // Buffered, 4 M rows of two boxed values take ~400 MB; streamed, the heap barely grows.
            Assert.True(writer.PeakBytes - before < 100_000_000, $"{format}: heap grew by {(writer.PeakBytes - before) / 1_000_000} MB");
        }
    }
}
