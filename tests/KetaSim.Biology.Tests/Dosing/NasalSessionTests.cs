using KetaSim.Biology.Dosing;
using Xunit;

namespace KetaSim.Biology.Tests.Dosing;

public class NasalSessionTests
{
    [Theory]
    [InlineData(28.0, 1)]
    [InlineData(56.0, 2)]
    [InlineData(84.0, 3)]
    [InlineData(112.0, 4)]
    public void Session_dose_splits_into_28_mg_devices(double sessionMg, int devices)
    {
        Assert.Equal(devices, NasalSession.DeviceCount(sessionMg));
        var list = NasalSession.Devices(sessionMg);
        Assert.Equal(devices, list.Count);
        Assert.Equal(sessionMg, list.Sum(d => d.AmountMg), 12);
    }

    [Fact]
    public void Devices_are_5_min_apart_and_later_ones_have_a_smaller_nasal_fraction()
    {
        var devices = NasalSession.Devices(84);
        Assert.Equal([0.0, 5.0, 10.0], devices.Select(d => Math.Round(d.OffsetHours * 60, 9)));
        Assert.All(devices, d => Assert.Equal(28.0, d.AmountMg));
        Assert.Equal([0, 1, 2], devices.Select(d => d.Index));
    }

    [Fact]
    public void Per_kg_round_off_still_counts_as_whole_devices() =>
        Assert.Equal(2, NasalSession.DeviceCount(0.8 * 70)); // 55.99999999999999 mg

    [Theory]
    [InlineData(30.0)]
    [InlineData(0.0)]
    [InlineData(-28.0)]
    [InlineData(140.0)]
    [InlineData(double.NaN)]
    public void Other_session_doses_are_rejected_naming_the_allowed_values(double sessionMg)
    {
        var ex = Assert.Throws<DoseValidationException>(() => NasalSession.Devices(sessionMg));
        Assert.Equal("Amount", ex.Field);
        Assert.Contains(sessionMg.ToString("G", System.Globalization.CultureInfo.InvariantCulture) + " mg", ex.Message);
        Assert.Contains("28, 56 or 84 mg", ex.Message);
    }
}
