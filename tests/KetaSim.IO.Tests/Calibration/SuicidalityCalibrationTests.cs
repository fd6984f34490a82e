using KetaSim.IO.Calibration;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.IO.Tests.Calibration;

/// <summary>CLIN-16 and CLIN-17 on the virtual cohorts `ketasim validate` scores, and the trial outputs they read.</summary>
public class SuicidalityCalibrationTests
{
    [Fact]
    public void Aspire_difference_at_24_h_is_inside_the_published_interval_and_suicidality_does_not_separate()
    {
        double difference = TrialCalibration.Result(SuicidalityCalibration.Aspire).Comparisons.Single(c => c.TimeHours == 24).ChangeDifference!.Value.Difference;
        Assert.InRange(difference, -6.6, -1.1);
        var verdict = SuicidalityCalibration.AspireSuicidality();
        Assert.True(verdict.Pass, verdict.Description);
    }

    [Fact]
    public void Single_infusion_effect_on_the_suicide_item_is_moderate_to_large_from_day_1_to_day_7()
    {
        var verdict = SuicidalityCalibration.WilkinsonEffectSizes();
        Assert.True(verdict.Pass, verdict.Description);
        // The effect is largest on day 1 and still present on day 7 (Wilkinson 2018: from day 1, up to a week).
        var d = TrialCalibration.Result(SuicidalityCalibration.SingleInfusionSuicidalIdeation).Comparisons.Select(c => c.Suicidality!.Item10CohensD).ToArray();
        Assert.True(d[0] > d[2], string.Join(", ", d));
    }

    /// <summary>The suicidality summaries do not depend on the thread count (the rxode2 lesson): one thread and all cores agree bit for bit.</summary>
    [Fact]
    public void Suicidality_outputs_are_identical_for_one_thread_and_many()
    {
        var trial = TrialCatalog.Get(SuicidalityCalibration.Aspire);
        var runner = new TrialRunner(chunkSize: 8);
        var one = runner.Run(trial, 40, 7, maxThreads: 1);
        var many = runner.Run(trial, 40, 7, maxThreads: 4);
        for (int a = 0; a < one.Arms.Count; a++)
            for (int v = 0; v < one.VisitTimesHours.Count; v++)
            {
                var x = one.Arms[a].Visits[v].Suicidality!;
                var y = many.Arms[a].Visits[v].Suicidality!;
                Assert.True(x.Item10Change.Count > 0);
                Assert.Equal(x.Item10Change.Count, y.Item10Change.Count);
                Assert.Equal(BitConverter.DoubleToInt64Bits(x.Item10Change.Mean), BitConverter.DoubleToInt64Bits(y.Item10Change.Mean));
                Assert.Equal(BitConverter.DoubleToInt64Bits(x.Item10Change.Variance), BitConverter.DoubleToInt64Bits(y.Item10Change.Variance));
                Assert.Equal(BitConverter.DoubleToInt64Bits(x.CgiChange.Mean), BitConverter.DoubleToInt64Bits(y.CgiChange.Mean));
                Assert.Equal(x.Item10Low.Successes, y.Item10Low.Successes);
                Assert.Equal(x.Resolved.Successes, y.Resolved.Successes);
            }
        var c1 = one.Comparisons.Select(c => c.Suicidality!.Item10CohensD).ToArray();
        var cn = many.Comparisons.Select(c => c.Suicidality!.Item10CohensD).ToArray();
        Assert.Equal(c1.Select(BitConverter.DoubleToInt64Bits), cn.Select(BitConverter.DoubleToInt64Bits));
    }
}
