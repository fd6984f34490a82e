using DuckDB.NET.Data;

namespace KetaSim.IO.Store;

public sealed partial class ResultStore
{
    private void WriteLoop()
    {
        var reader = _queue.Reader;
        var batch = new List<SubjectRecord>();
        var flushes = new List<TaskCompletionSource>();
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
                {
                    if (item is SubjectRecord s) batch.Add(s);
                    else if (item is TaskCompletionSource tcs)
                    {
                        flushes.Add(tcs);
                        break; // commit what came before the flush marker now
                    }
                }
                if (batch.Count > 0)
                {
                    lock (_dbLock) WriteBatch(batch);
                    batch.Clear();
                }
                foreach (var f in flushes) f.TrySetResult();
                flushes.Clear();
            }
        }
        catch (Exception e)
        {
            _fault = e;
            _queue.Writer.TryComplete(e);
            foreach (var f in flushes) f.TrySetException(e);
            while (reader.TryRead(out var item))
                if (item is TaskCompletionSource tcs) tcs.TrySetException(e);
        }
    }

    /// <summary>One transaction: replace already-stored indices, append subjects, visits, events.
    /// On any failure the appenders are disposed while the transaction is still open (their buffered
    /// rows flush into it) and then the transaction rolls back, so nothing of the batch remains.</summary>
    private void WriteBatch(List<SubjectRecord> batch)
    {
        // The same index twice in one batch: the later one wins, as it would across batches.
        var last = new Dictionary<int, SubjectRecord>();
        foreach (var s in batch) last[s.SubjectIndex] = s;
        var subjects = last.Values.OrderBy(s => s.SubjectIndex).ToList();
        var indices = subjects.Select(s => s.SubjectIndex).ToList();

        using var tx = _connection.BeginTransaction();
        var replaced = indices.Where(_completed.Contains).ToList();
        if (replaced.Count > 0)
        {
            var list = string.Join(",", replaced);
            Execute(_connection, $"DELETE FROM events WHERE subject_index IN ({list}); DELETE FROM sessions WHERE subject_index IN ({list}); DELETE FROM ratings WHERE subject_index IN ({list}); DELETE FROM visits WHERE subject_index IN ({list}); DELETE FROM subjects WHERE subject_index IN ({list});");
        }
        using (var appender = _connection.CreateAppender("subjects"))
        {
            foreach (var s in subjects)
            {
                var row = appender.CreateRow().AppendValue(s.SubjectIndex).AppendValue(s.Arm).AppendValue(s.Included).AppendValue(true);
                foreach (var c in _covariates) row = row.AppendValue(s.Covariates[c]);
                row.EndRow();
            }
        }
        using (var appender = _connection.CreateAppender("visits"))
        {
            foreach (var s in subjects)
                foreach (var v in s.Visits)
                    appender.CreateRow().AppendValue(s.SubjectIndex).AppendValue(s.Arm).AppendValue(v.VisitH)
                        .AppendValue(v.Madrs).AppendValue(v.MadrsChange).AppendValue(v.Response).AppendValue(v.Remission).EndRow();
            TestHookMidBatch?.Invoke(indices);
        }
        using (var appender = _connection.CreateAppender("events"))
        {
            foreach (var s in subjects)
                for (int i = 0; i < s.Events.Count; i++)
                {
                    var e = s.Events[i];
                    appender.CreateRow().AppendValue(s.SubjectIndex).AppendValue(i).AppendValue(s.Arm).AppendValue(e.TimeH)
                        .AppendValue(e.Kind).AppendValue(e.Detail).EndRow();
                }
        }
        using (var appender = _connection.CreateAppender("sessions"))
        {
            foreach (var s in subjects)
                for (int i = 0; i < s.Sessions.Count; i++)
                {
                    var x = s.Sessions[i];
                    appender.CreateRow().AppendValue(s.SubjectIndex).AppendValue(i).AppendValue(s.Arm).AppendValue(x.TimeH).AppendValue(x.Held)
                        .AppendValue(x.PreSbpMmHg).AppendValue(x.PreDbpMmHg).AppendValue(x.PeakSbpMmHg).AppendValue(x.PeakDbpMmHg)
                        .AppendValue(x.PreCadss).AppendValue(x.PeakCadss).AppendValue(x.MinMoaas).AppendValue(x.PeakDrugLiking).EndRow();
                }
        }
        using (var appender = _connection.CreateAppender("ratings"))
        {
            foreach (var s in subjects)
                foreach (var x in s.Ratings)
                    appender.CreateRow().AppendValue(s.SubjectIndex).AppendValue(x.Visit).AppendValue(s.Arm).AppendValue(x.VisitH)
                        .AppendValue(x.Item10).AppendValue(x.CgiSsR).EndRow();
        }
        tx.Commit();
        _completed.UnionWith(indices);
    }
}
