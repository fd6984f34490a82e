using System.CommandLine;
using KetaSim.IO.Store;

namespace KetaSim.Cli;

/// <summary><c>ketasim query RUN.duckdb "SQL"</c>: ad-hoc SQL on a result store opened read-only.</summary>
internal static class QueryCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var store = new Argument<string>("STORE")
        {
            Description = "A result store (RUN.duckdb) written by a trial run; opened read-only (format: docs/result-store.md).",
        };
        var sql = new Argument<string>("SQL")
        {
            Description = "DuckDB SQL, e.g. \"SELECT arm, visit_h, AVG(madrs) FROM visits GROUP BY ALL ORDER BY ALL\". Tables: run, subjects, visits, events.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: table (aligned columns), csv, or json (array of objects).",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong(QueryFormatter.Formats);
        var command = new Command("query", "Run one reading SQL statement (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE) on a result store opened read-only, without access to other files, and print the result as it is read. Bad SQL, a statement that would write, or a missing file exits 2 with one line.")
        {
            store, sql, format,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            SqlQuery.Stream(parse.GetRequiredValue(store), parse.GetRequiredValue(sql),
                (columns, rows) => QueryFormatter.Write(stdout, columns, rows, parse.GetValue(format) ?? "table"));
            return Program.Ok;
        }));
        return command;
    }
}
