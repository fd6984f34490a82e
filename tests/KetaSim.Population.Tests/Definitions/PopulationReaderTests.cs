using KetaSim.Biology.Compounds;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;
using Xunit;

namespace KetaSim.Population.Tests.Definitions;

public class PopulationReaderTests
{
    [Fact]
    public void Builtin_populations_load_with_their_fields()
    {
        Assert.Equal(["ketamine-rct-suicidal-ideation", "mdd-adult", "stressed-mouse", "suicidal-crisis-adult", "trd-adult", "trd-adult-sustain-2", "trd-ketamine-rct", "trd-older-adult"], PopulationLibrary.Names);
        var trd = PopulationLibrary.Get("trd-adult");
        Assert.Equal(28, trd.MadrsMin);
        Assert.Equal(1.0, trd.TreatmentResistantFraction);
        Assert.Equal(EffectMath.OmegaFromCv(0.38), trd.Effects.Single(e => e.Name == "ket-CL").Omega, 15);
        Assert.Equal(["ket_CL_S_ref", "ket_CL_R_ref"], trd.Effects.Single(e => e.Name == "ket-CL").Parameters);
        Assert.Equal(0.708, trd.Effects.Single(e => e.Name == "esk-FRn").Omega);
        Assert.All(trd.Effects, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
        Assert.Equal(0.0, PopulationLibrary.Get("mdd-adult").TreatmentResistantFraction);
        Assert.Equal(Species.Mouse, PopulationLibrary.Get("stressed-mouse").Species);
        Assert.Throws<ArgumentException>(() => PopulationLibrary.Get("nope"));
    }

    [Fact]
    public void Sustain_2_population_has_about_a_quarter_aged_65_or_over()
    {
        var pop = PopulationLibrary.Get("trd-adult-sustain-2");
        var ages = Enumerable.Range(0, 4000).Select(i => KetaSim.Population.Sampling.PopulationSampler.Sample(pop, 1, i).Subject.AgeYears).ToArray();
        double share = ages.Count(a => a >= 65) / (double)ages.Length;
        Assert.InRange(share, 0.22, 0.28);
        Assert.InRange(ages.Min(), 18, 30);
        Assert.InRange(ages.Max(), 75, 86);
        Assert.All(pop.Effects, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
    }

    [Fact]
    public void Older_adult_population_is_65_and_over_around_70_with_madrs_of_at_least_24()
    {
        var pop = PopulationLibrary.Get("trd-older-adult");
        var subjects = Enumerable.Range(0, 2000).Select(i => KetaSim.Population.Sampling.PopulationSampler.Sample(pop, 1, i)).ToArray();
        var ages = subjects.Select(s => s.Subject.AgeYears).ToArray();
        Assert.All(ages, a => Assert.InRange(a, 65, 90));
        Assert.InRange(ages.Average(), 69, 72.5);   // TRANSFORM-3: mean 70 (truncated at 65 pulls it up a little)
        Assert.All(subjects, s => Assert.True(s.Patient.BaselineMadrs >= 24));
        Assert.InRange(subjects.Average(s => s.Patient.BaselineMadrs), 33, 38);
        Assert.True(subjects.All(s => s.Patient.TreatmentResistant));
        Assert.All(pop.Effects, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
    }

    private const string Good = """
        name: t
        covariates:
          weight_kg: { median: 70, cv: 0.2, min: 40, max: 150 }
        variability:
          - { name: a, parameters: [ket_V1_ref], cv: 0.5, source: "s" }
          - { name: b, patient: responsiveness, cv: 0.5, source: "s" }
          - { name: c, patient: placebo_responsiveness, cv: 0.5, source: "s" }
        correlations:
          - { between: [a, b], r: 0.3 }
        inclusion:
          madrs_min: 28
        """;

    [Fact]
    public void The_good_file_reads() => Assert.Equal("t", PopulationReader.Read(Good, "t.yaml").Name);

    [Theory]
    [InlineData("name: t", "name: t\nfoo: 1", "t.yaml:2: foo = 'foo': unknown field; allowed: name,")]
    [InlineData("weight_kg: { median: 70,", "weight_kg: { median: -70,", "t.yaml:3: covariates.weight_kg.median = '-70': must be in [0, 1000000]")]
    [InlineData("cv: 0.2, min: 40", "cv: 0.2, min: 80", "t.yaml:3: covariates.weight_kg = '{median: 70, cv: 0.2, min: 80, max: 150}': need min ≤ median ≤ max")]
    [InlineData("name: a, parameters: [ket_V1_ref], cv: 0.5", "name: a, parameters: [ket_V1_ref], scale: logit, cv: 0.5", "t.yaml:5: variability[0].cv = '0.5': a CV applies to scale lognormal only")]
    [InlineData("name: a, parameters: [ket_V1_ref], cv: 0.5", "name: a, parameters: [ket_V1_ref], scale: cubic, cv: 0.5", "t.yaml:5: variability[0].scale = 'cubic': allowed: lognormal (default), logit, normal")]
    [InlineData("name: a, parameters: [ket_V1_ref], cv: 0.5", "name: a, parameters: [ket_V1_ref], cv: abc", "t.yaml:5: variability[0].cv = 'abc': must be a number in [0, 10]")]
    [InlineData("name: b, patient: responsiveness, cv: 0.5", "name: b, patient: responsiveness, cv: 0.5, center: mode", "t.yaml:6: variability[1].center = 'mode': allowed: median (default")]
    [InlineData("name: b, patient: responsiveness, cv: 0.5", "name: b, patient: responsiveness, scale: normal, sd: 0.5, center: mean", "t.yaml:6: variability[1].center = 'mean': 'center: mean' applies to lognormal effects only")]
    [InlineData("name: b, patient: responsiveness", "name: b, patient: mood", "t.yaml:6: variability[1].patient = 'mood': allowed: stress_severity, baseline_madrs, responsiveness,")]
    [InlineData("name: b, patient: responsiveness", "name: b, parameters: [ket_V1_ref]", "t.yaml:6: variability[1].parameters = 'ket_V1_ref': already varied by effect 'a'")]
    [InlineData("name: b, patient: responsiveness", "name: a, patient: responsiveness", "t.yaml:6: variability[1].name = 'a': effect names must be unique")]
    [InlineData("name: c, patient: placebo_responsiveness, cv: 0.5, source: \"s\"", "name: c, patient: placebo_responsiveness, cv: 0.5", "t.yaml:7: variability[2].source (missing): required")]
    [InlineData("between: [a, b]", "between: [a, z]", "t.yaml:9: correlations[0].between[1] = 'z': not an effect of this population; effects: a, b, c")]
    [InlineData("r: 0.3", "r: 1.0", "t.yaml:9: correlations[0].r = '1.0': must be strictly between -1 and 1")]
    [InlineData("madrs_min: 28", "madrs_min: -3", "t.yaml:11: inclusion.madrs_min = '-3': must be in [0, 1000]")]
    [InlineData("madrs_min: 28", "madrs_min: 28\n  max_draws: 0", "t.yaml:12: inclusion.max_draws = '0': must be a whole number in [1, 10000000]")]
    [InlineData("madrs_min: 28", "madrs_min: [28", "t.yaml:12: malformed YAML")]
    public void Bad_files_give_located_messages(string find, string replace, string expectedStart)
    {
        string yaml = Good.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Good, yaml);
        var ex = Assert.Throws<ModelDataException>(() => PopulationReader.Read(yaml, "t.yaml"));
        Assert.StartsWith(expectedStart, ex.Message);
        Assert.Equal("t.yaml", ex.File);
    }

    [Fact]
    public void Missing_name_is_reported()
    {
        var ex = Assert.Throws<ModelDataException>(() => PopulationReader.Read(Good.Replace("name: t\n", "", StringComparison.Ordinal), "t.yaml"));
        Assert.Contains("name (missing): required", ex.Message);
    }

    [Fact]
    public void Inconsistent_correlations_are_rejected()
    {
        string yaml = Good.Replace("  - { between: [a, b], r: 0.3 }", "  - { between: [a, b], r: 0.9 }\n  - { between: [a, c], r: 0.9 }\n  - { between: [b, c], r: -0.9 }", StringComparison.Ordinal);
        var ex = Assert.Throws<ModelDataException>(() => PopulationReader.Read(yaml, "t.yaml"));
        Assert.Contains("': these correlations are inconsistent (the correlation matrix is not positive definite)", ex.Message);
        Assert.Equal(9, ex.Line);
    }

    [Fact]
    public void Logit_stress_severity_needs_a_typical_value_inside_zero_one()
    {
        string yaml = "name: t\nvariability:\n  - { name: s, patient: stress_severity, scale: logit, sd: 0.5, source: x }\n";
        Assert.Contains("required for a logit effect on stress_severity", Assert.Throws<ModelDataException>(() => PopulationReader.Read(yaml, "t.yaml")).Message);
        string bad = yaml.Replace("sd: 0.5", "sd: 0.5, typical: 1", StringComparison.Ordinal);
        Assert.Contains("strictly between 0 and 1", Assert.Throws<ModelDataException>(() => PopulationReader.Read(bad, "t.yaml")).Message);
    }
}
