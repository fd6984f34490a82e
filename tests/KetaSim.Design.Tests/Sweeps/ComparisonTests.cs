using System.Text.Json;
using KetaSim.Biology.Mechanism;
using KetaSim.Design.Sweeps;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Tests.Sweeps;

/// <summary>Comparisons run against the real models.</summary>
public class ComparisonTests
{
    private static ScenarioDocument Doc(string mechanism = "mechanism: {}") => ScenarioEngine.Reader.Read("c.yaml",
        "name: c\nduration: 12 h\noutput: { step: 15 min }\ndoses:\n  - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }\n" + mechanism + "\n");

    private static Variation[] Vary(params string[] v) => v.Select(x => Variations.Parse("c.yaml", x)).ToArray();

    [Fact]
    public void Dose_comparison_of_a_PK_only_scenario_scales_the_concentration()
    {
        var c = Comparison.Run(Doc(""), Vary("dose=0.25mg/kg,0.5mg/kg"), []);
        Assert.Contains("ketamine_plasma_ng_per_ml", c.Observables);
        int o = c.Observables.ToList().IndexOf("ketamine_plasma_ng_per_ml");
        var low = CurveMetrics.Of(c.TimesHours, c.Results[0].Values[o]!);
        var high = CurveMetrics.Of(c.TimesHours, c.Results[1].Values[o]!);
        Assert.Equal(2.0, high.Peak / low.Peak, 6);
        Assert.Equal(2.0, high.Auc / low.Auc, 6);
        Assert.Equal(40.0 / 60, high.TimeOfPeakHours, 9);
    }

    [Fact]
    public void Mechanism_comparison_defaults_to_the_chain_readouts_the_model_has()
    {
        var c = Comparison.Run(Doc(), Vary("hypothesis=" + string.Join(",", Hypotheses.All)), []);
        Assert.Equal(3, c.Results.Count);
        Assert.NotEmpty(c.Observables);
        Assert.All(c.Observables, o => Assert.Contains(o, Comparison.PreferredObservables));
        Assert.All(c.Results, r => Assert.All(r.Values, v => Assert.Equal(c.TimesHours.Length, v!.Length)));
    }

    [Fact]
    public void Writes_csv_json_and_png()
    {
        var c = Comparison.Run(Doc(), Vary("dose=0.25mg/kg,0.5mg/kg"), ["ketamine_plasma_ng_per_ml"]);
        var dir = Directory.CreateTempSubdirectory("ketasim-compare-").FullName;
        try
        {
            Assert.Equal(["compare.csv", "compare.json", "compare.png"], ComparisonWriter.Write(dir, c));
            var csv = File.ReadAllLines(Path.Combine(dir, "compare.csv"));
            Assert.Equal("time_h,ketamine_plasma_ng_per_ml[dose=0.25mg/kg],ketamine_plasma_ng_per_ml[dose=0.5mg/kg]", csv[0]);
            Assert.Equal(c.TimesHours.Length + 1, csv.Length);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
            var variants = json.RootElement.GetProperty("variants").EnumerateArray().ToArray();
            Assert.Equal("dose=0.5mg/kg", variants[1].GetProperty("label").GetString());
            Assert.Equal("0.5mg/kg", variants[1].GetProperty("settings").GetProperty("dose").GetString());
            var m = variants[1].GetProperty("metrics").GetProperty("ketamine_plasma_ng_per_ml");
            Assert.InRange(m.GetProperty("peak").GetDouble(), 150, 220);
            foreach (var key in new[] { "unit", "start", "peak", "time_of_peak_h", "trough", "time_of_trough_h", "auc", "auc_unit", "end" })
                Assert.True(m.TryGetProperty(key, out _), key);
            Assert.True(new FileInfo(Path.Combine(dir, "compare.png")).Length > 1000);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Unknown_observable_suggests_the_nearest()
    {
        var e = Assert.Throws<InputException>(() => Comparison.Run(Doc(), Vary("dose=0.25mg/kg"), ["ketamine_plasma_ng_ml"]));
        Assert.Equal("--observables", e.Field);
        Assert.Contains("did you mean 'ketamine_plasma_ng_per_ml'?", e.Message);
    }

    [Fact]
    public void Metrics_of_a_known_curve()
    {
        var m = CurveMetrics.Of([0, 1, 2, 4], [3, 5, 1, 2]);
        Assert.Equal((3.0, 5.0, 1.0, 1.0, 2.0, 2.0), (m.Start, m.Peak, m.TimeOfPeakHours, m.Trough, m.TimeOfTroughHours, m.End));
        Assert.Equal(4 + 3 + 3, m.Auc, 12);
    }

    [Fact]
    public void Interpolation_onto_another_grid_is_linear_and_clamped()
    {
        Assert.Equal([0, 0.5, 2.5, 4, 4], Comparison.Interpolate([0, 1, 2], [0, 1, 4], [-1, 0.5, 1.5, 2, 3]));
    }
}
