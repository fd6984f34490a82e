using KetaSim.IO.Input;
using KetaSim.IO.Trials;

namespace KetaSim.IO.Tests.Trials;

/// <summary>
/// Each bad input stops the read with one located line: file, line, field, value and what is allowed; nothing is returned.
/// </summary>
public class TrialReaderBadInputTests
{
    private const string File = TrialReaderTests.File;
    private const string Valid = TrialReaderTests.Valid;

    private static InputException Fail(string yaml, string? file = File)
    {
        var e = Assert.Throws<InputException>(() => TrialReader.Read(yaml, file!));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{e.File}:{e.Line}:", e.Message);
        return e;
    }

    private static void AssertNames(InputException e, int line, string field, string? value, params string[] fragments)
    {
        Assert.Equal(File, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Equal(value, e.Value);
        if (field.Length > 0) Assert.Contains(field, e.Message);
        if (value is not null) Assert.Contains($"'{value}'", e.Message);
        Assert.Contains("allowed: ", e.Message);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
    }

    /// <summary>Line (1-based) of the first line of <see cref="Valid"/> that contains <paramref name="text"/>.</summary>
    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void Valid_text_reads() => TrialReader.Read(Valid, File);

    [Fact]
    public void Malformed_yaml()
    {
        var e = Fail(Valid.Replace("visits: [24 h, 72 h, 7 d]", "visits: [24 h, 72 h, 7 d"));
        Assert.Contains("malformed YAML", e.Message);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Unknown_key_suggests_the_nearest()
    {
        var yaml = Valid.Replace("measurement_noise: true", "measurment_noise: true");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "measurment_noise"), "measurment_noise", null, "did you mean 'measurement_noise'?", "population");
    }

