namespace KetaSim.Numerics.Linear;

/// <summary>
/// LU decomposition with partial pivoting of a small dense row-major matrix, in place.
/// </summary>
/// <remarks>
/// Written here rather than taken from MathNet because the stiff solver factorizes once per step
/// attempt and must not allocate: everything works on caller-owned arrays.
/// </remarks>
public static class DenseLu
{
    /// <summary>
    /// Overwrites <paramref name="a"/> (n×n, row-major) with its LU factors (unit lower L below the
    /// diagonal, U on and above) and records the row swapped into each row in <paramref name="pivots"/>.
    /// </summary>
    /// <returns>False when a pivot is zero or not finite, i.e. the matrix is singular to working precision.</returns>
    public static bool Factor(Span<double> a, int n, Span<int> pivots)
    {
        if (a.Length < n * n) throw new ArgumentException($"Matrix storage holds {a.Length} entries, needs {n * n}.", nameof(a));
        if (pivots.Length < n) throw new ArgumentException($"Pivot storage holds {pivots.Length} entries, needs {n}.", nameof(pivots));

        for (int k = 0; k < n; k++)
        {
            int p = k;
            double max = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > max) { max = v; p = i; }
            }
            pivots[k] = p;
            if (max == 0 || !double.IsFinite(max)) return false;

            if (p != k)
            {
                var rowK = a.Slice(k * n, n);
                var rowP = a.Slice(p * n, n);
                for (int j = 0; j < n; j++) (rowK[j], rowP[j]) = (rowP[j], rowK[j]);
            }

            double inversePivot = 1.0 / a[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                double factor = a[i * n + k] * inversePivot;
                a[i * n + k] = factor;
                if (factor == 0) continue;
                for (int j = k + 1; j < n; j++) a[i * n + j] -= factor * a[k * n + j];
            }
        }
        return true;
    }

    /// <summary>Solves A x = b in place for a matrix factorized by <see cref="Factor"/>; b becomes x.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        // Apply the row swaps in the order Factor made them, then forward and back substitution.
        for (int k = 0; k < n; k++)
        {
            int p = pivots[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
        }
        for (int i = 1; i < n; i++)
        {
            double sum = b[i];
            for (int j = 0; j < i; j++) sum -= lu[i * n + j] * b[j];
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int j = i + 1; j < n; j++) sum -= lu[i * n + j] * b[j];
            b[i] = sum / lu[i * n + i];
        }
    }
}
