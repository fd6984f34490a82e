using System.Text;
using System.Text.RegularExpressions;

namespace KetaSim.IO.Store;

/// <summary>The tables of a result store. Covariates are DOUBLE columns appended to <c>subjects</c>,
/// named when the store is created (categorical covariates are stored as numeric codes).</summary>
internal static partial class StoreSchema
{
    /// <summary>2: the <c>sessions</c> table (per-session safety read-outs of trials with a safety block); 3: the <c>ratings</c>
    /// table (suicidality ratings of trials with suicidality endpoints, so a resumed run keeps them).</summary>
    public const int Version = 3;

    /// <summary>Fixed leading columns of <c>subjects</c>; covariates follow in declaration order.</summary>
    public static readonly string[] SubjectFixedColumns = ["subject_index", "arm", "included", "completed"];

    public static string CreateTables(IReadOnlyList<string> covariates)
    {
        var sql = new StringBuilder();
        sql.Append("""
            CREATE TABLE run (
                schema_version INTEGER NOT NULL,
                run_id VARCHAR NOT NULL,
                created_utc TIMESTAMP NOT NULL,
                model_version VARCHAR NOT NULL,
                seed BIGINT NOT NULL,
                n_subjects INTEGER NOT NULL,
                trial_name VARCHAR NOT NULL,
                definition VARCHAR NOT NULL,
                parameters_json VARCHAR NOT NULL);
            CREATE TABLE subjects (
                subject_index INTEGER PRIMARY KEY,
                arm VARCHAR NOT NULL,
                included BOOLEAN NOT NULL,
                completed BOOLEAN NOT NULL
            """);
        foreach (var c in covariates) sql.Append($",\n    {Quote(c)} DOUBLE");
        sql.Append("""
            );
            CREATE TABLE visits (
                subject_index INTEGER NOT NULL,
                arm VARCHAR NOT NULL,
                visit_h DOUBLE NOT NULL,
                madrs DOUBLE,
                madrs_change DOUBLE,
                response BOOLEAN,
                remission BOOLEAN);
            CREATE TABLE events (
                subject_index INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                arm VARCHAR NOT NULL,
                time_h DOUBLE NOT NULL,
                kind VARCHAR NOT NULL,
                detail VARCHAR);
            CREATE TABLE sessions (
                subject_index INTEGER NOT NULL,
                session INTEGER NOT NULL,
                arm VARCHAR NOT NULL,
                time_h DOUBLE NOT NULL,
                held BOOLEAN NOT NULL,
                pre_sbp_mmhg DOUBLE,
                pre_dbp_mmhg DOUBLE,
                peak_sbp_mmhg DOUBLE,
                peak_dbp_mmhg DOUBLE,
                pre_cadss DOUBLE,
                peak_cadss DOUBLE,
                min_moaas DOUBLE,
                peak_drug_liking DOUBLE);
            CREATE TABLE ratings (
                subject_index INTEGER NOT NULL,
                visit INTEGER NOT NULL,
                arm VARCHAR NOT NULL,
                visit_h DOUBLE NOT NULL,
                item10 DOUBLE,
                cgi_ss_r DOUBLE);
            """);
        return sql.ToString();
    }

    /// <summary>Table name and the ORDER BY that makes its content canonical (exports, comparisons).</summary>
    public static readonly (string Table, string OrderBy)[] Tables =
    [
        ("run", "run_id"),
        ("subjects", "subject_index"),
        ("visits", "subject_index, visit_h"),
        ("events", "subject_index, seq"),
        ("sessions", "subject_index, session"),
        ("ratings", "subject_index, visit"),
    ];

    public static bool IsValidCovariateName(string name) =>
        CovariateName().IsMatch(name) && !SubjectFixedColumns.Contains(name, StringComparer.OrdinalIgnoreCase);

    public static bool IsValidEventKind(string kind) => EventKind().IsMatch(kind);

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex CovariateName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex EventKind();
}
