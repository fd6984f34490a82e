namespace KetaSim.Biology.Dosing;

/// <summary>One nasal device within a session, for the routing to split into nasal and swallowed parts.</summary>
/// <param name="Index">0 for the first device of the session.</param>
/// <param name="OffsetHours">Time after the session start (the dose occurrence time).</param>
/// <param name="AmountMg">Esketamine in this device (two sprays, one per nostril).</param>
/// <remarks>
/// How much of a device is absorbed nasally (and how that falls for later devices) is a property of the
/// PK model, with its own parameters: see EsketamineNasalPk.
/// </remarks>
public readonly record struct NasalDevice(int Index, double OffsetHours, double AmountMg);

/// <summary>
/// Esketamine nasal-spray sessions: a session dose is given as whole 28-mg devices, 5 min apart.
/// </summary>
public static class NasalSession
{
    /// <summary>mg per device (two sprays of 14 mg). Source: Spravato label.</summary>
    public const double DeviceMg = 28.0;

    /// <summary>Devices are used 5 min apart. Source: Spravato label (instructions for use).</summary>
    public const double DeviceSpacingHours = 5.0 / 60.0;

    /// <summary>Label session doses are 28 (some populations), 56 and 84 mg. Source: Spravato label.</summary>
    public const int LabelMaxDevices = 3;

    /// <summary>One device above the label, matching <see cref="DoseLimits"/> (112 mg); see the reason there.</summary>
    public const int MaxDevices = 4;

    /// <summary>Relative tolerance for "whole number of devices", so 56.000000001 mg from per-kg arithmetic passes.</summary>
    private const double WholeDeviceTolerance = 1e-9;

    /// <summary>Number of 28-mg devices in a session of <paramref name="sessionMg"/>.</summary>
    public static int DeviceCount(double sessionMg)
    {
        double devices = sessionMg / DeviceMg;
        double whole = Math.Round(devices);
        if (!double.IsFinite(sessionMg) || whole < 1 || whole > MaxDevices || Math.Abs(devices - whole) > WholeDeviceTolerance * Math.Max(1, devices))
            throw DoseValidationException.For("Amount", $"{DoseValidationException.Format(sessionMg)} mg (intranasal session)",
                $"a whole number of {DeviceMg:G}-mg devices: 28, 56 or 84 mg (label), or 112 mg (one device above the label)");
        return (int)whole;
    }

    /// <summary>The devices of a session, in order, with their time offsets.</summary>
    public static IReadOnlyList<NasalDevice> Devices(double sessionMg)
    {
        int count = DeviceCount(sessionMg);
        var devices = new NasalDevice[count];
        for (int i = 0; i < count; i++)
            devices[i] = new NasalDevice(i, i * DeviceSpacingHours, DeviceMg);
        return devices;
    }
}
