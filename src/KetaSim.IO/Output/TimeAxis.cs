namespace KetaSim.IO.Output;

/// <summary>The unit a time axis is drawn in, picked from the simulated span so the ticks read naturally.</summary>
public readonly record struct TimeAxis(string Unit, double HoursPerUnit)
{
    /// <summary>Minutes up to 3 h, hours up to 3 days, days beyond.</summary>
    public static TimeAxis For(double spanHours) => spanHours switch
    {
        <= 3 => new("min", 1.0 / 60),
        <= 72 => new("h", 1),
        _ => new("d", 24),
    };

    public static TimeAxis For(double[] timesHours) => For(timesHours.Length == 0 ? 0 : timesHours[^1] - timesHours[0]);

    public double[] Convert(double[] hours)
    {
        double per = HoursPerUnit;
        return hours.Select(h => h / per).ToArray();
    }

    public string Label => Unit switch
    {
        "min" => "time (min)",
        "h" => "time (h)",
        _ => "time (days)",
    };
}
