namespace KetaSim.Biology.Serotonin;

/// <summary>The figures MECH-6 and CLIN-9 are judged on, computed from a run's output grid.</summary>
public static class SerotoninMetrics
{
    /// <summary>"Back to baseline" for raphe firing: within 10% of the untreated rate.</summary>
    public const double RecoveredFiring = 0.9;

    /// <summary>Lowest firing while dosing, and when (h).</summary>
    public static (double Firing, double TimeHours) Nadir(double[] timesHours, double[] firing, double untilHours)
    {
        ArgumentNullException.ThrowIfNull(timesHours);
        ArgumentNullException.ThrowIfNull(firing);
        int best = -1;
        for (int i = 0; i < timesHours.Length && timesHours[i] <= untilHours + 1e-9; i++)
            if (best < 0 || firing[i] < firing[best]) best = i;
        if (best < 0) throw new ArgumentException("No output time inside the dosing period.");
        return (firing[best], timesHours[best]);
    }

    /// <summary>
    /// MECH-6's recovery time: the earliest output time after the nadir from which raphe firing stays
    /// at or above <see cref="RecoveredFiring"/> until <paramref name="untilHours"/> (the end of dosing),
    /// in days from the first dose; +∞ when it never recovers. "Stays" makes the daily ripple of
    /// occupancy irrelevant: a brief crossing followed by another dip does not count.
    /// </summary>
    public static double RecoveryDay(double[] timesHours, double[] firing, double untilHours)
    {
        var (_, nadirHours) = Nadir(timesHours, firing, untilHours);
        int last = Array.FindLastIndex(timesHours, t => t <= untilHours + 1e-9);
        double? recovered = null;
        for (int i = last; i >= 0 && timesHours[i] > nadirHours; i--)
        {
            if (firing[i] < RecoveredFiring) break;
            recovered = timesHours[i];
        }
        return recovered is { } h ? h / 24.0 : double.PositiveInfinity;
    }

    /// <summary>The value at an output time that must be on the grid.</summary>
    public static double At(double[] timesHours, double[] values, double hours)
    {
        ArgumentNullException.ThrowIfNull(timesHours);
        ArgumentNullException.ThrowIfNull(values);
        int i = Array.FindIndex(timesHours, t => Math.Abs(t - hours) < 1e-9);
        if (i < 0) throw new ArgumentException($"No output at {hours} h.");
        return values[i];
    }

    /// <summary>
    /// CLIN-9: the drug-placebo difference in change from baseline at week 1 as a share of that at week 6.
    /// Each series is a score (or a drive) on the same grid for the two arms.
    /// </summary>
    public static double WeekOneShare(double[] timesHours, double[] drug, double[] placebo)
    {
        double Difference(double h) => (At(timesHours, drug, h) - drug[0]) - (At(timesHours, placebo, h) - placebo[0]);
        return Difference(7 * 24) / Difference(42 * 24);
    }
}
