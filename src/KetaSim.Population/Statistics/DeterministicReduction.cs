namespace KetaSim.Population.Statistics;

/// <summary>
/// The merge-order contract for thread-count-independent statistics: subjects are cut into fixed
/// chunks by index (chunk k holds subjects [k*chunkSize, (k+1)*chunkSize)), each chunk is accumulated
/// in subject order by whichever thread runs it, and chunk results are merged in ascending chunk index
/// on one thread. The arithmetic therefore depends only on N and chunkSize, never on the thread count
/// or scheduling, so the result is bitwise identical for 1 or 64 threads (cf. rxode2 issue #1376).
/// Memory is one accumulator per chunk.
/// </summary>
public static class DeterministicReduction
{
    /// <summary>Default chunk: large enough that per-chunk overhead is negligible, small enough to balance load.</summary>
    public const int DefaultChunkSize = 4096;

    /// <summary>Streams <paramref name="subjectCount"/> values from <paramref name="valueOfSubject"/> into merged moments.</summary>
    public static RunningMoments Moments(long subjectCount, Func<long, double> valueOfSubject,
        int chunkSize = DefaultChunkSize, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(valueOfSubject);
        return Reduce(subjectCount, chunkSize, maxDegreeOfParallelism,
            (long first, long end) =>
            {
                var m = new RunningMoments();
                for (long i = first; i < end; i++) m.Add(valueOfSubject(i));
                return m;
            },
            static (ref RunningMoments total, in RunningMoments chunk) => total.Merge(chunk));
    }

    public delegate void MergeInto<T>(ref T total, in T chunk);

    /// <summary>General form: <paramref name="accumulateChunk"/>(firstSubject, endSubjectExclusive) per chunk, merged in chunk order.</summary>
    public static T Reduce<T>(long subjectCount, int chunkSize, int maxDegreeOfParallelism,
        Func<long, long, T> accumulateChunk, MergeInto<T> merge) where T : struct
    {
        ArgumentOutOfRangeException.ThrowIfNegative(subjectCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        long chunkCount = (subjectCount + chunkSize - 1) / chunkSize;
        var chunks = new T[chunkCount];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0L, chunkCount, options, k =>
        {
            long first = k * chunkSize;
            chunks[k] = accumulateChunk(first, Math.Min(first + chunkSize, subjectCount));
        });
        var total = default(T);
        for (long k = 0; k < chunkCount; k++) merge(ref total, chunks[k]);
        return total;
    }
}
