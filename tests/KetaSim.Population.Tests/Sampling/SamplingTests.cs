using KetaSim.Biology.Compounds;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;
using Xunit;

namespace KetaSim.Population.Tests.Sampling;

public class SamplingTests
{
    private static PopulationDefinition Trd => PopulationLibrary.Get("trd-adult");

    private static void AssertSame(VirtualSubject a, VirtualSubject b)
    {
        Assert.Equal(a.Subject, b.Subject);
        Assert.Equal(a.Patient, b.Patient);
        Assert.Equal(a.Draws, b.Draws);
        Assert.Equal(a.ParameterEffects, b.ParameterEffects);
        Assert.Equal(a.Etas.Count, b.Etas.Count);
        foreach (var (name, eta) in a.Etas)
            Assert.Equal(BitConverter.DoubleToInt64Bits(eta), BitConverter.DoubleToInt64Bits(b.Etas[name]));
    }

    [Fact]
    public void Same_seed_and_index_give_an_identical_subject()
    {
        AssertSame(PopulationSampler.Sample(Trd, 2026, 17), PopulationSampler.Sample(Trd, 2026, 17));
        // A freshly read copy of the definition gives the same subject too (nothing hidden in the instance).
        var copy = PopulationReader.Read(File.ReadAllText(Path.Combine(RepoRoot(), "data/populations/trd-adult.yaml")), "trd-adult.yaml");
        AssertSame(PopulationSampler.Sample(Trd, 2026, 17), PopulationSampler.Sample(copy, 2026, 17));
    }

    [Fact]
    public void Different_index_or_seed_gives_a_different_subject()
    {
        var a = PopulationSampler.Sample(Trd, 2026, 17);
        var b = PopulationSampler.Sample(Trd, 2026, 18);
        var c = PopulationSampler.Sample(Trd, 2027, 17);
        Assert.NotEqual(a.Etas["ket-CL"], b.Etas["ket-CL"]);
        Assert.NotEqual(a.Subject.WeightKg, b.Subject.WeightKg);
        Assert.NotEqual(a.Etas["ket-CL"], c.Etas["ket-CL"]);
    }

