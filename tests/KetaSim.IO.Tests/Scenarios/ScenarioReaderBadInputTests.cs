using KetaSim.IO.Input;

namespace KetaSim.IO.Tests.Scenarios;

/// <summary>
/// One test per bad-input case of issue part 7. Each asserts the message names the file, the line, the
/// field, the bad value and what is allowed, and that it is a single line.
/// </summary>
public class ScenarioReaderBadInputTests
{
    private const string File = "scenario.yaml";

    private static InputException Fail(string yaml)
    {
        var e = Assert.Throws<InputException>(() => TestCatalog.Reader.Read(File, yaml));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{File}:{e.Line}:", e.Message);
        return e;
    }

    private static void AssertNames(InputException e, int line, string field, string? value, params string[] allowed)
    {
        Assert.Equal(File, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Equal(value, e.Value);
        Assert.Contains(field, e.Message);
        if (value is not null) Assert.Contains($"'{value}'", e.Message);
        Assert.Contains("allowed: ", e.Message);
        foreach (var a in allowed) Assert.Contains(a, e.Allowed);
    }

    private static string Dose(string doseLines) => $"""
        name: t
        duration: 24 h
        doses:
          - drug: ketamine
        {doseLines}
        """;

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        var e = Fail("""
            name: t
            duration: 24 h
            doses:
              - drug: ketamine
                route: [iv-infusion
                amount: 0.5 mg/kg
            """);
        Assert.Equal(File, e.File);
        Assert.InRange(e.Line, 5, 7);
        Assert.Contains("malformed YAML", e.Message);
        Assert.Contains("allowed: YAML", e.Message);
    }

    [Fact]
    public void Unknown_drug_lists_the_known_ones_and_suggests_the_nearest()
    {
        var e = Fail("""
            name: t
            duration: 24 h
            doses:
              - drug: ketamin
                route: iv-infusion
                amount: 0.5 mg/kg
                duration: 40 min
            """);
        AssertNames(e, 4, "doses[0].drug", "ketamin", "escitalopram", "esketamine", "ketamine");
        Assert.Contains("did you mean 'ketamine'?", e.Message);
    }

    [Fact]
    public void Unknown_route_lists_the_drugs_routes()
    {
        var e = Fail(Dose("""
                route: intravenous-drip
                amount: 0.5 mg/kg
            """));
        AssertNames(e, 5, "doses[0].route", "intravenous-drip", "iv-bolus", "iv-infusion", "intraperitoneal");
    }

    [Fact]
    public void Route_the_drug_has_no_model_for_is_rejected()
    {
        var e = Fail(Dose("""
                route: oral
                amount: 50 mg
            """));
        AssertNames(e, 5, "doses[0].route", "oral", "iv-infusion");
        Assert.Contains("ketamine has no oral model", e.Message);
    }

