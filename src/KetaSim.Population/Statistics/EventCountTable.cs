namespace KetaSim.Population.Statistics;

/// <summary>Events and censorings observed at one distinct time.</summary>
public readonly record struct EventCounts(double Time, long Events, long Censored);

/// <summary>
/// Time-to-event data pre-aggregated by distinct time: memory grows with the number of distinct visit
/// times, not with subjects, so 10^6 simulated subjects observed at scheduled visits stay small.
/// Counts are integers, so merging tables from threads is exact and order-free.
/// Time is in whatever unit the caller uses consistently (days in KetaSim trials, weeks in the aml data).
/// </summary>
public sealed class EventCountTable
{
    private readonly SortedDictionary<double, (long Events, long Censored)> _byTime = new();

    public long SubjectCount { get; private set; }
    public int DistinctTimeCount => _byTime.Count;

    /// <summary>One subject: an event at <paramref name="time"/>, or censored there (still at risk at that time).</summary>
    public void Add(double time, bool isEvent) => AddCounts(time, isEvent ? 1 : 0, isEvent ? 0 : 1);

    public void AddCounts(double time, long events, long censored)
    {
        if (!double.IsFinite(time) || time < 0)
            throw new ArgumentOutOfRangeException(nameof(time), time, "event/censoring time must be finite and >= 0");
        if (events < 0 || censored < 0)
            throw new ArgumentOutOfRangeException(nameof(events), $"counts must be >= 0 (events {events}, censored {censored})");
        if (events + censored == 0) return;
        time += 0.0; // fold -0 into +0 so both land in one row
        _byTime.TryGetValue(time, out var c);
        _byTime[time] = (c.Events + events, c.Censored + censored);
        SubjectCount += events + censored;
    }

    public void Merge(EventCountTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (t, c) in other._byTime) AddCounts(t, c.Events, c.Censored);
    }

    public static EventCountTable FromSubjects(IEnumerable<(double Time, bool Event)> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var table = new EventCountTable();
        foreach (var (time, isEvent) in subjects) table.Add(time, isEvent);
        return table;
    }

    /// <summary>Rows in ascending time.</summary>
    public IEnumerable<EventCounts> Rows()
    {
        foreach (var (t, c) in _byTime) yield return new EventCounts(t, c.Events, c.Censored);
    }
}