    [Fact]
    public void Unknown_arm_key_suggests_the_nearest()
    {
        var yaml = Valid.Replace("  - name: midazolam\n", "  - name: midazolam\n    plasebo: saline\n");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "plasebo"), "arms[1].plasebo", null, "did you mean 'placebo'?");
    }

    [Fact]
    public void Arm_without_a_regimen()
    {
        var yaml = Valid.Replace("placebo: active-placebo\n", "").Replace(
            "  - name: midazolam\n    doses:\n      - { drug: midazolam, route: iv-infusion, amount: 0.045 mg/kg, duration: 40 min }\n",
            "  - name: midazolam\n");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "- name: midazolam"), "arms[1].doses", null, "arm 'midazolam' has no regimen", "placebo: saline");
    }

    [Theory]
    [InlineData("-5", "at least one subject")]
    [InlineData("0", "at least one subject")]
    [InlineData("12.5", "not a whole number")]
    [InlineData("many", "not a whole number")]
    public void Bad_subject_count(string value, string problem)
    {
        var yaml = Valid.Replace("subjects: 200", $"subjects: {value}");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "subjects:"), "subjects", value, problem, "a whole number from 1");
    }

    [Theory]
    [InlineData("2:x", "weight 2 ('x') is not a number")]
    [InlineData("2::1", "weight 2 of '2::1' is empty")]
    [InlineData("2:1:1", "3 weights for 2 arm(s)")]
    [InlineData("2", "at least two weights")]
    [InlineData("2:0", "is not positive")]
    public void Bad_randomisation_ratio(string ratio, string problem)
    {
        var yaml = Valid.Replace("randomisation: \"2:1\"", $"randomisation: \"{ratio}\"");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "randomisation:"), "randomisation", ratio, problem, "in arm order");
    }

    [Fact]
    public void Ratio_and_randomisation_together()
    {
        var yaml = Valid.Replace("  - name: ketamine\n", "  - name: ketamine\n    ratio: 2\n");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "ratio: 2"), "arms[0].ratio", "2", "also gives randomisation");
    }

    [Theory]
    [InlineData("[24 h, 72 h, 8 d]", "'8 d'", "visits[2]", "outside the trial")]
    [InlineData("[-1 h, 72 h]", "'-1 h'", "visits[0]", "outside the trial")]
    [InlineData("[24 h, 72 h, 48 h]", "'48 h'", "visits[2]", "out of order")]
    [InlineData("[24 h, 24 h]", "'24 h'", "visits[1]", "out of order")]
    [InlineData("[24 mg]", "'24 mg'", "visits[0]", "dose amount unit")]
    public void Bad_visits(string visits, string value, string field, string problem)
    {
        var yaml = Valid.Replace("visits: [24 h, 72 h, 7 d]", $"visits: {visits}");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "visits:"), field, value.Trim('\''), problem);
    }

    [Fact]
    public void Visit_range_past_the_end()
    {
        var yaml = Valid.Replace("visits: [24 h, 72 h, 7 d]", "visits: [{ every: 2 d, until: 8 d }]");
        var e = Fail(yaml);
        Assert.Equal("visits[0]", e.Field);
        Assert.Contains("the visit at 8 d lies outside the trial", e.Message);
    }

    [Fact]
    public void Unknown_endpoint_key()
    {
        var yaml = Valid.Replace("  response: { fraction: 0.5 }", "  responce: { fraction: 0.5 }");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "responce"), "endpoints.responce", null, "did you mean 'response'?", "remission, response, relapse, suicidality");
    }

    [Fact]
    public void Unknown_suicidality_endpoint_key()
    {
        var yaml = Valid.Replace("  response: { fraction: 0.5 }", "  response: { fraction: 0.5 }\n  suicidality: { item10_maximum: 1 }");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "item10_maximum"), "endpoints.suicidality.item10_maximum", null, "did you mean 'item10_max'?", "item10_max, cgi_ss_r_max");
    }

    [Fact]
    public void Suicidality_threshold_out_of_range()
    {
        var yaml = Valid.Replace("  response: { fraction: 0.5 }", "  response: { fraction: 0.5 }\n  suicidality: { cgi_ss_r_max: 7 }");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "cgi_ss_r_max"), "endpoints.suicidality.cgi_ss_r_max", "7", "out of range", "0 to 5");
    }

    [Fact]
    public void Endpoints_on_two_scales()
    {
        var yaml = Valid.Replace("remission: { madrs_max: 10 }", "remission: { hamd17_max: 7 }");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "relapse:"), "endpoints.relapse.madrs_min", "22", "one scale");
    }

    [Fact]
    public void Unknown_population_name()
    {
        var yaml = Valid.Replace("population: trd-adult", "population: trd-adlut");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "population:"), "population", "trd-adlut", "did you mean 'trd-adult'?", "mdd-adult");
    }

    [Fact]
    public void Mouse_population_is_rejected()
    {
        var yaml = Valid.Replace("population: trd-adult", "population: stressed-mouse");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "population:"), "population", "stressed-mouse", "human subjects only");
    }

    [Fact]
    public void Unknown_drug_uses_the_scenario_error()
    {
        var yaml = Valid.Replace("drug: midazolam", "drug: midazolan");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "midazolan"), "arms[1].doses[0].drug", "midazolan", "unknown drug", "did you mean 'midazolam'?");
    }

    [Fact]
    public void Unknown_route_uses_the_scenario_error()
    {
        var yaml = Valid.Replace("drug: ketamine, route: iv-infusion", "drug: ketamine, route: intravenal");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "intravenal"), "arms[0].doses[0].route", "intravenal", "unknown route");
    }

    [Fact]
    public void Background_dose_errors_are_located()
    {
        var yaml = Valid.Replace("placebo: active-placebo\n", "placebo: active-placebo\nbackground:\n  - { drug: escitalopram, route: oral, amount: 600 mg }\n");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "600 mg"), "background[0].amount", "600 mg", "exceeds");
    }

    [Fact]
    public void Unknown_placebo_context()
    {
        var yaml = Valid.Replace("placebo: active-placebo", "placebo: sugar-pill");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "sugar-pill"), "placebo", "sugar-pill", "unknown placebo context", "new-oral-antidepressant");
    }

    [Fact]
    public void Unknown_control_arm()
    {
        var yaml = Valid.Replace("control: midazolam", "control: midazolan");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "control:"), "control", "midazolan", "did you mean 'midazolam'?", "ketamine, midazolam");
    }

    [Fact]
    public void Duplicate_arm_names()
    {
        var yaml = Valid.Replace("name: midazolam", "name: ketamine").Replace("control: midazolam", "");
        var e = Fail(yaml);
        Assert.Equal("arms[1].name", e.Field);
        Assert.Contains("two arms are called 'ketamine'", e.Message);
    }

    [Fact]
    public void Unknown_parameter_in_an_arm()
    {
        var yaml = Valid.Replace("  - name: midazolam\n", "  - name: midazolam\n    parameters: { not_a_parameter: 1 }\n");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "not_a_parameter"), "arms[1].parameters.not_a_parameter", "1", "unknown parameter");
    }

    [Fact]
    public void Dropout_out_of_range()
    {
        var yaml = Valid.Replace("dropout: { per_week: 0.02 }", "dropout: { by_end: 1.5 }");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "by_end"), "dropout.by_end", "1.5", "out of range");
    }

    [Fact]
    public void Population_whose_inclusion_excludes_everyone_is_reported_at_the_population_file()
    {
        var dir = Directory.CreateTempSubdirectory("ketasim-trial-");
        try
        {
            System.IO.File.WriteAllText(Path.Combine(dir.FullName, "strict.yaml"), """
                name: strict
                variability:
                  - { name: baseline-madrs, patient: baseline_madrs, scale: normal, typical: 30, sd: 5, min: 0, max: 60, source: "assumption: test" }
                inclusion:
                  madrs_min: 70
                  max_draws: 200
                """);
            var yaml = Valid.Replace("population: trd-adult", "population: strict.yaml");
            var e = Assert.Throws<InputException>(() => TrialReader.Read(yaml, File, dir.FullName));
            Assert.DoesNotContain('\n', e.Message);
            Assert.Equal(Path.Combine(dir.FullName, "strict.yaml"), e.File);
            Assert.Equal(5, e.Line);
            Assert.Equal("inclusion.madrs_min", e.Field);
            Assert.Equal("70", e.Value);
            Assert.Contains("with max_draws 200", e.Message);
            Assert.Contains("accepts about 0% of draws", e.Message);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Missing_population_file()
    {
        var yaml = Valid.Replace("population: trd-adult", "population: nowhere/none.yaml");
        var e = Fail(yaml);
        AssertNames(e, LineOf(yaml, "population:"), "population", "nowhere/none.yaml", "no such population file");
    }

    [Fact]
    public void Withdrawal_arms_must_share_the_open_label_phase()
    {
        var yaml = TrialReaderTests.WithdrawalYaml.Replace("amount: 0.5 mg/kg, duration: 40 min, schedule: weekly for 4 weeks", "amount: 0.4 mg/kg, duration: 40 min, schedule: weekly for 4 weeks");
        var e = Fail(yaml);
        Assert.Equal(LineOf(yaml, "0.4 mg/kg"), e.Line);
        Assert.Equal("arms[1].doses", e.Field);
        Assert.Contains("open-label phase must be the same", e.Message);
        Assert.Contains("arm 'stop' differs from arm 'continue'", e.Message);
        Assert.Contains("ketamine 0.4 mg/kg", e.Message);
    }

    [Fact]
    public void Withdrawal_arms_must_share_the_placebo_context()
    {
        var yaml = TrialReaderTests.WithdrawalYaml.Replace("  - name: stop\n", "  - name: stop\n    placebo: active-placebo\n");
        var e = Fail(yaml);
        Assert.Equal("arms[1].doses", e.Field);
        Assert.Contains("placebo context", e.Message);
    }

    [Theory]
    [InlineData("randomise_at: 9 week", "randomise_at", "randomisation must fall inside the trial")]
    [InlineData("randomise_at: 8 week", "randomise_at", "randomisation must fall inside the trial")]
    [InlineData("randomise_at: 1 week, stable_visits: 2", "stable_visits", "2 stable visit(s) are needed")]
    public void Bad_withdrawal(string body, string field, string problem)
    {
        var yaml = TrialReaderTests.WithdrawalYaml.Replace("randomise_at: 4 week, stable_visits: 2", body);
        var e = Fail(yaml);
        Assert.Equal($"withdrawal.{field}", e.Field);
        Assert.Contains(problem, e.Message);
        Assert.Contains("allowed: ", e.Message);
    }

    [Fact]
    public void Missing_file()
    {
        var e = Assert.Throws<InputException>(() => TrialReader.ReadFile("/no/such/trial.yaml"));
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void Validation_errors_never_escape_unlocated()
    {
        // Every case above is an InputException; in addition, no built-in fixture throws ArgumentException.
        foreach (var yaml in new[] { Valid, TrialReaderTests.WithdrawalYaml })
            TrialReader.Read(yaml, File).Validate(5);
    }
}
