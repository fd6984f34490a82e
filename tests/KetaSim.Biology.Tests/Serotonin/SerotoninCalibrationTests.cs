using KetaSim.Biology.Calibration;
using Xunit;

namespace KetaSim.Biology.Tests.Serotonin;

/// <summary>The serotonin layer's targets through the registry, as `ketasim validate` evaluates them.</summary>
public class SerotoninCalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void MECH6_is_registered_and_inside_its_band()
    {
        Assert.True(CalibrationRegistry.TryGet("MECH-6", out var e));
        double day = e.Evaluate(SerotoninRuns.Context);
        output.WriteLine($"MECH-6: firing back within 10% of baseline from day {day:F2} (band 10-25)");
        Assert.InRange(day, 10, 25);
    }

    [Fact]
    public void CLIN9_is_inside_its_band_once_the_symptoms_layer_gives_MADRS()
    {
        if (!CalibrationRegistry.TryGet("CLIN-9", out var e)) Assert.Skip("no symptoms layer yet: CLIN-9 is registered once MADRS exists");
        double share = e.Evaluate(SerotoninRuns.Context);
        output.WriteLine($"CLIN-9: share of the week-6 drug-placebo MADRS difference present at week 1 = {share:F3} (band 0.2-0.5)");
        Assert.InRange(share, 0.2, 0.5);
    }
}
