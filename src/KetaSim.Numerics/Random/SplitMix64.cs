// Namespace RandomStreams, not Random: a KetaSim.Numerics.Random namespace would hide System.Random
// from all code in KetaSim.Numerics.* namespaces.
namespace KetaSim.Numerics.RandomStreams;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny, fast generator whose stream is fixed by its seed.
/// Used for per-subject streams: <see cref="ForStream"/> derives a subject's generator from (run seed, index)
/// alone, so a population gives identical numbers for any thread count or evaluation order (the rxode2
/// lesson, architecture.md). Not cryptographic. A value type: copying it forks the stream.
/// </summary>
public struct SplitMix64(ulong state)
{
    /// <summary>Odd constant mixed with the stream index (kept: the safety cohort's draws depend on it).</summary>
    private const ulong StreamSalt = 0x632B_E59B_D9B4_E019UL;

    private ulong _state = state;

    /// <summary>The generator of stream <paramref name="index"/> under <paramref name="seed"/>: Mix(seed) ^ Mix(salt + index).</summary>
    public static SplitMix64 ForStream(ulong seed, ulong index) => new(Mix(seed) ^ Mix(StreamSalt + index));

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix with full avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        _state += 0x9E37_79B9_7F4A_7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in (0, 1): 53 random bits, never 0 or 1.</summary>
    public double NextOpenUnit() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/> (one uniform consumed whatever p is, so streams stay aligned).</summary>
    public bool NextBernoulli(double p) => NextOpenUnit() < p;

    /// <summary>
    /// Standard normal by Box-Muller, one of the pair (two uniforms per deviate: simple, branch-free and
    /// deterministic, so every deviate consumes the same amount of the stream).
    /// </summary>
    public double NextStandardNormal()
    {
        double u1 = NextOpenUnit(), u2 = NextOpenUnit();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Normal with mean <paramref name="mean"/> and standard deviation <paramref name="sd"/>.</summary>
    public double NextNormal(double mean, double sd) => mean + sd * NextStandardNormal();
}
