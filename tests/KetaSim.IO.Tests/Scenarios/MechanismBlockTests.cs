using KetaSim.Biology.Mechanism;
using KetaSim.IO.Input;

namespace KetaSim.IO.Tests.Scenarios;

/// <summary>The scenario file's <c>mechanism:</c> block (issue 3 part 8): reading, defaults, and one test per bad input.</summary>
public class MechanismBlockTests
{
    private const string File = "scenario.yaml";

    private static string With(string mechanism) =>
        "name: t\nduration: 24 h\ndoses:\n  - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n" + mechanism + "\n";

    private static InputException Fail(string yaml)
    {
        var e = Assert.Throws<InputException>(() => TestCatalog.Reader.Read(File, yaml));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{File}:{e.Line}: {e.Field}", e.Message);
        Assert.Contains("allowed: ", e.Message);
        if (e.Value is not null) Assert.Contains($"'{e.Value}'", e.Message);
        return e;
    }

    [Fact]
    public void Without_a_mechanism_block_the_scenario_is_PK_only()
    {
        Assert.Null(TestCatalog.Reader.Read(File, With("")).Scenario.Mechanism);
        Assert.Null(TestCatalog.Reader.Read(File, With("mechanism:")).Scenario.Mechanism);
    }

    [Fact]
    public void An_empty_mapping_turns_the_mechanism_on_with_every_default()
    {
        var m = TestCatalog.Reader.Read(File, With("mechanism: {}")).Scenario.Mechanism;
        Assert.NotNull(m);
        Assert.Equal(Hypotheses.Default, m.Hypothesis);
        Assert.Empty(m.Knockouts);
        Assert.Equal(PatientState.TypicalTrd, m.Patient);
        Assert.Equal(CircuitMode.QuasiSteadyState, m.CircuitMode);
        Assert.False(m.MeasurementNoise);
    }

    [Fact]
    public void Reads_every_key()
    {
        var doc = TestCatalog.Reader.Read(File, With("""
            mechanism:
              hypothesis: nmda-disinhibition
              knockouts:
                - MOR@SST
                - { target: nmda, cell: pyr }
              patient:
                stress: 0.6
                baseline_madrs: 35
                responsiveness: 0.8
                placebo_responsiveness: 1.5
                placebo: active-placebo
                trd: false
                serotonergic_responsiveness: 0.5
              circuit: dynamic
              noise: true
              seed: 42
            """));
        var m = doc.Scenario.Mechanism!;
        Assert.Equal(Hypotheses.NmdaDisinhibition, m.Hypothesis);
        Assert.Equal([new Knockout("MOR", "SST"), new Knockout("NMDA", "Pyr")], m.Knockouts);
        Assert.Equal(0.6, m.Patient.StressSeverity);
        Assert.Equal(35, m.Patient.BaselineMadrs);
        Assert.Equal(0.8, m.Patient.Responsiveness);
        Assert.Equal(1.5, m.Patient.PlaceboResponsiveness);
        Assert.Equal(PlaceboKind.ActivePlacebo, m.Patient.Placebo);
        Assert.False(m.Patient.TreatmentResistant);
        Assert.Equal(0.5, m.Patient.SerotonergicResponsiveness);
        Assert.Equal(CircuitMode.Dynamic, m.CircuitMode);
        Assert.True(m.MeasurementNoise);
        Assert.Equal(42UL, m.NoiseSeed);
        Assert.Equal(9, doc.LineOf("mechanism.knockouts[1]"));
    }

    [Theory]
    [InlineData("saline", PlaceboKind.Saline)]
    [InlineData("new-oral-antidepressant", PlaceboKind.NewOralAntidepressant)]
    [InlineData("New_Oral_Antidepressant", PlaceboKind.NewOralAntidepressant)]
    [InlineData("none", PlaceboKind.None)]
    public void Placebo_kinds_read_in_any_case(string text, PlaceboKind kind) =>
        Assert.Equal(kind, TestCatalog.Reader.Read(File, With("mechanism: { patient: { placebo: " + text + " } }")).Scenario.Mechanism!.Patient.Placebo);

    [Fact]
    public void A_single_knockout_may_be_written_without_brackets_and_none_means_none()
    {
        Assert.Equal([new Knockout("MOR", "SST")], TestCatalog.Reader.Read(File, With("mechanism: { knockouts: MOR@SST }")).Scenario.Mechanism!.Knockouts);
        Assert.Empty(TestCatalog.Reader.Read(File, With("mechanism: { knockouts: none }")).Scenario.Mechanism!.Knockouts);
    }

    [Fact]
    public void Unknown_hypothesis_lists_the_hypotheses()
    {
        var e = Fail(With("mechanism:\n  hypothesis: mor-gate"));
        Assert.Equal((6, "mechanism.hypothesis", "mor-gate"), (e.Line, e.Field, e.Value));
        Assert.Equal(string.Join(", ", Hypotheses.All), e.Allowed);
        Assert.Contains("did you mean 'mor-gated'?", e.Message);
    }

