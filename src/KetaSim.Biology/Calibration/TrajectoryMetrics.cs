namespace KetaSim.Biology.Calibration;

/// <summary>Time-course measures the mechanism and clinical targets are stated in.</summary>
public static class TrajectoryMetrics
{
    /// <summary>Index and value of the maximum.</summary>
    public static (int Index, double Value) Peak(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return (best, values[best]);
    }

    /// <summary>Linear interpolation of a series at time <paramref name="hours"/>.</summary>
    public static double At(double[] times, double[] values, double hours)
    {
        if (hours <= times[0]) return values[0];
        for (int i = 1; i < times.Length; i++)
            if (times[i] >= hours)
            {
                double w = (hours - times[i - 1]) / (times[i] - times[i - 1]);
                return values[i - 1] + w * (values[i] - values[i - 1]);
            }
        return values[^1];
    }

    /// <summary>
    /// How long the series stays at or above half of its peak (rise above <paramref name="baseline"/>),
    /// from the up-crossing before the peak to the down-crossing after it (linear interpolation), h.
    /// </summary>
    public static double HalfPeakDurationHours(double[] times, double[] values, double baseline = 0)
    {
        var (k, peak) = Peak(values);
        double half = baseline + 0.5 * (peak - baseline);
        int up = k, down = k;
        while (up > 0 && values[up - 1] >= half) up--;
        while (down < values.Length - 1 && values[down + 1] >= half) down++;
        double tUp = up == 0 ? times[0] : Cross(times, values, up - 1, up, half);
        double tDown = down == values.Length - 1 ? times[^1] : Cross(times, values, down, down + 1, half);
        return tDown - tUp;
    }

    /// <summary>First time the series reaches <paramref name="level"/> (interpolated), or +∞.</summary>
    public static double FirstReach(double[] times, double[] values, double level)
    {
        if (values[0] >= level) return times[0];
        for (int i = 1; i < values.Length; i++)
            if (values[i] >= level) return Cross(times, values, i - 1, i, level);
        return double.PositiveInfinity;
    }

    private static double Cross(double[] t, double[] v, int i, int j, double level) =>
        v[j] == v[i] ? t[j] : t[i] + (level - v[i]) / (v[j] - v[i]) * (t[j] - t[i]);
}
