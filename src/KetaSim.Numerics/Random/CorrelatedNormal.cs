// Namespace RandomStreams, not Random: a KetaSim.Numerics.Random namespace would hide System.Random
// from all code in KetaSim.Numerics.* namespaces.
namespace KetaSim.Numerics.RandomStreams;

/// <summary>
/// Correlated normal deviates: x = L·z with L the lower Cholesky factor of a covariance (or correlation)
/// matrix Σ = L·Lᵀ and z independent standard normals. Factor once, draw many.
/// </summary>
public sealed class CorrelatedNormal
{
    private readonly double[,] _l;

    public int Dimension { get; }

    /// <param name="covariance">Symmetric positive-definite matrix (a zero variance is allowed: that component is fixed at 0).</param>
    /// <exception cref="ArgumentException">Not square, not symmetric, or not positive semi-definite.</exception>
    public CorrelatedNormal(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int n = covariance.GetLength(0);
        if (covariance.GetLength(1) != n) throw new ArgumentException("The covariance matrix must be square.", nameof(covariance));
        Dimension = n;
        _l = Cholesky(covariance);
    }

    /// <summary>Lower-triangular L with L·Lᵀ = Σ; rows of a zero-variance component are zero.</summary>
    public static double[,] Cholesky(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > 1e-12 * Math.Max(1, Math.Abs(a[i, j])))
                    throw new ArgumentException($"The covariance matrix is not symmetric at ({i}, {j}).", nameof(a));
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    double tol = 1e-12 * Math.Max(1, Math.Abs(a[i, i]));
                    if (sum < -tol) throw new ArgumentException($"The covariance matrix is not positive semi-definite (pivot {i} = {sum:G4}).", nameof(a));
                    l[i, i] = sum <= tol ? 0 : Math.Sqrt(sum);
                }
                else
                {
                    if (l[j, j] == 0)
                    {
                        if (Math.Abs(sum) > 1e-9) throw new ArgumentException($"The covariance matrix is not positive semi-definite (row {i} against a zero-variance component {j}).", nameof(a));
                        l[i, j] = 0;
                    }
                    else l[i, j] = sum / l[j, j];
                }
            }
        }
        return l;
    }

    /// <summary>Fills <paramref name="result"/> with one correlated draw, consuming exactly <see cref="Dimension"/> standard normals.</summary>
    public void Draw(ref SplitMix64 rng, Span<double> result)
    {
        if (result.Length != Dimension) throw new ArgumentException($"Expected {Dimension} values.", nameof(result));
        Span<double> z = Dimension <= 64 ? stackalloc double[Dimension] : new double[Dimension];
        for (int i = 0; i < Dimension; i++) z[i] = rng.NextStandardNormal();
        for (int i = 0; i < Dimension; i++)
        {
            double s = 0;
            for (int k = 0; k <= i; k++) s += _l[i, k] * z[k];
            result[i] = s;
        }
    }
}