    [Fact]
    public void Sampling_in_parallel_in_random_order_equals_sequential_bitwise()
    {
        const int n = 2000;
        var sequential = new VirtualSubject[n];
        for (int i = 0; i < n; i++) sequential[i] = PopulationSampler.Sample(Trd, 99, i);
        var order = Enumerable.Range(0, n).ToArray();
        new System.Random(5).Shuffle(order);
        var parallel = new VirtualSubject[n];
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = PopulationSampler.Sample(Trd, 99, i));
        var batched = PopulationSampler.SampleMany(Trd, 99, n / 2, first: n / 2, maxDegreeOfParallelism: 3);
        for (int i = 0; i < n; i++) AssertSame(sequential[i], parallel[i]);
        for (int i = 0; i < n / 2; i++) AssertSame(sequential[n / 2 + i], batched[i]);
    }

    private const string TwoEffects = """
        name: two-effects
        species: human
        variability:
          - { name: cl, parameters: [ket_CL_S_ref], cv: 0.38, source: "test" }
          - { name: v1, parameters: [ket_V1_ref], cv: 0.64, source: "test" }
          - { name: frn, parameters: [esk_FRn], scale: logit, sd: 0.708, source: "test" }
        correlations:
          - { between: [cl, v1], r: 0.5 }
        """;

    [Fact]
    public void Empirical_lognormal_cv_and_correlation_of_20000_draws_match_the_definition()
    {
        var pop = PopulationReader.Read(TwoEffects, "two-effects.yaml");
        const int n = 20_000;
        var subjects = PopulationSampler.SampleMany(pop, 7, n);
        double[] cl = subjects.Select(s => s.Etas["cl"]).ToArray();
        double[] v1 = subjects.Select(s => s.Etas["v1"]).ToArray();
        double[] frn = subjects.Select(s => s.Etas["frn"]).ToArray();
        AssertLogNormalCv(cl, 0.38, n);
        AssertLogNormalCv(v1, 0.64, n);
        AssertSd(frn, 0.708, n);
        // SE of a sample correlation ≈ (1 − ρ²)/√n (Fisher); allow 4 SE.
        double r = Correlation(cl, v1);
        Assert.InRange(r, 0.5 - 4 * 0.75 / Math.Sqrt(n), 0.5 + 4 * 0.75 / Math.Sqrt(n));
        double r0 = Correlation(cl, frn);
        Assert.InRange(r0, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));
        // And the values applied to a parameter: CV of θ·exp(η) itself, SE by the delta method on the log-scale SD.
        double[] values = cl.Select(e => 90 * Math.Exp(e)).ToArray();
        double mean = values.Average();
        double cvHat = Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (n - 1)) / mean;
        // Delta method for the sample CV c = s/m: Var ≈ c²/n·((κ − 1)/4 − c·γ + c²), with the log-normal's
        // skewness γ = (w + 2)√(w − 1) and kurtosis κ = w⁴ + 2w³ + 3w² − 3, w = e^{ω²}. 4 SE.
        double w = Math.Exp(Math.Pow(EffectMath.OmegaFromCv(0.38), 2)), c = 0.38;
        double gamma = (w + 2) * Math.Sqrt(w - 1), kappa = Math.Pow(w, 4) + 2 * Math.Pow(w, 3) + 3 * w * w - 3;
        double se = Math.Sqrt(c * c / n * ((kappa - 1) / 4 - c * gamma + c * c));
        Assert.InRange(cvHat, c - 4 * se, c + 4 * se);
    }

    /// <summary>
    /// <c>center: mean</c>: a log-normal patient effect's typical value is the population mean, not the median. With
    /// CV 1.1 the two differ by √(1 + CV²) = 1.49; the sample mean of 20,000 draws must be within 4 SE (SE = CV/√n) of
    /// the typical value, and the sample median within 4 SE of typical/√(1 + CV²); a median-centred effect is not.
    /// </summary>
    [Fact]
    public void A_mean_centred_lognormal_effect_has_the_typical_value_as_its_mean()
    {
        const string yaml = """
            name: m
            variability:
              - { name: p, patient: placebo_responsiveness, cv: 1.1, center: mean, typical: 2, source: "s" }
              - { name: r, patient: responsiveness, cv: 1.1, typical: 2, source: "s" }
            """;
        const int n = 20_000;
        var subjects = PopulationSampler.SampleMany(PopulationReader.Read(yaml, "m.yaml"), 5, n);
        double[] meanCentred = subjects.Select(s => s.Patient.PlaceboResponsiveness).ToArray();
        double[] medianCentred = subjects.Select(s => s.Patient.Responsiveness).ToArray();
        double se = 1.1 * 2 / Math.Sqrt(n), ratio = Math.Sqrt(1 + 1.1 * 1.1);
        Assert.InRange(meanCentred.Average(), 2 - 4 * se, 2 + 4 * se);
        Assert.InRange(Median(meanCentred), 2 / ratio * (1 - 4 * 1.25 * EffectMath.OmegaFromCv(1.1) / Math.Sqrt(n)), 2 / ratio * (1 + 4 * 1.25 * EffectMath.OmegaFromCv(1.1) / Math.Sqrt(n)));
        Assert.InRange(medianCentred.Average(), 2 * ratio - 4 * se * ratio, 2 * ratio + 4 * se * ratio);
        // The η recorded for the subject is the drawn one (standard normal scale), not the shifted one.
        Assert.InRange(subjects.Average(s => s.Etas["p"]), -4 * EffectMath.OmegaFromCv(1.1) / Math.Sqrt(n), 4 * EffectMath.OmegaFromCv(1.1) / Math.Sqrt(n));
    }

    private static double Median(double[] x)
    {
        var sorted = x.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The CV implied by the log-scale SD s is √(e^{s²} − 1); SE(s) = ω/√(2n); delta method: dCV/ds = s·e^{s²}/CV. 4 SE.</summary>
    private static void AssertLogNormalCv(double[] eta, double cv, int n)
    {
        double omega = EffectMath.OmegaFromCv(cv);
        double s = Sd(eta);
        double cvHat = Math.Sqrt(Math.Exp(s * s) - 1);
        double seCv = omega * Math.Exp(omega * omega) / cv * omega / Math.Sqrt(2.0 * n);
        Assert.InRange(cvHat, cv - 4 * seCv, cv + 4 * seCv);
        Assert.InRange(eta.Average(), -4 * omega / Math.Sqrt(n), 4 * omega / Math.Sqrt(n));
    }

    private static void AssertSd(double[] eta, double omega, int n)
    {
        double se = omega / Math.Sqrt(2.0 * n);
        Assert.InRange(Sd(eta), omega - 4 * se, omega + 4 * se);
    }

    private static double Sd(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Fact]
    public void Inclusion_rule_is_respected_and_actually_rejects_draws()
    {
        var subjects = PopulationSampler.SampleMany(Trd, 11, 3000);
        Assert.All(subjects, s => Assert.True(s.Patient.BaselineMadrs >= 28, $"subject {s.Index}: MADRS {s.Patient.BaselineMadrs}"));
        Assert.Contains(subjects, s => s.Draws > 1);   // N(37, 5.5) puts ~5% below 28: some subjects were redrawn
        Assert.All(subjects, s => Assert.True(s.Patient.TreatmentResistant));
        // Without the rule the same seed gives some subjects below 28: the rule is what keeps them out.
        var open = Trd with { MadrsMin = null };
        Assert.Contains(PopulationSampler.SampleMany(open, 11, 3000), s => s.Patient.BaselineMadrs < 28);
    }

    [Fact]
    public void A_rule_that_excludes_everyone_fails_with_a_clear_error()
    {
        var pop = PopulationReader.Read("""
            name: x
            variability:
              - { name: madrs, patient: baseline_madrs, scale: normal, typical: 30, sd: 5, min: 0, max: 60, source: "test" }
            inclusion:
              madrs_min: 70
            """, "x.yaml");
        var ex = Assert.Throws<ModelDataException>(() => PopulationSampler.Sample(pop, 1, 0));
        Assert.Contains("population 'x': inclusion rule MADRS >= 70 excluded all of 10000 draws", ex.Message);
        Assert.StartsWith("x.yaml:5: inclusion.madrs_min = '70'", ex.Message);
    }

    [Fact]
    public void Covariates_and_patient_values_stay_in_their_bounds_and_fractions_hold()
    {
        var subjects = PopulationSampler.SampleMany(Trd, 3, 4000);
        Assert.All(subjects, s =>
        {
            Assert.InRange(s.Subject.WeightKg, 40, 160);
            Assert.InRange(s.Subject.AgeYears, 18, 64);
            Assert.InRange(s.Patient.StressSeverity, 0, 1);
            Assert.True(s.Patient.Responsiveness > 0);
            Assert.False(s.Subject.EastAsian);
        });
        // Female share 0.62: binomial SE √(p(1−p)/n); 4 SE.
        double female = subjects.Count(s => s.Subject.Sex == Biology.Scenarios.Sex.Female) / 4000.0;
        Assert.InRange(female, 0.62 - 4 * Math.Sqrt(0.62 * 0.38 / 4000), 0.62 + 4 * Math.Sqrt(0.62 * 0.38 / 4000));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KetaSim.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
