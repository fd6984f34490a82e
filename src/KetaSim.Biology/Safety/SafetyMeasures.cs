using KetaSim.Biology.Mechanism;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Safety;

/// <summary>A peak of a time course: its height above the reference and when it occurred.</summary>
public readonly record struct Peak(double Value, double TimeHours);

/// <summary>
/// Read-outs of the safety observables from a run, as the clinical definitions behind the SAFE targets
/// state them (calibration-targets.md: dissociation = CADSS &gt; 4 and above pre-dose; sedation = MOAA/S ≤ 3).
/// </summary>
public static class SafetyMeasures
{
    /// <summary>CADSS above this (and above pre-dose) counts as dissociation (Spravato label).</summary>
    public const double DissociationCadss = 4;

    /// <summary>MOAA/S at or below this counts as sedation (Spravato label).</summary>
    public const double SedationMoaas = 3;

    /// <summary>Value of an observable at a time, linearly interpolated on the output grid (clamped to its ends).</summary>
    public static double At(SimulationResult r, string observable, double hours)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.TimesHours;
        var y = r.Observable(observable);
        if (hours <= t[0]) return y[0];
        if (hours >= t[^1]) return y[^1];
        int i = Array.BinarySearch(t, hours);
        if (i >= 0) return y[i];
        i = ~i;
        double w = (hours - t[i - 1]) / (t[i] - t[i - 1]);
        return y[i - 1] + w * (y[i] - y[i - 1]);
    }

    /// <summary>Largest rise of <paramref name="observable"/> above <paramref name="reference"/> on the grid in [from, to].</summary>
    public static Peak PeakRise(SimulationResult r, string observable, double reference, double fromHours = 0, double toHours = double.PositiveInfinity) =>
        PeakDeviation(r, observable, reference, +1, fromHours, toHours);

    /// <summary>Largest fall below <paramref name="reference"/> in [from, to] (for MOAA/S, which falls with sedation).</summary>
    public static Peak PeakFall(SimulationResult r, string observable, double reference, double fromHours = 0, double toHours = double.PositiveInfinity) =>
        PeakDeviation(r, observable, reference, -1, fromHours, toHours);

    /// <summary>Largest sign × (value − reference) on the grid in [from, to], with its time.</summary>
    private static Peak PeakDeviation(SimulationResult r, string observable, double reference, int sign, double fromHours, double toHours)
    {
        ArgumentNullException.ThrowIfNull(r);
        var y = r.Observable(observable);
        var best = new Peak(double.NegativeInfinity, double.NaN);
        for (int i = 0; i < y.Length; i++)
        {
            double t = r.TimesHours[i];
            if (t < fromHours - 1e-12 || t > toHours + 1e-12) continue;
            double deviation = sign * (y[i] - reference);
            if (deviation > best.Value) best = new Peak(deviation, t);
        }
        return best;
    }

    /// <summary>
    /// First grid time after <paramref name="afterHours"/> from which systolic and diastolic pressure both
    /// stay within <paramref name="withinMmHg"/> of their baselines until the end of the run; NaN if never.
    /// </summary>
    public static double BloodPressureBackAt(SimulationResult r, double baselineSystolic, double baselineDiastolic, double afterHours, double withinMmHg = 3)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = r.Observable(MechanismNames.SystolicMmHg);
        var d = r.Observable(MechanismNames.DiastolicMmHg);
        double back = double.NaN;
        for (int i = r.TimesHours.Length - 1; i >= 0 && r.TimesHours[i] >= afterHours - 1e-12; i--)
        {
            if (Math.Abs(s[i] - baselineSystolic) > withinMmHg || Math.Abs(d[i] - baselineDiastolic) > withinMmHg) break;
            back = r.TimesHours[i];
        }
        return back;
    }

    /// <summary>
    /// One session's dissociation: CADSS just before the dose (pre-dose), its peak in (dose, dose + window],
    /// and whether that counts as dissociation (peak &gt; 4 and above pre-dose).
    /// </summary>
    public static (double PreDose, double Peak, bool Dissociated) Dissociation(SimulationResult r, double doseHours, double windowHours = 4)
    {
        double pre = At(r, MechanismNames.Cadss, doseHours);
        double peak = PeakRise(r, MechanismNames.Cadss, 0, doseHours, doseHours + windowHours).Value;
        return (pre, peak, peak > DissociationCadss && peak > pre);
    }

    /// <summary>One session's sedation: lowest MOAA/S in [dose, dose + window] and whether it is ≤ 3.</summary>
    public static (double Lowest, bool Sedated) Sedation(SimulationResult r, double doseHours, double windowHours = 4)
    {
        double lowest = 5 - PeakFall(r, MechanismNames.Moaas, 5, doseHours, doseHours + windowHours).Value;
        return (lowest, lowest <= SedationMoaas);
    }
}
