using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace KetaSim.Design.Fitting;

/// <summary>
/// The likelihood and the Wald statistics of a weighted least-squares fit. With known SDs (weights sd),
/// −2 log L = Σ r² + Σ ln(2π sd²) and cov = (JᵀJ)⁻¹; with relative scales c_i (uniform, proportional) one SD σ is
/// estimated: −2 log L = n ln(2π σ̂²) + n + 2 Σ ln c_i with σ̂² = WRSS/n, and cov = s² (JᵀJ)⁻¹ with
/// s² = WRSS/(n − p). J is the Jacobian of the weighted residuals (JᵀJ = JᵀWJ of the unweighted model), taken on the
/// estimation scale z = ln θ and carried to natural units by the delta method (dθ = θ dz).
/// </summary>
public static class FitStatistics
{
    /// <summary>χ²(1) 0.95 quantile: the profile-likelihood threshold on the −2 log L difference.</summary>
    public const double ChiSquare95 = 3.841458820694124;

    /// <summary>Largest to smallest singular value of J beyond which the information matrix is taken as singular.</summary>
    public const double MaxCondition = 1e8;

    public static double Minus2LogLikelihood(double wrss, FitData data)
    {
        int n = data.Count;
        double logScale = data.Scale.Sum(c => Math.Log(c));
        return data.SigmaKnown
            ? wrss + n * Math.Log(2 * Math.PI) + 2 * logScale
            : n * Math.Log(2 * Math.PI * wrss / n) + n + 2 * logScale;
    }

    /// <summary>Estimated quantities: the parameters, plus σ when it is estimated.</summary>
    public static int Estimated(int parameters, FitData data) => parameters + (data.SigmaKnown ? 0 : 1);

    /// <summary>The covariance of the parameters in natural units from the weighted-residual Jacobian <paramref name="jz"/> on the
    /// estimation scale z (ln θ for log-scaled parameters, θ otherwise) and dθ/dz per parameter; null when JᵀJ is singular (largest to
    /// smallest singular value of <paramref name="jz"/> above <see cref="MaxCondition"/>: some combination of parameters does not change
    /// the predictions), with <paramref name="nullDirection"/> the combination.</summary>
    public static Matrix<double>? Covariance(Matrix<double> jz, double[] dThetaDz, double wrss, FitData data, out double[] nullDirection)
    {
        nullDirection = [];
        int n = jz.RowCount, p = jz.ColumnCount;
        var svd = jz.Svd(computeVectors: true);
        var s = svd.S;
        if (!(s[p - 1] > 0) || s[0] / s[p - 1] > MaxCondition)
        {
            nullDirection = svd.VT.Row(p - 1).ToArray();
            return null;
        }
        double s2 = data.SigmaKnown ? 1 : wrss / Math.Max(1, n - p);
        var vt = svd.VT;
        var cov = Matrix<double>.Build.Dense(p, p);
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double sum = 0;
                for (int k = 0; k < p; k++) sum += vt[k, a] * vt[k, b] / (s[k] * s[k]);
                cov[a, b] = s2 * sum * dThetaDz[a] * dThetaDz[b];
            }
        return cov;
    }

    /// <summary>The 0.975 quantile for Wald intervals: Student's t with n − p degrees of freedom when σ is estimated, else normal.</summary>
    public static double Quantile975(int observations, int parameters, FitData data) =>
        data.SigmaKnown || observations - parameters < 1 ? Normal.InvCDF(0, 1, 0.975) : StudentT.InvCDF(0, 1, observations - parameters, 0.975);

    /// <summary>The −2 log L difference of a profile point, which is compared with <see cref="ChiSquare95"/>.</summary>
    public static double ProfileDelta(double wrss, double bestWrss, FitData data) =>
        data.SigmaKnown ? wrss - bestWrss : data.Count * Math.Log(wrss / bestWrss);
}
