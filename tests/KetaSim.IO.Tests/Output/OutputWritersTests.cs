using System.Text.Json;
using KetaSim.IO.Output;

namespace KetaSim.IO.Tests.Output;

public class OutputWritersTests
{
    /// <summary>One-compartment bolus: C = 100·exp(-k t) with t½ = 3 h, on a 0..24 h grid.</summary>
    private static RunResult Exponential()
    {
        var t = Enumerable.Range(0, 97).Select(i => i * 0.25).ToArray();
        double k = Math.Log(2) / 3;
        var c = t.Select(x => 100 * Math.Exp(-k * x)).ToArray();
        var frac = t.Select(x => x / 24).ToArray();
        return new RunResult("exp", "test", t,
        [
            new ObservableSeries("drug_plasma_ng_per_ml", "ng/mL", "drug", c),
            new ObservableSeries("occupancy", "1", "occupancy", frac),
        ]);
    }

    [Fact]
    public void Csv_has_time_then_one_column_per_observable_in_invariant_culture()
    {
        var w = new StringWriter();
        TimecourseCsv.Write(w, Exponential());
        var lines = w.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("time_h,drug_plasma_ng_per_ml,occupancy", lines[0]);
        Assert.Equal(98, lines.Length);
        Assert.Equal("0.25,94.38743127,0.01041666667", lines[2]);
    }

    [Fact]
    public void Summary_reports_cmax_tmax_auc_and_half_life_per_observable()
    {
        using var doc = JsonDocument.Parse(SummaryJson.ToJson(Exponential()));
        var drug = doc.RootElement.GetProperty("observables").GetProperty("drug_plasma_ng_per_ml");
        Assert.Equal("ng/mL", drug.GetProperty("unit").GetString());
        Assert.Equal(100, drug.GetProperty("cmax").GetDouble(), 9);
        Assert.Equal(0, drug.GetProperty("tmax_h").GetDouble());
        // Exact AUC 0-24 = 100/k (1 - 2^-8); log-trapezoid is exact for an exponential.
        double k = Math.Log(2) / 3;
        Assert.Equal(100 / k * (1 - Math.Pow(2, -8)), drug.GetProperty("auc_last").GetDouble(), 6);
        Assert.Equal(3, drug.GetProperty("terminal_half_life_h").GetDouble(), 6);
        Assert.Equal("exp", doc.RootElement.GetProperty("scenario").GetString());
    }

    [Fact]
    public void Summary_writes_null_when_no_terminal_phase_exists()
    {
        using var doc = JsonDocument.Parse(SummaryJson.ToJson(Exponential()));
        var occ = doc.RootElement.GetProperty("observables").GetProperty("occupancy");
        Assert.Equal(JsonValueKind.Null, occ.GetProperty("terminal_half_life_h").ValueKind);
    }

    [Fact]
    public void Plots_are_png_files_one_per_unit()
    {
        var dir = Directory.CreateTempSubdirectory("ketasim-plot-test-").FullName;
        try
        {
            var files = TimecoursePlots.Write(dir, Exponential());
            Assert.Equal(["plot_ng_per_ml.png", "plot_1.png"], files);
            foreach (var f in files)
            {
                var bytes = File.ReadAllBytes(Path.Combine(dir, f));
                Assert.True(bytes.Length > 1000);
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Mismatched_series_length_is_refused()
    {
        var bad = new RunResult("x", "", [0, 1], [new ObservableSeries("a", "ng/mL", "", [1])]);
        Assert.Throws<ArgumentException>(() => TimecourseCsv.Write(new StringWriter(), bad));
    }
}
