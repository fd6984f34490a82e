namespace KetaSim.Population.Statistics;

/// <summary>How tied event times enter the partial likelihood.</summary>
public enum TieMethod
{
    /// <summary>Breslow (1974): every tied death sees the full risk set. Its score test at beta = 0 is the log-rank test.</summary>
    Breslow,
    /// <summary>Efron (1977): tied deaths remove themselves from the risk set in averaged fractions; R coxph's default.</summary>
    Efron,
}

/// <summary>Fit of a Cox model with one binary covariate (arm 1 vs arm 0).</summary>
public readonly record struct CoxTwoArmFit(
    double LogHazardRatio, double StandardError, double HazardRatio, ConfidenceInterval HazardRatioInterval,
    double WaldZ, double WaldPValue, double LogPartialLikelihood, double LogPartialLikelihoodAtZero,
    int Iterations, bool Converged, TieMethod Ties);

/// <summary>
/// Partial-likelihood Newton-Raphson for h(t | x) = h0(t) exp(beta x), x in {0, 1}, from risk-set rows.
/// With one binary covariate each event time needs only (n0, n1, d0, d1), so aggregated tables suffice
/// and the cost is linear in distinct event times.
/// </summary>
public static class CoxTwoArm
{
    private const int MaxIterations = 50;
    // Convergence on the log-likelihood change, as R coxph.control(eps = 1e-9), plus a step bound.
    private const double LogLikelihoodTolerance = 1e-12;

    public static CoxTwoArmFit Fit(IReadOnlyList<RiskSetRow> rows, TieMethod ties = TieMethod.Efron, double confidenceLevel = 0.95)
    {
        RiskSets.Validate(rows);
        double beta = 0;
        var at0 = Evaluate(rows, beta, ties);
        var current = at0;
        int iteration = 0;
        bool converged = false;
        while (iteration < MaxIterations)
        {
            iteration++;
            if (!(current.Information > 0)) break;
            double step = current.Score / current.Information;
            double candidate = beta + step;
            var next = Evaluate(rows, candidate, ties);
            // Step halving: the log partial likelihood is concave in beta, so a shorter step always recovers.
            int halvings = 0;
            while (!(next.LogLikelihood >= current.LogLikelihood - 1e-15 * Math.Abs(current.LogLikelihood)) && halvings < 30)
            {
                step /= 2;
                candidate = beta + step;
                next = Evaluate(rows, candidate, ties);
                halvings++;
            }
            bool small = Math.Abs(next.LogLikelihood - current.LogLikelihood) <= LogLikelihoodTolerance * Math.Max(1.0, Math.Abs(current.LogLikelihood))
                         && Math.Abs(step) < 1e-9;
            beta = candidate;
            current = next;
            if (small) { converged = true; break; }
            // An arm with no events drives beta to -/+ infinity; stop instead of spinning.
            if (Math.Abs(beta) > 50) break;
        }
        double se = 1.0 / Math.Sqrt(current.Information);
        double z = Quantiles.NormalTwoSided(confidenceLevel);
        var interval = new ConfidenceInterval(Math.Exp(beta - z * se), Math.Exp(beta + z * se));
        double wald = beta / se;
        return new CoxTwoArmFit(beta, se, Math.Exp(beta), interval, wald, Quantiles.TwoSidedNormalP(wald),
            current.LogLikelihood, at0.LogLikelihood, iteration, converged, ties);
    }

    /// <summary>Score test at beta = 0: U(0)^2 / I(0). Under Breslow ties this equals the log-rank chi-square.</summary>
    public static double ScoreTestChiSquare(IReadOnlyList<RiskSetRow> rows, TieMethod ties = TieMethod.Efron)
    {
        RiskSets.Validate(rows);
        var e = Evaluate(rows, 0, ties);
        return e.Score * e.Score / e.Information;
    }

    internal readonly record struct Evaluation(double LogLikelihood, double Score, double Information);

    /// <summary>
    /// Log partial likelihood l(beta), score U = dl/dbeta and information I = -d2l/dbeta2.
    /// Per event time, with r = exp(beta): the risk-set denominators are
    /// a_k = (n0 + n1 r) - f_k (d0 + d1 r), f_k = k/d for Efron, 0 for Breslow, k = 0..d-1,
    /// l += d1 beta - sum log a_k; since da_k/dbeta = d2a_k/dbeta2 = w_k = (n1 - f_k d1) r,
    /// U += d1 - sum w_k/a_k and I += sum (w_k/a_k)(1 - w_k/a_k).
    /// </summary>
    internal static Evaluation Evaluate(IReadOnlyList<RiskSetRow> rows, double beta, TieMethod ties)
    {
        double r = Math.Exp(beta);
        double logL = 0, score = 0, information = 0;
        foreach (var row in rows)
        {
            long d = row.Events;
            if (d == 0) continue;
            logL += row.Events1 * beta;
            score += row.Events1;
            double riskSum = row.AtRisk0 + row.AtRisk1 * r;
            if (ties == TieMethod.Breslow || d == 1)
            {
                double share = row.AtRisk1 * r / riskSum;
                logL -= d * Math.Log(riskSum);
                score -= d * share;
                information += d * share * (1 - share);
                continue;
            }
            double deathSum = row.Events0 + row.Events1 * r;
            for (long k = 0; k < d; k++)
            {
                double f = (double)k / d;
                double a = riskSum - f * deathSum;
                double share = (row.AtRisk1 - f * row.Events1) * r / a;
                logL -= Math.Log(a);
                score -= share;
                information += share * (1 - share);
            }
        }
        return new Evaluation(logL, score, information);
    }
}
