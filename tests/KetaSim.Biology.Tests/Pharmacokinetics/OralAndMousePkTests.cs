using KetaSim.Biology.Calibration;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Analysis;
using Xunit;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

public class EscitalopramPkTests
{
    [Fact]
    public void PK7_Cavg_day14_at_10_mg_is_15_to_30_ng_per_ml()
    {
        Assert.InRange(PkRuns.Evaluate("PK-7/10mg/Cavg"), 15, 30);
    }

    [Fact]
    public void PK7_Cavg_day14_at_20_mg_is_30_to_60_ng_per_ml()
    {
        Assert.InRange(PkRuns.Evaluate("PK-7/20mg/Cavg"), 30, 60);
    }

    [Fact]
    public void PK7_terminal_half_life_is_22_to_38_h()
    {
        Assert.InRange(PkRuns.Evaluate("PK-7/HalfLife"), 22, 38);
    }

    [Fact]
    public void Cavg_at_steady_state_equals_dose_rate_over_CL_F()
    {
        // Liu 2022: CL/F 16.3 L/h → 10 mg/24 h / 16.3 L/h = 25.6 ng/mL (day 14 is ~97% of steady state).
        Assert.Equal(10.0 / 24 / 16.3 * 1000, PkRuns.Evaluate("PK-7/10mg/Cavg"), 1.0);
    }

    [Theory]
    [InlineData(64, 1.0)]
    [InlineData(65, 1.5)]
    [InlineData(80, 1.5)]
    public void Elderly_subjects_have_half_again_the_exposure_from_65(double ageYears, double expectedRatio)
    {
        // Lexapro label / Søgaard 2005: AUC and t½ about 50% higher at 65 and over.
        var young = BuiltInScenarios.EscitalopramDaily(10);
        var aged = young with { Name = young.Name + $"-age{ageYears}", Subject = young.Subject with { AgeYears = ageYears } };
        double Auc(Scenario s)
        {
            var r = new ScenarioRunner().Run(s);
            return ExposureMetrics.AucBetween(r.TimesHours, r.Observable("escitalopram_plasma_ng_per_ml"), 13 * 24, 14 * 24);
        }
        // Steady-state AUC over a dosing interval = dose / CL, so the ratio is the clearance ratio (day 14: ≥ 93% of steady state).
        Assert.Equal(expectedRatio, Auc(aged) / Auc(young), 0.08);
    }

    [Fact]
    public void Areberg_2006_as_published_has_a_terminal_half_life_above_the_PK7_range()
    {
        // Diagnosis kept as a test: Areberg's 2-cmt parameters give λz = 0.0146 /h (t½ ≈ 47.6 h) although
        // its Cavg matches; the label's 27-33 h is not reproduced. The default set is therefore Liu 2022.
        var set = OralSsriParameterSet.EscitalopramAreberg2006;
        double k10 = set.ClearanceLPerHour / set.CentralVolumeL, k12 = set.InterCompartmentalClearanceLPerHour!.Value / set.CentralVolumeL,
            k21 = set.InterCompartmentalClearanceLPerHour.Value / set.PeripheralVolumeL!.Value;
        double sum = k10 + k12 + k21, beta = (sum - Math.Sqrt(sum * sum - 4 * k10 * k21)) / 2;
        Assert.InRange(Math.Log(2) / beta, 45, 50);

        var scenario = BuiltInScenarios.EscitalopramDaily(10) with { Name = "escitalopram-areberg-10mg" };
        // Run the Areberg set through its library alias.
        var areberg = scenario with { Doses = [scenario.Doses[0] with { Compound = "escitalopram-areberg2006" }] };
        var r = PkRuns.Context.Run(areberg);
        int from = Array.FindIndex(r.TimesHours, t => t >= BuiltInScenarios.EscitalopramLastDoseHours);
        var nca = ExposureMetrics.Compute(r.TimesHours, r.Observable("escitalopram_plasma_ng_per_ml"), from, r.TimesHours.Length);
        Assert.True(nca.TerminalHalfLifeHours > 38, $"Areberg NCA t½ {nca.TerminalHalfLifeHours}");
        double cavg = ExposureMetrics.AucBetween(r.TimesHours, r.Observable("escitalopram_plasma_ng_per_ml"), BuiltInScenarios.EscitalopramLastDoseHours, BuiltInScenarios.EscitalopramLastDoseHours + 24) / 24;
        Assert.InRange(cavg, 15, 30);
    }

    [Fact]
    public void Citalopram_label_set_gives_its_label_half_life()
    {
        var s = BuiltInScenarios.EscitalopramDaily(20) with { Name = "citalopram-20" };
        s = s with { Doses = [s.Doses[0] with { Compound = "citalopram" }] };
        var r = PkRuns.Context.Run(s);
        int from = Array.FindIndex(r.TimesHours, t => t >= BuiltInScenarios.EscitalopramLastDoseHours);
        var nca = ExposureMetrics.Compute(r.TimesHours, r.Observable("citalopram_plasma_ng_per_ml"), from, r.TimesHours.Length);
        Assert.Equal(35, nca.TerminalHalfLifeHours, 1.0);
    }
}

public class MouseKetaminePkTests
{
    [Fact]
    public void PK8_brain_ketamine_is_clearly_lower_at_30_min_than_at_5_min()
    {
        Assert.True(PkRuns.Evaluate("PK-8/Ratio30to5") < 0.8);
    }

    [Fact]
    public void PK8_brain_ketamine_at_3_h_is_below_10_percent_of_peak()
    {
        Assert.True(PkRuns.Evaluate("PK-8/Ratio3hToPeak") < 0.1);
    }

    [Fact]
    public void A_mouse_subject_dosed_with_ketamine_gets_the_mouse_preset()
    {
        Assert.IsType<MouseKetaminePk>(PkLibrary.Get("ketamine", Species.Mouse));
        Assert.IsType<RacemicKetaminePk>(PkLibrary.Get("ketamine"));
        Assert.IsType<RacemicKetaminePk>(PkLibrary.Get("Racemic-Ketamine"));
        Assert.IsType<MouseKetaminePk>(PkLibrary.Get("mouse-ketamine"));
        Assert.Throws<ArgumentException>(() => PkLibrary.Get("esketamine", Species.Mouse));
        var ex = Assert.Throws<ArgumentException>(() => PkLibrary.Get("ketamin"));
        Assert.Contains("esketamine", ex.Message);
    }

    [Fact]
    public void Brain_peaks_within_15_min_of_an_ip_dose()
    {
        var e = PkRuns.Exposure(BuiltInScenarios.MouseKetamineIp10, "ketamine_brain_ng_per_ml");
        Assert.InRange(e.TmaxHours * 60, 2, 15);
    }
}
