using KetaSim.IO.Input;
using KetaSim.IO.Store;
using static KetaSim.IO.Tests.Store.StoreFixtures;

namespace KetaSim.IO.Tests.Store;

public sealed class ResultStoreTests
{
    [Fact]
    public void Create_makes_the_six_tables_with_the_declared_covariates_and_the_run_row()
    {
        using var dir = new StoreTempDir();
        var path = dir["RUN.duckdb"];
        using (ResultStore.Create(path, Run(10), Covariates)) { }

        var columns = SqlQuery.Run(path, "SELECT table_name, column_name FROM information_schema.columns ORDER BY table_name, ordinal_position")
            .Rows.Select(r => $"{r[0]}.{r[1]}").ToList();
        Assert.Equal(
            ["events.subject_index", "events.seq", "events.arm", "events.time_h", "events.kind", "events.detail",
             "ratings.subject_index", "ratings.visit", "ratings.arm", "ratings.visit_h", "ratings.item10", "ratings.cgi_ss_r",
             "run.schema_version", "run.run_id", "run.created_utc", "run.model_version", "run.seed", "run.n_subjects", "run.trial_name", "run.definition", "run.parameters_json",
             "sessions.subject_index", "sessions.session", "sessions.arm", "sessions.time_h", "sessions.held", "sessions.pre_sbp_mmhg", "sessions.pre_dbp_mmhg",
             "sessions.peak_sbp_mmhg", "sessions.peak_dbp_mmhg", "sessions.pre_cadss", "sessions.peak_cadss", "sessions.min_moaas", "sessions.peak_drug_liking",
             "subjects.subject_index", "subjects.arm", "subjects.included", "subjects.completed", "subjects.age_y", "subjects.weight_kg", "subjects.baseline_madrs",
             "visits.subject_index", "visits.arm", "visits.visit_h", "visits.madrs", "visits.madrs_change", "visits.response", "visits.remission"],
            columns);
        using var store = ResultStore.OpenReadOnly(path);
        Assert.Equal(Run(10), store.Run);
        Assert.Equal(Covariates, store.CovariateNames);
        Assert.Empty(store.CompletedSubjects);
    }

    [Fact]
    public void Run_New_records_this_builds_informational_version()
    {
        var run = RunInfo.New(1, 2, "t", "d", "{}");
        Assert.StartsWith("0.", run.ModelVersion, StringComparison.Ordinal);
        Assert.Equal(32, run.RunId.Length);
    }

