namespace KetaSim.Design.Sensitivity;

/// <summary>
/// The Saltelli (2010) sample for Sobol' indices of k inputs on the unit cube: two N × k matrices A and B (the first
/// and last k coordinates of N points of a 2k-dimensional Sobol' sequence) and, for each input i, A_B^i = A with
/// column i taken from B. Evaluated in the order A, B, A_B^1, ..., A_B^k: N(k + 2) points in all.
/// </summary>
public static class SaltelliDesign
{
    /// <summary>The most inputs the built-in Sobol' sequence supports (2k dimensions).</summary>
    public static int MaxInputs => SobolSequence.MaxDimension / 2;

    public static int Evaluations(int n, int k) => n * (k + 2);

    /// <summary>Row j of A_B^i (i = −2 for A, −1 for B) is point <c>Index(i, j)</c>.</summary>
    public static int Index(int n, int matrix, int row) => (matrix + 2) * n + row;

    public static double[][] Points(int n, int k)
    {
        if (k < 1 || k > MaxInputs) throw new ArgumentOutOfRangeException(nameof(k), $"Sobol' indices here take 1 to {MaxInputs} inputs, not {k}.");
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), "N must be at least 2.");
        var sequence = new SobolSequence(2 * k);
        var a = new double[n][];
        var b = new double[n][];
        var point = new double[2 * k];
        for (int j = 0; j < n; j++)
        {
            sequence.Next(point);
            a[j] = point[..k];
            b[j] = point[k..];
        }
        var points = new double[n * (k + 2)][];
        for (int j = 0; j < n; j++)
        {
            points[Index(n, -2, j)] = a[j];
            points[Index(n, -1, j)] = b[j];
            for (int i = 0; i < k; i++)
            {
                var ab = (double[])a[j].Clone();
                ab[i] = b[j][i];
                points[Index(n, i, j)] = ab;
            }
        }
        return points;
    }
}
