using KetaSim.Population.Statistics;
using Xunit;

namespace KetaSim.Population.Tests.Statistics;

public class CoxAndLogRankTests
{
    private static RiskSetRow[] AmlRows() => RiskSets.FromArms(
        EventCountTable.FromSubjects(AmlData.Maintained), EventCountTable.FromSubjects(AmlData.Nonmaintained));

    // R: survdiff(Surv(time, status) ~ x, data = aml):
    //   Maintained O 7 E 10.69; Nonmaintained O 11 E 7.31; Chisq = 3.4 on 1 df, p = 0.0653.
    [Fact]
    public void Aml_log_rank_matches_R_survdiff()
    {
        var test = LogRankTest.Compute(AmlRows());
        Assert.Equal(11, test.Observed1);
        Assert.Equal(7.31, test.Expected1, 2);
        Assert.Equal(3.4, test.ChiSquare, 1);
        Assert.Equal(0.0653, test.PValue, 4);
    }

    // R: coxph(Surv(time, status) ~ x, data = aml) (Efron ties, the default):
    //   coef 0.9155, exp(coef) 2.4981, se(coef) 0.5119, z 1.788, p 0.0737; 95% CI for HR 0.9159 - 6.813;
    //   Likelihood ratio test = 3.38, Score (logrank) test = 3.42, on 1 df.
    [Fact]
    public void Aml_cox_efron_matches_R_coxph()
    {
        var fit = CoxTwoArm.Fit(AmlRows(), TieMethod.Efron);
        Assert.True(fit.Converged);
        Assert.Equal(0.9155, fit.LogHazardRatio, 4);
        Assert.Equal(2.4981, fit.HazardRatio, 4);
        Assert.Equal(0.5119, fit.StandardError, 4);
        Assert.Equal(1.788, fit.WaldZ, 3);
        Assert.Equal(0.0737, fit.WaldPValue, 4);
        Assert.Equal(0.9159, fit.HazardRatioInterval.Lower, 4);
        Assert.Equal(6.813, fit.HazardRatioInterval.Upper, 3);
        Assert.Equal(3.38, 2 * (fit.LogPartialLikelihood - fit.LogPartialLikelihoodAtZero), 2);
        Assert.Equal(3.42, CoxTwoArm.ScoreTestChiSquare(AmlRows(), TieMethod.Efron), 2);
    }

    // Independent reference: the partial likelihood summed subject by subject (no risk-set aggregation),
    // maximised by golden-section search; SE from a central second difference.
    [Theory]
    [InlineData(TieMethod.Breslow)]
    [InlineData(TieMethod.Efron)]
    public void Newton_fit_matches_brute_force_maximisation(TieMethod ties)
    {
        var subjects = AmlData.Maintained.Select(s => (s.Time, s.Event, X: 0))
            .Concat(AmlData.Nonmaintained.Select(s => (s.Time, s.Event, X: 1))).ToArray();
        double LogL(double beta)
        {
            double l = 0;
            foreach (double t in subjects.Where(s => s.Event).Select(s => s.Time).Distinct())
            {
                var dead = subjects.Where(s => s.Event && s.Time == t).ToArray();
                double risk = subjects.Where(s => s.Time >= t).Sum(s => Math.Exp(beta * s.X));
                double deadSum = dead.Sum(s => Math.Exp(beta * s.X));
                for (int k = 0; k < dead.Length; k++)
                {
                    double f = ties == TieMethod.Efron ? (double)k / dead.Length : 0;
                    l += beta * dead[k].X - Math.Log(risk - f * deadSum);
                }
            }
            return l;
        }
        double a = -5, b = 5, g = (Math.Sqrt(5) - 1) / 2;
        while (b - a > 1e-10)
        {
            double c = b - g * (b - a), d = a + g * (b - a);
            if (LogL(c) > LogL(d)) b = d; else a = c;
        }
        double betaHat = (a + b) / 2, h = 1e-4;
        double information = -(LogL(betaHat + h) - 2 * LogL(betaHat) + LogL(betaHat - h)) / (h * h);
        var fit = CoxTwoArm.Fit(AmlRows(), ties);
        Assert.Equal(betaHat, fit.LogHazardRatio, 7);
        Assert.Equal(1 / Math.Sqrt(information), fit.StandardError, 5);
        Assert.Equal(LogL(fit.LogHazardRatio), fit.LogPartialLikelihood, 10);
        Assert.Equal(LogL(0), fit.LogPartialLikelihoodAtZero, 10);
    }

    // Identity: the Breslow score at beta = 0 is O1 - E1 of the log-rank test; its information is the
    // binomial variance sum d p (1 - p), which equals the log-rank (hypergeometric) variance only without ties.
    [Fact]
    public void Breslow_score_test_is_log_rank_with_binomial_variance()
    {
        var rows = AmlRows();
        var logRank = LogRankTest.Compute(rows);
        double binomialVariance = rows.Sum(r => r.Events * ((double)r.AtRisk1 / r.AtRisk) * (1 - (double)r.AtRisk1 / r.AtRisk));
        double expected = (logRank.Observed1 - logRank.Expected1) * (logRank.Observed1 - logRank.Expected1) / binomialVariance;
        Assert.Equal(expected, CoxTwoArm.ScoreTestChiSquare(rows, TieMethod.Breslow), 12);
        Assert.True(logRank.Variance < binomialVariance); // aml has ties, so the two differ
        var untied = UntiedRows();
        Assert.Equal(LogRankTest.Compute(untied).ChiSquare, CoxTwoArm.ScoreTestChiSquare(untied, TieMethod.Breslow), 12);
    }

    private static RiskSetRow[] UntiedRows() => RiskSets.FromArms(
        EventCountTable.FromSubjects([(1, true), (3, true), (4, false), (6, true), (9, true)]),
        EventCountTable.FromSubjects([(2, true), (5, true), (7, true), (8, false)]));

    // Without tied event times Breslow and Efron are the same likelihood.
    [Fact]
    public void Without_ties_Breslow_equals_Efron()
    {
        var rows = UntiedRows();
        var b = CoxTwoArm.Fit(rows, TieMethod.Breslow);
        var e = CoxTwoArm.Fit(rows, TieMethod.Efron);
        Assert.Equal(b.LogHazardRatio, e.LogHazardRatio, 14);
        Assert.Equal(b.StandardError, e.StandardError, 14);
    }

    // At-risk counts by hand for aml: at t = 5 all 23 are at risk; at 13, Maintained has 10 (9 gone), Nonmaintained 7.
    [Fact]
    public void Risk_sets_count_censored_at_t_as_at_risk()
    {
        var rows = AmlRows();
        Assert.Equal(new RiskSetRow(5, 11, 12, 0, 2), rows[0]);
        Assert.Equal(new RiskSetRow(13, 10, 7, 1, 0), rows.Single(r => r.Time == 13));
        Assert.Equal(18, rows.Sum(r => r.Events));
    }

    [Fact]
    public void Arm_without_events_reports_non_convergence()
    {
        var control = EventCountTable.FromSubjects([(1, true), (2, true), (3, true)]);
        var treated = EventCountTable.FromSubjects([(4, false), (5, false)]);
        var fit = CoxTwoArm.Fit(RiskSets.FromArms(control, treated));
        Assert.False(fit.Converged);
    }

    [Fact]
    public void Inconsistent_row_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LogRankTest.Compute([new RiskSetRow(1, 2, 2, 3, 0)]));
    }
}
