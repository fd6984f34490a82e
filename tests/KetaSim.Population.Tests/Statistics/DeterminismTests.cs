using KetaSim.Population.Statistics;
using Xunit;

namespace KetaSim.Population.Tests.Statistics;

public class DeterminismTests
{
    // A deterministic, badly conditioned per-subject value so merge order would show in the last bits.
    private static double Value(long subject)
    {
        ulong h = (ulong)subject * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        return 1e6 + (h % 1_000_003) * 1e-3;
    }

    [Fact]
    public void Moments_are_bitwise_identical_for_any_thread_count()
    {
        const long n = 100_003; // not a multiple of the chunk: the short last chunk is exercised
        var reference = DeterministicReduction.Moments(n, Value, chunkSize: 1000, maxDegreeOfParallelism: 1);
        foreach (int threads in new[] { 2, 3, 8, -1 })
        {
            var m = DeterministicReduction.Moments(n, Value, chunkSize: 1000, maxDegreeOfParallelism: threads);
            Assert.Equal(reference.Count, m.Count);
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Mean), BitConverter.DoubleToInt64Bits(m.Mean));
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Variance), BitConverter.DoubleToInt64Bits(m.Variance));
        }
    }

    // Shows the contract has teeth: the same chunks merged in reverse differ in the last bits, which is
    // what a merge in thread-completion order would do at random.
    [Fact]
    public void Merge_order_changes_last_bits_so_the_order_is_fixed()
    {
        const long n = 100_003;
        const int chunk = 1000;
        var chunks = new RunningMoments[(n + chunk - 1) / chunk];
        for (long i = 0; i < n; i++) chunks[i / chunk].Add(Value(i));
        var forward = new RunningMoments();
        var reverse = new RunningMoments();
        for (int k = 0; k < chunks.Length; k++) forward.Merge(chunks[k]);
        for (int k = chunks.Length - 1; k >= 0; k--) reverse.Merge(chunks[k]);
        var contract = DeterministicReduction.Moments(n, Value, chunkSize: chunk, maxDegreeOfParallelism: 4);
        Assert.Equal(BitConverter.DoubleToInt64Bits(forward.Variance), BitConverter.DoubleToInt64Bits(contract.Variance));
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(forward.Variance), BitConverter.DoubleToInt64Bits(reverse.Variance));
    }

    [Fact]
    public void Chunked_result_agrees_with_sequential_to_rounding()
    {
        const long n = 20_000;
        var chunked = DeterministicReduction.Moments(n, Value, chunkSize: 333);
        var seq = new RunningMoments();
        for (long i = 0; i < n; i++) seq.Add(Value(i));
        Assert.Equal(seq.Mean, chunked.Mean, 6);
        Assert.True(Math.Abs(seq.Variance - chunked.Variance) < 1e-9 * seq.Variance);
    }

    [Fact]
    public void Zero_subjects_give_empty_moments()
    {
        var m = DeterministicReduction.Moments(0, Value);
        Assert.Equal(0, m.Count);
    }
}
