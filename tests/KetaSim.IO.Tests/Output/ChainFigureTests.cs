using KetaSim.Biology.Mechanism;
using KetaSim.IO.Output;

namespace KetaSim.IO.Tests.Output;

public class ChainFigureTests
{
    private static ObservableSeries S(string name, string unit, params double[] v) => new(name, unit, "", v);

    private static Dictionary<string, ObservableSeries> Model(params ObservableSeries[] series) =>
        series.ToDictionary(s => s.Name, StringComparer.Ordinal);

    [Fact]
    public void Full_chain_gives_the_panels_in_causal_order()
    {
        var all = Model(
            S("ketamine_plasma_ng_per_ml", "ng/mL", 0, 180, 20),
            S(MechanismNames.Occupancy("NMDA"), "1", 0, 0.4, 0.05),
            S(MechanismNames.Occupancy("SERT"), "1", 0, 0, 0),
            S(MechanismNames.Activation("MOR", "SST"), "1", 0.3, 0.3, 0.3),
            S(MechanismNames.Activation("NMDA", "SST"), "1", 1, 0.6, 0.95),
            S(MechanismNames.SstRateRel, "1", 1, 0.7, 0.9),
            S(MechanismNames.PyrRateRel, "1", 0.4, 0.6, 0.45),
            S(MechanismNames.SerotoninRel, "1", 1, 1, 1),
            S(MechanismNames.BdnfRel, "1", 1, 1.2, 1),
            S(MechanismNames.SpineDensityRel, "1", 0.8, 0.8, 0.85),
            S(MechanismNames.Madrs, "points", 32, 28, 20),
            S(MechanismNames.SystolicMmHg, "mmHg", 125, 140, 125),
            S(MechanismNames.Cadss, "1", 0, 12, 0));
        var panels = ChainFigure.Panels(all, ["ketamine_plasma_ng_per_ml"]);
        Assert.Equal(["plasma concentration", "receptor occupancy and activation", "prefrontal circuit", "plasticity", "depression score", "safety"],
            panels.Select(p => p.Title));
        // Untouched targets (SERT never occupied) and activations that do not move (MOR on SST) are left off; the unchanged serotonin chain too.
        Assert.Equal(["NMDA occupancy", "NMDA activation on SST"], panels[1].Curves.Select(c => c.Label));
        Assert.Equal(["systolic BP"], panels[5].Curves.Select(c => c.Label));
        Assert.Single(panels[5].RightCurves);
    }

    [Fact]
    public void Panels_appear_only_for_layers_the_model_has()
    {
        var panels = ChainFigure.Panels(Model(S("ketamine_plasma_ng_per_ml", "ng/mL", 0, 1), S(MechanismNames.Cadss, "1", 0, 3)), ["ketamine_plasma_ng_per_ml"]);
        Assert.Equal(["plasma concentration", "safety"], panels.Select(p => p.Title));
        Assert.Equal("CADSS (0-92)", panels[1].YLabel);
    }

    [Fact]
    public void Chain_png_is_written_for_a_run_with_chain_panels()
    {
        var dir = Directory.CreateTempSubdirectory("ketasim-chain-").FullName;
        try
        {
            double[] t = [0, 1, 2, 3];
            var run = new RunResult("x", "", t, [S("a", "ng/mL", 0, 2, 1, 0.5)])
            {
                Chain = ChainFigure.Panels(Model(S("a_plasma_ng_per_ml", "ng/mL", 0, 2, 1, 0.5), S(MechanismNames.Madrs, "points", 30, 25, 22, 24)), ["a_plasma_ng_per_ml"]),
            };
            var files = RunOutputWriter.Write(dir, run);
            Assert.Contains(ChainFigure.FileName, files);
            var bytes = File.ReadAllBytes(Path.Combine(dir, ChainFigure.FileName));
            Assert.True(bytes.Length > 1000);
            Assert.Equal(0x89, bytes[0]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(2, "min")]
    [InlineData(24, "h")]
    [InlineData(14 * 24, "d")]
    public void Time_axis_unit_follows_the_span(double hours, string unit) => Assert.Equal(unit, TimeAxis.For(hours).Unit);
}
