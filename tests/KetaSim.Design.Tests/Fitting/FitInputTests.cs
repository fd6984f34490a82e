using KetaSim.Design.Fitting;
using KetaSim.IO.Input;

namespace KetaSim.Design.Tests.Fitting;

/// <summary>Every bad cell of the observations file and every bad entry of the fit spec is a located input error.</summary>
public sealed class FitInputTests : IDisposable
{
    private readonly FitFixture _fx = new();

    public FitInputTests()
    {
        _fx.Write("pk.yaml", FitFixture.PkScenario("pk", 0.5, "8 h"));
        _fx.Write("pk2.yaml", FitFixture.PkScenario("pk2", 0.25, "8 h"));
    }

    public void Dispose() => _fx.Dispose();

    private const string Experiments = "  - { id: low, scenario: pk2.yaml }\n  - { id: high, scenario: pk.yaml }\n";
    private const string Parameters = "  - { name: ket_CL_S_ref }\n";

    private const string GoodRows =
        "low,1,ketamine_plasma_ng_per_ml,80,8\nlow,2 h,ketamine_plasma_ng_per_ml,30,3\nhigh,60 min,ketamine_plasma_ng_per_ml,160,16\nhigh,4,ketamine_plasma_ng_per_ml,20,2\n";

    private InputException Fails(string csv, string? spec = null)
    {
        _fx.Write("observations.csv", csv);
        return Assert.Throws<InputException>(() => _fx.Read(spec ?? FitFixture.Spec(Experiments, Parameters)));
    }

    [Fact]
    public void A_good_spec_reads_times_with_units_and_defaults_to_sd_weights()
    {
        _fx.Write("observations.csv", "experiment,time,observable,value,sd\n# a comment\n" + GoodRows);
        var p = _fx.Read(FitFixture.Spec(Experiments, Parameters));
        Assert.Equal([1.0, 2, 1, 4], p.Observations.Select(o => o.TimeHours));
        Assert.Equal(Weighting.Sd, p.Weights);
        Assert.Equal([8.0, 3, 16, 2], p.Data.Scale);
        Assert.Equal([0.0, 1, 2], p.Experiments[0].Template.OutputTimesHours);
        // Bounds default to the plausible range; the start is the model's value.
        Assert.Equal(97.2, p.Parameters[0].Initial);
        Assert.True(p.Parameters[0].Low < 97.2 && p.Parameters[0].High > 97.2);
    }

    [Theory]
    [InlineData("low,one,ketamine_plasma_ng_per_ml,80,8", "time", "one", "not a time")]
    [InlineData("low,1,ketamine_plasma_ng_per_ml,eighty,8", "value", "eighty", "not a number")]
    [InlineData("low,1,ketamine_plasma_ng_per_ml,80,-8", "sd", "-8", "the SD is negative")]
    [InlineData("low,1,ketamine_plasma_ng_per_ml,80,0", "sd", "0", "the SD is zero")]
    [InlineData("medium,1,ketamine_plasma_ng_per_ml,80,8", "experiment", "medium", "unknown experiment 'medium'")]
    [InlineData("lwo,1,ketamine_plasma_ng_per_ml,80,8", "experiment", "lwo", "did you mean 'low'")]
    [InlineData("low,1,ketamine_plasma_ng_per_mL,80,8", "observable", "ketamine_plasma_ng_per_mL", "did you mean 'ketamine_plasma_ng_per_ml'")]
    [InlineData("low,9 h,ketamine_plasma_ng_per_ml,80,8", "time", "9 h", "after the end of experiment 'low'")]
    [InlineData("low,-1,ketamine_plasma_ng_per_ml,80,8", "time", "-1", "negative")]
    [InlineData("low,1,ketamine_plasma_ng_per_ml,80", "", "low,1,ketamine_plasma_ng_per_ml,80", "4 cells where the header has 5")]
    [InlineData("low,1,ketamine_plasma_ng_per_ml,80,", "sd", "", "weights: sd needs an SD on every row")]
    public void A_bad_cell_names_the_file_line_column_and_value(string row, string column, string value, string message)
    {
        var e = Fails("experiment,time,observable,value,sd\n" + GoodRows + row + "\n");
        Assert.EndsWith("observations.csv", e.File);
        Assert.Equal(6, e.Line);
        Assert.Equal(column, e.Field);
        Assert.Equal(value, e.Value);
        Assert.Contains(message, e.Message);
        Assert.Contains("allowed:", e.Message);
    }

    [Theory]
    [InlineData("experiment,time,observable,valeu,sd", "did you mean 'value'")]
    [InlineData("experiment,time,observable,sd", "the column 'value' is missing")]
    [InlineData("experiment,time,time,observable,value", "appears twice")]
    public void A_bad_header_is_located(string header, string message)
    {
        var e = Fails(header + "\n" + GoodRows);
        Assert.Equal(1, e.Line);
        Assert.Equal("header", e.Field);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("  - { name: ket_CL_S_rf }\n", "parameters[0].name", "did you mean 'ket_CL_S_ref'")]
    [InlineData("  - { name: ket_CL_S_ref, bounds: [150, 50] }\n", "parameters[0].bounds", "bounds reversed")]
    [InlineData("  - { name: ket_CL_S_ref, bounds: [50, x] }\n", "parameters[0].bounds", "not a number")]
    [InlineData("  - { name: ket_CL_S_ref, bounds: [50, 150], initial: 200 }\n", "parameters[0].initial", "outside the bounds")]
    [InlineData("  - { name: ket_CL_S_ref, shared: true, local: true }\n", "parameters[0].shared", "contradict")]
    [InlineData("  - { name: ket_CL_S_ref }\n  - { name: ket_CL_S_ref }\n", "parameters[1].name", "listed twice")]
    [InlineData("  - { name: ket_CL_S_ref, bound: [1, 2] }\n", "parameters[0].bound", "did you mean 'bounds'")]
    public void A_bad_parameter_entry_is_located_in_the_spec(string parameters, string field, string message)
    {
        var e = Fails("experiment,time,observable,value,sd\n" + GoodRows, FitFixture.Spec(Experiments, parameters));
        Assert.EndsWith("fit.yaml", e.File);
        Assert.True(e.Line >= 7, $"line {e.Line}");
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("weights: sdd\n", "weights", "did you mean 'sd'")]
    [InlineData("profiles: maybe\n", "profiles", "yes/no")]
    public void A_bad_setting_is_located_in_the_spec(string extra, string field, string message)
    {
        var e = Fails("experiment,time,observable,value,sd\n" + GoodRows, FitFixture.Spec(Experiments, Parameters, extra));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void An_experiment_without_observations_and_a_missing_scenario_are_located_in_the_spec()
    {
        var e = Fails("experiment,time,observable,value,sd\nlow,1,ketamine_plasma_ng_per_ml,80,8\nlow,2,ketamine_plasma_ng_per_ml,30,3\n");
        Assert.Equal(5, e.Line);
        Assert.Contains("experiment 'high' has no observation", e.Message);

        var missing = Fails("experiment,time,observable,value,sd\n" + GoodRows, FitFixture.Spec("  - { id: low, scenario: nope.yaml }\n", Parameters));
        Assert.Equal("experiments[0].scenario", missing.Field);
        Assert.Contains("no such file", missing.Message);
    }
}
