using KetaSim.Biology.Calibration;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Safety;

public class SmallCohortTests
{
    private static readonly Scenario Session = SafetyScenarios.EsketamineCohortSession(56);

    private static (double Peak, double Lowest)[] Outcomes(SmallCohort cohort, int threads) =>
        cohort.Run(Session, r => (SafetyMeasures.Dissociation(r, 0).Peak, SafetyMeasures.Sedation(r, 0).Lowest), maxDegreeOfParallelism: threads);

    [Fact]
    public void Same_seed_gives_identical_outcomes_for_any_thread_count()
    {
        var one = Outcomes(new SmallCohort(size: 40, seed: 11), 1);
        var four = Outcomes(new SmallCohort(size: 40, seed: 11), 4);
        var all = Outcomes(new SmallCohort(size: 40, seed: 11), -1);
        Assert.Equal(one, four);
        Assert.Equal(one, all);
        Assert.True(one.Select(o => o.Peak).Distinct().Count() > 30, "subjects should differ");
    }

    [Fact]
    public void Same_seed_gives_identical_shares_and_another_seed_other_subjects()
    {
        var a = new SmallCohort(size: 60, seed: 5).SharePercent(Session, r => SafetyMeasures.Dissociation(r, 0).Dissociated);
        var b = new SmallCohort(size: 60, seed: 5).SharePercent(Session, r => SafetyMeasures.Dissociation(r, 0).Dissociated, maxDegreeOfParallelism: 1);
        Assert.Equal(a, b);
        Assert.NotEqual(new SmallCohort(seed: 5).Etas(0), new SmallCohort(seed: 6).Etas(0));
        Assert.NotEqual(new SmallCohort(seed: 5).Etas(0), new SmallCohort(seed: 5).Etas(1));
    }

    [Fact]
    public void A_subjects_random_effects_do_not_depend_on_cohort_size()
    {
        Assert.Equal(new SmallCohort(size: 10, seed: 3).Etas(7), new SmallCohort(size: 500, seed: 3).Etas(7));
    }

    [Fact]
    public void Random_effects_have_mean_zero_and_the_stated_spread()
    {
        var cohort = new SmallCohort(size: 20_000, seed: 17);
        var etas = Enumerable.Range(0, cohort.Size).Select(cohort.Etas).ToArray();
        for (int k = 0; k < cohort.Terms.Count; k++)
        {
            var x = etas.Select(e => e[k]).ToArray();
            double mean = x.Average(), sd = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Sum() / (x.Length - 1));
            double omega = cohort.Terms[k].Omega;
            Assert.InRange(mean, -0.03 * omega, 0.03 * omega);
            Assert.InRange(sd, 0.97 * omega, 1.03 * omega);
        }
    }

    [Fact]
    public void Only_parameters_of_the_model_are_varied_and_fractions_stay_fractions()
    {
        var cohort = new SmallCohort(size: 50, seed: 2);
        var iv = cohort.ScenarioFor(SafetyScenarios.KetamineIv05, 3);
        Assert.DoesNotContain(iv.ParameterOverrides.Keys, k => k.StartsWith("esk_", StringComparison.Ordinal));
        Assert.Contains("ket_CL_S_ref", iv.ParameterOverrides.Keys);
        Assert.Equal(iv.ParameterOverrides["ket_CL_S_ref"] / 97.2, iv.ParameterOverrides["ket_CL_R_ref"] / 91.8, 1e-12);
        for (int i = 0; i < cohort.Size; i++)
        {
            var s = cohort.ScenarioFor(Session, i);
            Assert.InRange(s.ParameterOverrides["esk_FRn"], 1e-9, 1 - 1e-9);
            Assert.DoesNotContain(s.ParameterOverrides.Keys, k => k.StartsWith("ket_", StringComparison.Ordinal));
            Assert.True(s.ParameterOverrides[SafetyParameters.CadssSensitivity] > 0);
        }
    }

    [Fact]
    public void A_template_override_is_the_typical_value_the_subject_varies_around()
    {
        var cohort = new SmallCohort(size: 5, seed: 9);
        var plain = cohort.ScenarioFor(Session, 2);
        var doubled = cohort.ScenarioFor(Session with { ParameterOverrides = new Dictionary<string, double> { [SafetyParameters.CadssSensitivity] = 2 } }, 2);
        Assert.Equal(2 * plain.ParameterOverrides[SafetyParameters.CadssSensitivity], doubled.ParameterOverrides[SafetyParameters.CadssSensitivity], 1e-12);
    }

    [Fact]
    public void Bad_sizes_and_spreads_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCohort(size: 0));
        Assert.Throws<ArgumentException>(() => new SmallCohort(terms: [new VariabilityTerm("x", ["y"], double.NaN, VariabilityScale.LogNormal, "test")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCohort(size: 3).Etas(3));
    }
}
