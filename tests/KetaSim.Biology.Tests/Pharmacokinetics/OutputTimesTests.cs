using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

/// <summary>Explicit output times: exactly what was asked, plus 0 and the dose events, with values equal to the dense grid's.</summary>
public class OutputTimesTests
{
    [Fact]
    public void Explicit_times_give_those_times_plus_zero_and_the_infusion_edges()
    {
        var dense = BuiltInScenarios.KetamineIv05;
        var sparse = dense with { Name = "sparse", OutputTimesHours = [2, 6] };
        var runner = new ScenarioRunner();
        var s = runner.Run(sparse);
        Assert.Equal([0, 40.0 / 60, 2, 6], s.TimesHours);

        var d = runner.Run(dense);
        foreach (double t in new[] { 2.0, 6.0 })
        {
            int i = Array.IndexOf(d.TimesHours, t), j = Array.IndexOf(s.TimesHours, t);
            Assert.Equal(d.Observable("ketamine_plasma_ng_per_ml")[i], s.Observable("ketamine_plasma_ng_per_ml")[j], 1e-6 * d.Observable("ketamine_plasma_ng_per_ml")[i]);
        }
    }

    [Fact]
    public void A_time_outside_the_run_is_rejected()
    {
        var scenario = BuiltInScenarios.KetamineIv05 with { Name = "outside", OutputTimesHours = [30] };
        var ex = Assert.Throws<ArgumentException>(() => new ScenarioRunner().Run(scenario));
        Assert.Contains("30 h", ex.Message);
    }
}
