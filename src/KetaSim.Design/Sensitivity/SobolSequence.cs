namespace KetaSim.Design.Sensitivity;

/// <summary>
/// The Sobol' low-discrepancy sequence in [0, 1)^d, d ≤ <see cref="MaxDimension"/>, generated in Gray-code order
/// (Antonov and Saleev 1979; Bratley and Fox 1988, Algorithm 659) with the Joe and Kuo (2008) direction numbers
/// (<see cref="JoeKuoDirections"/>), 32 bits per coordinate. Deterministic: no seed. The first point (all zeros) is
/// skipped, as is usual for Saltelli sampling, so point 1 is (0.5, ..., 0.5).
/// </summary>
public sealed class SobolSequence
{
    public const int Bits = 32;
    public static int MaxDimension => JoeKuoDirections.Rows.Length + 1;

    private readonly uint[][] _directions;   // [dimension][bit]
    private readonly uint[] _x;
    private uint _index;

    public int Dimension { get; }

    public SobolSequence(int dimension)
    {
        if (dimension < 1 || dimension > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), $"The Sobol' sequence here has 1 to {MaxDimension} dimensions, not {dimension}.");
        Dimension = dimension;
        _x = new uint[dimension];
        _directions = new uint[dimension][];
        for (int d = 0; d < dimension; d++) _directions[d] = Directions(d);
        Next(new double[dimension]);   // skip the all-zero point
    }

    /// <summary>Direction numbers v_j = m_j · 2^(32−j) for one dimension (0-based), extended by the polynomial recurrence.</summary>
    private static uint[] Directions(int d)
    {
        var v = new uint[Bits];
        if (d == 0)
        {
            for (int j = 0; j < Bits; j++) v[j] = 1u << (Bits - 1 - j);
            return v;
        }
        var (s, a, m) = JoeKuoDirections.Rows[d - 1];
        for (int j = 0; j < s && j < Bits; j++) v[j] = m[j] << (Bits - 1 - j);
        for (int j = s; j < Bits; j++)
        {
            uint value = v[j - s] ^ (v[j - s] >> s);
            for (int k = 1; k < s; k++)
                if (((a >> (s - 1 - k)) & 1) != 0) value ^= v[j - k];
            v[j] = value;
        }
        return v;
    }

    /// <summary>Writes the next point into <paramref name="point"/> (length <see cref="Dimension"/>).</summary>
    public void Next(Span<double> point)
    {
        if (point.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(point));
        if (_index == uint.MaxValue) throw new InvalidOperationException("The Sobol' sequence is exhausted.");
        // Gray code: flip the direction number of the lowest zero bit of the index.
        int c = System.Numerics.BitOperations.TrailingZeroCount(~_index);
        for (int d = 0; d < Dimension; d++)
        {
            point[d] = _x[d] * (1.0 / 4294967296.0);
            _x[d] ^= _directions[d][c];
        }
        _index++;
    }
}