    [Fact]
    public void Unknown_target_in_a_knockout_lists_the_targets()
    {
        var e = Fail(With("mechanism:\n  knockouts: [MOR@SST, DOR@SST]"));
        Assert.Equal((6, "mechanism.knockouts[1]", "DOR@SST"), (e.Line, e.Field, e.Value));
        Assert.Contains("unknown target 'DOR'", e.Message);
        Assert.Contains("MOR", e.Allowed);
        Assert.Contains("PROKR2", e.Allowed);
    }

    [Fact]
    public void Unknown_target_in_a_mapping_knockout_names_the_target_field()
    {
        var e = Fail(With("mechanism:\n  knockouts:\n    - { target: DOR, cell: SST }"));
        Assert.Equal((7, "mechanism.knockouts[0].target", "DOR"), (e.Line, e.Field, e.Value));
    }

    [Fact]
    public void Unknown_cell_lists_the_cells()
    {
        var e = Fail(With("mechanism:\n  knockouts: [MOR@VIP]"));
        Assert.Equal("mechanism.knockouts[0]", e.Field);
        Assert.Contains("unknown cell 'VIP'", e.Message);
        Assert.Equal(string.Join(", ", Cells.All), e.Allowed);
    }

    [Fact]
    public void Knockout_of_a_receptor_the_model_does_not_place_on_that_cell_lists_the_ones_it_does()
    {
        var e = Fail(With("mechanism:\n  knockouts: [SERT@SST]"));
        Assert.Equal((6, "mechanism.knockouts[0]", "SERT@SST"), (e.Line, e.Field, e.Value));
        Assert.Contains("no SERT receptor on SST cells", e.Message);
        Assert.Contains("MOR@SST", e.Allowed);
        Assert.Contains("SERT@raphe", e.Allowed);
    }

    [Fact]
    public void Knockout_written_without_at_is_explained()
    {
        var e = Fail(With("mechanism:\n  knockouts: [MOR-SST]"));
        Assert.Contains("TARGET@CELL", e.Message);
    }

    [Fact]
    public void Knockout_listed_twice_is_rejected()
    {
        var e = Fail(With("mechanism:\n  knockouts: [MOR@SST, mor@sst]"));
        Assert.Equal("mechanism.knockouts[1]", e.Field);
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void Unknown_placebo_kind_lists_the_kinds()
    {
        var e = Fail(With("mechanism:\n  patient:\n    placebo: midazolam"));
        Assert.Equal((7, "mechanism.patient.placebo", "midazolam"), (e.Line, e.Field, e.Value));
        Assert.Equal("none, saline, active-placebo, new-oral-antidepressant, tablet, continued-oral-antidepressant, open-label, hospital-standard-of-care", e.Allowed);
    }

    [Theory]
    [InlineData("stress", "1.5", "0 <= stress <= 1")]
    [InlineData("stress", "-0.1", "0 <= stress <= 1")]
    [InlineData("baseline_madrs", "61", "0 <= baseline_madrs <= 60")]
    [InlineData("baseline_madrs", "-2", "0 <= baseline_madrs <= 60")]
    [InlineData("responsiveness", "-1", "0 <= responsiveness <= 10")]
    [InlineData("placebo_responsiveness", "-0.5", "0 <= placebo_responsiveness <= 10")]
    [InlineData("serotonergic_responsiveness", "-3", "0 <= serotonergic_responsiveness <= 10")]
    public void Patient_values_out_of_range_name_the_range(string key, string value, string range)
    {
        var e = Fail(With($"mechanism:\n  patient:\n    {key}: {value}"));
        Assert.Equal((7, $"mechanism.patient.{key}", value), (e.Line, e.Field, e.Value));
        Assert.Contains("out of range", e.Message);
        Assert.StartsWith(range, e.Allowed);
    }

    [Fact]
    public void Patient_value_that_is_not_a_number_is_rejected()
    {
        var e = Fail(With("mechanism:\n  patient: { stress: high }"));
        Assert.Equal(("mechanism.patient.stress", "high"), (e.Field, e.Value));
        Assert.Contains("not a number", e.Message);
    }

    [Fact]
    public void Unknown_patient_key_suggests_the_nearest()
    {
        var e = Fail(With("mechanism:\n  patient: { baseline_mdrs: 30 }"));
        Assert.Equal("mechanism.patient.baseline_mdrs", e.Field);
        Assert.Contains("did you mean 'baseline_madrs'?", e.Message);
    }

    [Fact]
    public void Unknown_circuit_mode_lists_the_modes()
    {
        var e = Fail(With("mechanism: { circuit: fast }"));
        Assert.Equal(("mechanism.circuit", "fast"), (e.Field, e.Value));
        Assert.Equal("quasi-steady-state, dynamic", e.Allowed);
    }

    [Fact]
    public void Trd_must_be_yes_or_no_and_seed_a_whole_number()
    {
        Assert.Equal("mechanism.patient.trd", Fail(With("mechanism: { patient: { trd: maybe } }")).Field);
        Assert.Equal("mechanism.seed", Fail(With("mechanism: { seed: -1 }")).Field);
    }

    [Fact]
    public void Unknown_mechanism_key_suggests_the_nearest()
    {
        var e = Fail(With("mechanism:\n  hypotesis: mor-gated"));
        Assert.Equal("mechanism.hypotesis", e.Field);
        Assert.Contains("did you mean 'hypothesis'?", e.Message);
    }
}
