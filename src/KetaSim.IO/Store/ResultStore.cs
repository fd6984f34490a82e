using System.Threading.Channels;
using DuckDB.NET.Data;
using KetaSim.IO.Input;

namespace KetaSim.IO.Store;

/// <summary>
/// One run's results in an embedded DuckDB file (<c>RUN.duckdb</c>). Subjects may finish in any order on
/// any thread: <see cref="Add"/> queues a finished subject on a bounded channel and one writer thread
/// appends queued subjects (DuckDB Appender) in one transaction per batch. A subject's row in
/// <c>subjects</c> (with <c>completed = true</c>), its visits and its events are committed together or
/// not at all, so a killed process never leaves a half-written subject; <see cref="OpenForResume"/>
/// reports the completed indices so a runner can skip them. Writing an index that is already stored
/// replaces it (delete-then-insert in the same transaction; <c>subjects.subject_index</c> is the primary
/// key), so nothing is counted twice.
/// </summary>
public sealed partial class ResultStore : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly Lock _dbLock = new();
    private readonly HashSet<int> _completed;
    private readonly Channel<object> _queue;
    private readonly Thread? _writer;
    private readonly string[] _covariates;
    private readonly ResultStoreOptions _options;
    private volatile Exception? _fault;
    private bool _disposed;

    private ResultStore(string path, DuckDBConnection connection, RunInfo run, string[] covariates, HashSet<int> completed, bool writable, ResultStoreOptions? options)
    {
        Path = path;
        _connection = connection;
        Run = run;
        _covariates = covariates;
        _completed = completed;
        _options = options ?? new ResultStoreOptions();
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (writable)
        {
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = "ketasim-result-store" };
            _writer.Start();
        }
        else
        {
            _queue.Writer.Complete();
        }
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>The run this store belongs to (as stored).</summary>
    public RunInfo Run { get; }

    /// <summary>Covariate column names of <c>subjects</c>, in column order.</summary>
    public IReadOnlyList<string> CovariateNames => _covariates;

    /// <summary>Test hook: called on the writer thread after a batch's subjects and visits are appended and
    /// before its events, inside the open transaction (the batch's indices are passed).</summary>
    internal Action<IReadOnlyList<int>>? TestHookMidBatch { get; set; }

    /// <summary>Creates a new store; refuses an existing file.</summary>
    public static ResultStore Create(string path, RunInfo run, IReadOnlyList<string> covariateNames, ResultStoreOptions? options = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
            throw new InputException(path, 0, "", null, "a result store already exists here", "a new file name, or resume it with OpenForResume");
        foreach (var c in covariateNames)
            if (!StoreSchema.IsValidCovariateName(c))
                throw new ArgumentException($"Covariate name '{c}' is not a lower_snake_case identifier (or clashes with a fixed column).", nameof(covariateNames));
        if (covariateNames.Distinct(StringComparer.Ordinal).Count() != covariateNames.Count)
            throw new ArgumentException("Covariate names repeat.", nameof(covariateNames));
        if (run.NSubjects < 0) throw new ArgumentOutOfRangeException(nameof(run), "NSubjects must be >= 0.");
        // Built under a temporary name and renamed when its tables and run row are on disk, so a kill or a full
        // disk during creation never leaves a half-made store under the real name (which would block both a
        // rerun and --resume).
        var creating = full + CreatingSuffix;
        TryDelete(creating);
        DuckDBConnection? connection = null;
        bool moved = false;
        try
        {
            var dir = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            connection = Connect(creating, readOnly: false);
            using (var tx = connection.BeginTransaction())
            {
                Execute(connection, StoreSchema.CreateTables(covariateNames));
                using (var cmd = connection.CreateCommand())
                {
                    cmd.CommandText = "INSERT INTO run VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
                    foreach (var v in new object[] { StoreSchema.Version, run.RunId, DateTime.SpecifyKind(run.CreatedUtc, DateTimeKind.Unspecified), run.ModelVersion, run.Seed, run.NSubjects, run.TrialName, run.Definition, run.ParametersJson })
                        cmd.Parameters.Add(new DuckDBParameter(v));
                    cmd.ExecuteNonQuery();
                }
                tx.Commit();
            }
            Execute(connection, "CHECKPOINT");
            connection.Dispose();
            connection = null;
            if (File.Exists(creating + ".wal"))
                throw new IOException($"{creating}.wal was left after a checkpoint");
            File.Move(creating, full, overwrite: false);
            moved = true;
            connection = Connect(full, readOnly: false);
            return new ResultStore(full, connection, run, [.. covariateNames], [], writable: true, options);
        }
        catch (Exception e) when (e is DuckDBException or IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            TryDelete(creating);
            if (moved) TryDelete(full);
            throw new InputException(path, 0, "", null, $"cannot create the result store ({OneLine(e.Message)})",
                "a writable directory on a file system with free space; fix that and run again (the directory holds nothing of this run)");
        }
        catch
        {
            connection?.Dispose();
            TryDelete(creating);
            if (moved) TryDelete(full);
            throw;
        }
    }

    /// <summary>Suffix of the temporary name a store is built under before it is renamed into place.</summary>
    public const string CreatingSuffix = ".creating";

    /// <summary>Opens an existing store to continue writing. <see cref="CompletedSubjects"/> lists what is
    /// already stored; the runner skips those (and must check <see cref="Run"/> matches what it runs).</summary>
    public static ResultStore OpenForResume(string path, ResultStoreOptions? options = null) => OpenExisting(path, readOnly: false, options);

    /// <summary>Opens an existing store for reading only (aggregates, export). Other processes may read too.</summary>
    public static ResultStore OpenReadOnly(string path) => OpenExisting(path, readOnly: true, null);

    /// <summary>Indices whose rows are committed (a snapshot).</summary>
    public IReadOnlySet<int> CompletedSubjects
    {
        get
        {
            lock (_dbLock) return new HashSet<int>(_completed);
        }
    }

    /// <summary>Queues a finished subject; blocks while the queue is full. Thread-safe. The subject is
    /// durable only after the writer commits it (<see cref="Flush"/> or <see cref="Dispose"/>).</summary>
    public void Add(SubjectRecord subject)
    {
        Validate(subject);
        ThrowIfFaulted();
        if (!_queue.Writer.TryWrite(subject))
        {
            try
            {
                _queue.Writer.WriteAsync(subject).AsTask().GetAwaiter().GetResult();
            }
            catch (ChannelClosedException)
            {
                ThrowIfFaulted();
                throw new ObjectDisposedException(nameof(ResultStore));
            }
        }
    }

    /// <summary>Asynchronous <see cref="Add"/>.</summary>
    public async ValueTask AddAsync(SubjectRecord subject, CancellationToken cancellationToken = default)
    {
        Validate(subject);
        ThrowIfFaulted();
        try
        {
            await _queue.Writer.WriteAsync(subject, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            throw new ObjectDisposedException(nameof(ResultStore));
        }
    }

    /// <summary>Waits until every subject queued before this call is committed (or throws the writer's fault).</summary>
    public void Flush()
    {
        if (_writer is null) return;
        ThrowIfFaulted();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Writer.WriteAsync(done).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            throw new ObjectDisposedException(nameof(ResultStore));
        }
        try
        {
            done.Task.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not ResultStoreException)
        {
            throw new ResultStoreException($"{Path}: writing results failed: {e.Message}", e);
        }
    }

    /// <summary>Commits everything queued, stops the writer and closes the file. Rethrows a writer fault.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Writer.TryComplete();
        _writer?.Join();
        lock (_dbLock) _connection.Dispose();
        ThrowIfFaulted();
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } f) throw new ResultStoreException($"{Path}: writing results failed: {f.Message}", f);
    }

    private void Validate(SubjectRecord s)
    {
        if (_writer is null) throw new InvalidOperationException("This result store was opened read-only.");
        if (s.SubjectIndex < 0 || s.SubjectIndex >= Run.NSubjects)
            throw new ArgumentOutOfRangeException(nameof(s), $"Subject index {s.SubjectIndex} is outside 0..{Run.NSubjects - 1}.");
        if (string.IsNullOrEmpty(s.Arm)) throw new ArgumentException($"Subject {s.SubjectIndex}: arm is empty.", nameof(s));
        if (s.Covariates.Count != _covariates.Length || _covariates.Any(c => !s.Covariates.ContainsKey(c)))
            throw new ArgumentException($"Subject {s.SubjectIndex}: covariates must be exactly [{string.Join(", ", _covariates)}], got [{string.Join(", ", s.Covariates.Keys)}].", nameof(s));
        var seen = new HashSet<double>();
        foreach (var v in s.Visits)
        {
            if (!double.IsFinite(v.VisitH)) throw new ArgumentException($"Subject {s.SubjectIndex}: visit time {v.VisitH} is not finite.", nameof(s));
            if (!seen.Add(v.VisitH)) throw new ArgumentException($"Subject {s.SubjectIndex}: visit at {v.VisitH} h appears twice.", nameof(s));
        }
        foreach (var e in s.Events)
        {
            if (!double.IsFinite(e.TimeH)) throw new ArgumentException($"Subject {s.SubjectIndex}: event time {e.TimeH} is not finite.", nameof(s));
            if (e.Kind is null || !StoreSchema.IsValidEventKind(e.Kind))
                throw new ArgumentException($"Subject {s.SubjectIndex}: event kind '{e.Kind}' is not lower_snake_case.", nameof(s));
        }
    }

    private static ResultStore OpenExisting(string path, bool readOnly, ResultStoreOptions? options)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InputException(path, 0, "", null, "no such result store", "the path of a RUN.duckdb file written by KetaSim");
        DuckDBConnection connection;
        try
        {
            connection = Connect(full, readOnly);
        }
        catch (DuckDBException e)
        {
            throw new InputException(path, 0, "", null, $"cannot open the result store ({OneLine(e.Message)})", "a RUN.duckdb file written by KetaSim and not open for writing elsewhere");
        }
        try
        {
            var run = ReadRun(connection, path);
            var covariates = ReadCovariateNames(connection);
            var completed = new HashSet<int>();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT subject_index FROM subjects WHERE completed";
                using var reader = cmd.ExecuteReader();
                while (reader.Read()) completed.Add(reader.GetInt32(0));
            }
            return new ResultStore(full, connection, run, covariates, completed, writable: !readOnly, options);
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new InputException(path, 0, "", null, $"not a KetaSim result store ({OneLine(e.Message)})", "a RUN.duckdb file written by KetaSim");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static RunInfo ReadRun(DuckDBConnection connection, string path)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT schema_version, run_id, created_utc, model_version, seed, n_subjects, trial_name, definition, parameters_json FROM run";
        using var r = cmd.ExecuteReader();
        if (!r.Read()) throw new InputException(path, 0, "run", null, "the run table is empty", "a RUN.duckdb file written by KetaSim");
        var version = r.GetInt32(0);
        if (version != StoreSchema.Version)
            throw new InputException(path, 0, "run.schema_version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "unsupported store schema version", $"{StoreSchema.Version}");
        return new RunInfo(r.GetString(1), DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc), r.GetString(3), r.GetInt64(4), r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetString(8));
    }

    private static string[] ReadCovariateNames(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT column_name FROM information_schema.columns WHERE table_name = 'subjects' ORDER BY ordinal_position";
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return [.. names.Skip(StoreSchema.SubjectFixedColumns.Length)];
    }

    private static DuckDBConnection Connect(string fullPath, bool readOnly)
    {
        var connection = new DuckDBConnection($"Data Source={fullPath}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
        connection.Open();
        return connection;
    }

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static string OneLine(string s) =>
        string.Join(' ', s.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void TryDelete(string full)
    {
        foreach (var f in new[] { full, full + ".wal" })
        {
            try { File.Delete(f); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>Tuning of the writer.</summary>
public sealed record ResultStoreOptions
{
    /// <summary>Finished subjects that may wait for the writer before <see cref="ResultStore.Add"/> blocks.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Most subjects committed in one transaction (each subject is still all-or-nothing).</summary>
    public int MaxBatch { get; init; } = 256;
}

/// <summary>The store's writer failed (I/O, disk full, a database error); the message names the file.</summary>
public sealed class ResultStoreException(string message, Exception inner) : Exception(message, inner);