    [Fact]
    public void Subjects_added_from_many_threads_are_all_stored_exactly_once()
    {
        const int n = 3000;
        using var dir = new StoreTempDir();
        var path = dir["RUN.duckdb"];
        using (var store = ResultStore.Create(path, Run(n), Covariates, new ResultStoreOptions { QueueCapacity = 16, MaxBatch = 50 }))
        {
            // Reverse-ish, interleaved order across threads: completion order must not matter.
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => store.Add(Subject(n - 1 - k)));
        }
        var expected = Enumerable.Range(0, n).Select(i => Subject(i)).ToList();
        Assert.Equal(n, Scalar(path, "SELECT COUNT(*) FROM subjects WHERE completed"));
        Assert.Equal(n, Scalar(path, "SELECT COUNT(DISTINCT subject_index) FROM subjects"));
        Assert.Equal(expected.Sum(s => s.Visits.Count), Scalar(path, "SELECT COUNT(*) FROM visits"));
        Assert.Equal(expected.Sum(s => s.Events.Count), Scalar(path, "SELECT COUNT(*) FROM events"));
        Assert.Equal(expected.Count(s => s.Events.Any(e => e.Kind == "dropout")), Scalar(path, "SELECT COUNT(*) FROM events WHERE kind = 'dropout'"));
        Assert.Equal(0, Scalar(path, "SELECT COUNT(*) FROM (SELECT subject_index, visit_h FROM visits GROUP BY ALL HAVING COUNT(*) > 1)"));
        using var reopened = ResultStore.OpenReadOnly(path);
        Assert.Equal(Enumerable.Range(0, n).ToHashSet(), reopened.CompletedSubjects);
    }

    [Fact]
    public void Visit_summaries_equal_count_mean_and_sample_variance_over_included_subjects()
    {
        const int n = 200;
        using var dir = new StoreTempDir();
        using var store = ResultStore.Create(dir["RUN.duckdb"], Run(n), Covariates);
        var subjects = Enumerable.Range(0, n).Select(i => Subject(i)).ToList();
        foreach (var s in subjects) store.Add(s);

        var summaries = store.VisitSummaries();
        Assert.Equal(2 * VisitTimes.Length, summaries.Count);
        foreach (var summary in summaries)
        {
            var values = subjects.Where(s => s.Included && s.Arm == summary.Arm)
                .Select(s => s.Visits.Single(v => v.VisitH == summary.VisitH)).Where(v => v.Madrs is not null).ToList();
            var madrs = values.Select(v => v.Madrs!.Value).ToList();
            Assert.Equal(madrs.Count, summary.N);
            Assert.Equal(madrs.Average(), summary.MeanMadrs!.Value, 1e-9);
            var mean = madrs.Average();
            Assert.Equal(madrs.Sum(x => (x - mean) * (x - mean)) / (madrs.Count - 1), summary.VarMadrs!.Value, 1e-9);
            Assert.Equal(values.Count(v => v.Response == true), summary.NResponse);
            Assert.Equal(values.Count(v => v.Remission == true), summary.NRemission);
        }
        var arms = store.ArmSummaries();
        Assert.Equal(["ketamine", "placebo"], arms.Select(a => a.Arm));
        Assert.Equal(subjects.Count(s => s.Included && s.Arm == "ketamine" && s.Events.Any(e => e.Kind == "dropout")), arms[0].NDropouts);
        Assert.Equal(subjects.Count(s => s.Arm == "placebo"), arms[1].NSubjects);
    }

    [Fact]
    public void A_failure_mid_subject_leaves_no_row_of_it_and_keeps_earlier_subjects()
    {
        using var dir = new StoreTempDir();
        var path = dir["RUN.duckdb"];
        var store = ResultStore.Create(path, Run(20), Covariates);
        for (int i = 0; i < 5; i++) store.Add(Subject(i));
        store.Flush();
        // Subject 7's subjects and visits rows are appended, then the write fails before its events.
        store.TestHookMidBatch = batch => throw new IOException("simulated disk failure");
        store.Add(Subject(6));
        store.Add(Subject(7));
        var failure = Assert.Throws<ResultStoreException>(store.Flush);
        Assert.Contains("simulated disk failure", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ResultStoreException>(() => store.Add(Subject(8)));
        Assert.Throws<ResultStoreException>(store.Dispose);

        using var reopened = ResultStore.OpenReadOnly(path);
        Assert.Equal(Enumerable.Range(0, 5).ToHashSet(), reopened.CompletedSubjects);
        Assert.Equal(0, Scalar(path, "SELECT COUNT(*) FROM visits WHERE subject_index >= 5"));
        Assert.Equal(0, Scalar(path, "SELECT COUNT(*) FROM events WHERE subject_index >= 5"));
        Assert.Equal(5 * VisitTimes.Length, Scalar(path, "SELECT COUNT(*) FROM visits"));
    }

    [Fact]
    public void Writing_a_stored_index_again_replaces_it_instead_of_counting_it_twice()
    {
        using var dir = new StoreTempDir();
        var path = dir["RUN.duckdb"];
        using (var store = ResultStore.Create(path, Run(5), Covariates))
        {
            store.Add(Subject(3));
            store.Flush();
            store.Add(Subject(3, shift: 1));
            store.Add(Subject(3, shift: 2)); // same batch twice: the later wins
        }
        Assert.Equal(1, Scalar(path, "SELECT COUNT(*) FROM subjects"));
        Assert.Equal(VisitTimes.Length, Scalar(path, "SELECT COUNT(*) FROM visits"));
        Assert.Equal(Subject(3).Events.Count, Scalar(path, "SELECT COUNT(*) FROM events"));
        Assert.Equal((long)Subject(3, shift: 2).Covariates["baseline_madrs"], Scalar(path, "SELECT CAST(baseline_madrs AS BIGINT) FROM subjects"));
    }

    [Fact]
    public void Killed_mid_subject_then_resumed_gives_exactly_the_uninterrupted_tables()
    {
        const int n = 40;
        using var dir = new StoreTempDir();

        var reference = dir["reference.duckdb"];
        using (var store = ResultStore.Create(reference, Run(n), Covariates))
            for (int i = 0; i < n; i++) store.Add(Subject(i));

        // Session 1 commits subjects 0..n/2-1, then is "killed" while subject n/2 is half appended: the
        // database files are copied at that instant (what a killed process leaves on disk).
        var live = dir["live.duckdb"];
        var crashed = dir["crashed.duckdb"];
        var session1 = ResultStore.Create(live, Run(n), Covariates);
        for (int i = 0; i < n / 2; i++) session1.Add(Subject(i));
        session1.Flush();
        session1.TestHookMidBatch = _ =>
        {
            File.Copy(live, crashed);
            if (File.Exists(live + ".wal")) File.Copy(live + ".wal", crashed + ".wal");
            throw new OperationCanceledException("killed");
        };
        session1.Add(Subject(n / 2));
        Assert.Throws<ResultStoreException>(session1.Flush);
        Assert.Throws<ResultStoreException>(session1.Dispose);
        Assert.True(File.Exists(crashed));

        using (var resumed = ResultStore.OpenForResume(crashed))
        {
            Assert.Equal(Enumerable.Range(0, n / 2).ToHashSet(), resumed.CompletedSubjects);
            Assert.Equal(Run(n), resumed.Run);
            var todo = Enumerable.Range(0, n).Where(i => !resumed.CompletedSubjects.Contains(i))
                .Concat([0, 3, n / 2 - 1]) // a careless runner re-writes completed indices: no double counting
                .ToList();
            Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => resumed.Add(Subject(i)));
        }

        Assert.Equal(Dump(reference), Dump(crashed));
        Assert.Equal(n, Scalar(crashed, "SELECT COUNT(*) FROM subjects"));
    }

    [Fact]
    public void Export_writes_parquet_and_csv_that_duckdb_reads_back()
    {
        const int n = 30;
        using var dir = new StoreTempDir();
        var path = dir["RUN.duckdb"];
        using var store = ResultStore.Create(path, Run(n), Covariates);
        for (int i = 0; i < n; i++) store.Add(Subject(i));

        var parquet = store.ExportParquet(dir["parquet"]);
        var csv = store.ExportCsv(dir["csv"]);
        Assert.Equal(["run.parquet", "subjects.parquet", "visits.parquet", "events.parquet", "sessions.parquet", "ratings.parquet"], parquet.Select(Path.GetFileName));
        Assert.Equal(["run.csv", "subjects.csv", "visits.csv", "events.csv", "sessions.csv", "ratings.csv"], csv.Select(Path.GetFileName));

        var visits = dir["parquet/visits.parquet"];
        var fromStore = store.Query("SELECT COUNT(*), SUM(madrs), COUNT(madrs) FROM visits", r => (r.GetInt64(0), r.GetDouble(1), r.GetInt64(2))).Single();
        var fromParquet = store.Query($"SELECT COUNT(*), SUM(madrs), COUNT(madrs) FROM read_parquet('{visits}')", r => (r.GetInt64(0), r.GetDouble(1), r.GetInt64(2))).Single();
        Assert.Equal(fromStore, fromParquet);
        var fromCsv = store.Query($"SELECT COUNT(*), SUM(madrs), COUNT(madrs) FROM read_csv('{dir["csv/visits.csv"]}', header = true)", r => (r.GetInt64(0), r.GetDouble(1), r.GetInt64(2))).Single();
        Assert.Equal(fromStore.Item1, fromCsv.Item1);
        Assert.Equal(fromStore.Item2, fromCsv.Item2, 1e-9);
        Assert.Equal(n, store.Query($"SELECT COUNT(*) FROM read_parquet('{dir["parquet/subjects.parquet"]}') WHERE completed", r => r.GetInt64(0)).Single());
        Assert.Equal("fixture trial", store.Query($"SELECT trial_name FROM read_csv('{dir["csv/run.csv"]}', header = true)", r => r.GetString(0)).Single());
    }

    [Fact]
    public void Bad_paths_and_bad_records_are_refused_with_a_message()
    {
        using var dir = new StoreTempDir();
        var missing = Assert.Throws<InputException>(() => ResultStore.OpenForResume(dir["nope.duckdb"]));
        Assert.Contains("no such result store", missing.Message, StringComparison.Ordinal);
        var path = dir["RUN.duckdb"];
        using (var store = ResultStore.Create(path, Run(3), Covariates))
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Add(Subject(3)));
            Assert.Throws<ArgumentException>(() => store.Add(Subject(1) with { Covariates = new Dictionary<string, double> { ["age_y"] = 1 } }));
            Assert.Throws<ArgumentException>(() => store.Add(Subject(1) with { Events = [new EventRecord(1, "Bad Kind")] }));
        }
        Assert.Contains("already exists", Assert.Throws<InputException>(() => ResultStore.Create(path, Run(3), Covariates)).Message, StringComparison.Ordinal);
        File.WriteAllText(dir["junk.duckdb"], "not a database");
        Assert.Throws<InputException>(() => ResultStore.OpenReadOnly(dir["junk.duckdb"]));
        Assert.Throws<ArgumentException>(() => ResultStore.Create(dir["x.duckdb"], Run(3), ["Bad-Name"]));
    }
}