    [Fact]
    public void Unknown_key_lists_the_allowed_keys_and_suggests_the_nearest()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                ammount: 0.5 mg/kg
                duration: 40 min
            """));
        AssertNames(e, 6, "doses[0].ammount", null, "drug", "route", "amount", "schedule", "times");
        Assert.Contains("unknown key 'ammount' (did you mean 'amount'?)", e.Message);
    }

    [Fact]
    public void Unknown_top_level_key_is_rejected()
    {
        var e = Fail("""
            name: t
            durations: 24 h
            doses: []
            """);
        AssertNames(e, 2, "durations", null, "duration", "doses", "subject");
        Assert.Contains("did you mean 'duration'?", e.Message);
    }

    [Fact]
    public void Missing_field_names_the_field_and_the_mapping_it_belongs_in()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                duration: 40 min
            """));
        AssertNames(e, 4, "doses[0].amount", null, "mg/kg");
        Assert.Contains("is missing", e.Message);
    }

    [Fact]
    public void Missing_duration_is_reported()
    {
        var e = Fail("""
            name: t
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 1 mg/kg }
            """);
        AssertNames(e, 1, "duration", null, "min", "h", "week");
    }

    [Fact]
    public void Negative_dose_is_rejected_with_the_allowed_range()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                amount: -0.5 mg/kg
                duration: 40 min
            """));
        AssertNames(e, 6, "doses[0].amount", "-0.5 mg/kg", "more than 0", "at most 10 mg/kg");
        Assert.Contains("must be positive", e.Message);
    }

    [Fact]
    public void Absurd_dose_5_g_per_kg_is_understood_then_rejected_with_the_limit()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                amount: 5 g/kg
                duration: 40 min
            """));
        AssertNames(e, 6, "doses[0].amount", "5 g/kg", "at most 10 mg/kg", "Ketalar");
        Assert.Contains("5000 mg/kg", e.Message);
        Assert.Contains("exceeds the largest plausible ketamine iv-infusion dose", e.Message);
    }

    [Fact]
    public void Dose_unit_mistake_lists_the_dose_units()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                amount: 0.5 mL
                duration: 40 min
            """));
        AssertNames(e, 6, "doses[0].amount", "0.5 mL", "mg", "mg/kg", "ug/kg", "g/kg");
        Assert.Contains("unknown unit 'mL'", e.Message);
    }

    [Fact]
    public void Time_given_in_a_dose_unit_is_a_unit_error()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                amount: 0.5 mg/kg
                duration: 40 mg
            """));
        AssertNames(e, 7, "doses[0].duration", "40 mg", "s, min, h, d, week");
        Assert.Contains("'mg' is a dose amount unit, but this field is a time", e.Message);
    }

    [Fact]
    public void Number_without_unit_is_a_unit_error()
    {
        var e = Fail("""
            name: t
            duration: 24
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 1 mg/kg }
            """);
        AssertNames(e, 2, "duration", "24", "min", "h");
        Assert.Contains("has no unit", e.Message);
    }

    [Fact]
    public void Times_out_of_order_are_rejected()
    {
        var e = Fail(Dose("""
                route: iv-bolus
                amount: 0.5 mg/kg
                times:
                  - 0 h
                  - 12 h
                  - 6 h
            """));
        AssertNames(e, 10, "doses[0].times[2]", "6 h", "strictly increasing");
        Assert.Contains("out of order", e.Message);
    }

    [Fact]
    public void Dose_after_the_end_of_the_simulation_is_rejected()
    {
        var e = Fail(Dose("""
                route: iv-bolus
                amount: 0.5 mg/kg
                times: [0 h, 30 h]
            """));
        AssertNames(e, 7, "doses[0].times[1]", "30 h", "24 h");
    }

    [Fact]
    public void Schedule_syntax_error_points_at_the_column()
    {
        var e = Fail(Dose("""
                route: iv-bolus
                amount: 0.5 mg/kg
                schedule: twice weekly for banana
            """));
        AssertNames(e, 7, "doses[0].schedule", "twice weekly for banana", "once", "twice weekly for 4 weeks");
        Assert.Contains("at column", e.Message);
    }

    [Fact]
    public void Duplicate_key_is_rejected()
    {
        var e = Fail(Dose("""
                route: iv-bolus
                amount: 0.5 mg/kg
                amount: 1 mg/kg
            """));
        Assert.Equal(File, e.File);
        Assert.Equal(7, e.Line);
        Assert.Contains("key 'amount' appears twice", e.Message);
        Assert.Contains("allowed: each key once", e.Message);
    }

    [Fact]
    public void Nasal_dose_that_is_not_whole_devices_is_rejected()
    {
        var e = Fail("""
            name: t
            duration: 24 h
            doses:
              - drug: esketamine
                route: intranasal
                amount: 50 mg
            """);
        AssertNames(e, 6, "doses[0].amount", "50 mg", "28, 56 or 84 mg");
    }

    [Fact]
    public void Unknown_observable_lists_the_models_observables()
    {
        var e = Fail("""
            name: t
            duration: 24 h
            output:
              observables: [ketamine_plasma_ng_per_ml, ketamine_plasma_ng_per_l]
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 1 mg/kg }
            """);
        AssertNames(e, 4, "output.observables[1]", "ketamine_plasma_ng_per_l", "norketamine_plasma_ng_per_ml");
        Assert.Contains("did you mean 'ketamine_plasma_ng_per_ml'?", e.Message);
    }

    [Fact]
    public void Unknown_parameter_override_is_rejected()
    {
        var e = Fail("""
            name: t
            duration: 24 h
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 1 mg/kg }
            parameters:
              CL_R: 90
            """);
        AssertNames(e, 6, "parameters.CL_R", "90", "CL_S", "V1");
    }

    [Fact]
    public void Implausible_body_weight_is_rejected()
    {
        var e = Fail("""
            name: t
            subject: { species: human, weight: 700 kg }
            duration: 24 h
            doses:
              - { drug: ketamine, route: iv-bolus, amount: 1 mg/kg }
            """);
        AssertNames(e, 2, "subject.weight", "700 kg", "2 kg to 300 kg");
    }

    [Fact]
    public void Infusion_without_duration_is_rejected()
    {
        var e = Fail(Dose("""
                route: iv-infusion
                amount: 0.5 mg/kg
            """));
        AssertNames(e, 4, "doses[0].duration", null, "40 min");
    }

    [Fact]
    public void Missing_file_is_reported_without_a_line()
    {
        var e = Assert.Throws<InputException>(() => TestCatalog.Reader.ReadFile("/nonexistent/dir/scenario.yaml"));
        Assert.Equal("/nonexistent/dir/scenario.yaml: file not found; allowed: the path of a scenario YAML file", e.Message);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        var e = Fail("");
        Assert.Contains("empty", e.Message);
    }
}
