using KetaSim.IO.Input;
using KetaSim.IO.Trials;

namespace KetaSim.IO.Tests.Trials;

/// <summary>The <c>safety:</c> block: thresholds read as given, defaults, and one located message per bad value.</summary>
public class TrialReaderSafetyTests
{
    private const string File = TrialReaderTests.File;

    private static string With(string safety) => TrialReaderTests.Valid + "\n" + safety + "\n";

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void Without_a_block_there_are_no_safety_endpoints() => Assert.Null(TrialReader.Read(TrialReaderTests.Valid, File).Safety);

    [Fact]
    public void True_gives_the_label_thresholds()
    {
        var s = TrialReader.Read(With("safety: true"), File).Safety!;
        Assert.Equal((40.0, 25.0, 180.0, 110.0, 4.0, true), (s.SystolicRiseMmHg, s.DiastolicRiseMmHg, s.SystolicAbsoluteMmHg, s.DiastolicAbsoluteMmHg, s.WindowHours, s.BetweenPatientVariability));
        Assert.Null(s.RestingSystolicMaxMmHg);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var s = TrialReader.Read(With("""
            safety:
              sbp_rise_mmhg: 30
              dbp_rise_mmhg: 20
              sbp_max_mmhg: 170
              dbp_max_mmhg: 105
              window: 150 min
              variability: false
              resting_sbp_max_mmhg: 140
              resting_dbp_max_mmhg: 90
            """), File).Safety!;
        Assert.Equal((30.0, 20.0, 170.0, 105.0, 2.5, false, 140.0, 90.0),
            (s.SystolicRiseMmHg, s.DiastolicRiseMmHg, s.SystolicAbsoluteMmHg, s.DiastolicAbsoluteMmHg, s.WindowHours, s.BetweenPatientVariability, s.RestingSystolicMaxMmHg!.Value, s.RestingDiastolicMaxMmHg!.Value));
    }

    [Theory]
    [InlineData("safety: { sbp_rise_mmhg: 500 }", "safety.sbp_rise_mmhg", "500", "1 <= sbp_rise_mmhg <= 150")]
    [InlineData("safety: { window: 2 d }", "safety.window", "2 d", "15 min <= window <= 24 h")]
    [InlineData("safety: { resting_sbp_max_mmhg: 40 }", "safety.resting_sbp_max_mmhg", "40", "100 <= resting_sbp_max_mmhg <= 200")]
    [InlineData("safety: { sbp_rise: 40 }", "safety.sbp_rise", null, "sbp_rise_mmhg")]
    [InlineData("safety: no", "safety", "no", "true, or a map")]
    public void Bad_values_stop_the_read_with_a_located_message(string block, string field, string? value, string allowed)
    {
        var yaml = With(block);
        var e = Assert.Throws<InputException>(() => TrialReader.Read(yaml, File));
        Assert.Equal(File, e.File);
        Assert.Equal(LineOf(yaml, "safety"), e.Line);
        Assert.Equal(field, e.Field);
        Assert.Equal(value, e.Value);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("allowed: ", e.Message);
        Assert.Contains(allowed, e.Message);
    }
}
