using System.Globalization;
using KetaSim.Biology.Dosing;

namespace KetaSim.Design.Schedule;

/// <summary>One treatment session of a regimen: when (h from the first session) and how much.</summary>
public readonly record struct PlannedSession(double TimeHours, DoseAmount Amount);

/// <summary>
/// A schedule as the designer compares them: a label and its sessions in time order. Grid candidates also carry their
/// settings (loading count, spacing and dose; maintenance interval and dose); the reference regimen carries none.
/// </summary>
public sealed record ScheduleRegimen(string Label, IReadOnlyList<PlannedSession> Sessions)
{
    public int? LoadingCount { get; init; }
    public double? LoadingSpacingHours { get; init; }
    public DoseAmount? LoadingDose { get; init; }
    public double? MaintenanceIntervalHours { get; init; }
    public DoseAmount? MaintenanceDose { get; init; }

    /// <summary>With a step-down: from this time (h from t = 0) on, the next session comes <see cref="StepDownIntervalHours"/> after the previous one.</summary>
    public double? StepDownFromHours { get; init; }
    public double? StepDownIntervalHours { get; init; }

    /// <summary>Sessions the regimen plans (the dose-hold rule may hold some of them).</summary>
    public int SessionCount => Sessions.Count;

    /// <summary>
    /// A loading series then maintenance: <paramref name="loadingCount"/> sessions <paramref name="spacingHours"/> apart from
    /// t = 0, then one every <paramref name="intervalHours"/> after the last loading session, every session before
    /// <paramref name="horizonHours"/> (a session at or after the horizon cannot act on any visit). With a step-down, a session
    /// that would fall at or after <paramref name="stepDownFromHours"/> comes <paramref name="stepDownIntervalHours"/> after the
    /// previous one instead, and so on (the label's weekly, then every-other-week maintenance).
    /// </summary>
    public static ScheduleRegimen LoadingThenMaintenance(int loadingCount, double spacingHours, DoseAmount loadingDose,
        double intervalHours, DoseAmount maintenanceDose, double horizonHours, double? stepDownFromHours = null, double? stepDownIntervalHours = null)
    {
        if ((stepDownFromHours is null) != (stepDownIntervalHours is null)) throw new ArgumentException("A step-down needs both its start and its interval.");
        if (stepDownIntervalHours is { } si && !(si > 0)) throw new ArgumentOutOfRangeException(nameof(stepDownIntervalHours), si, "must be > 0");
        if (loadingCount < 1) throw new ArgumentOutOfRangeException(nameof(loadingCount), loadingCount, "at least one loading session");
        if (!(spacingHours > 0)) throw new ArgumentOutOfRangeException(nameof(spacingHours), spacingHours, "must be > 0");
        if (!(intervalHours > 0)) throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "must be > 0");
        var sessions = new List<PlannedSession>();
        for (int k = 0; k < loadingCount; k++)
        {
            double t = k * spacingHours;
            if (t >= horizonHours - 1e-9) break;
            sessions.Add(new PlannedSession(t, loadingDose));
        }
        double last = (loadingCount - 1) * spacingHours;
        bool stepped = false;
        while (true)
        {
            double t = last + (stepped ? stepDownIntervalHours!.Value : intervalHours);
            if (!stepped && stepDownFromHours is { } from && t >= from - 1e-9)
            {
                stepped = true;
                continue;
            }
            if (t >= horizonHours - 1e-9) break;
            sessions.Add(new PlannedSession(t, maintenanceDose));
            last = t;
        }
        string label = $"load {loadingCount}x{Time(spacingHours)} {loadingDose}, then every {Time(intervalHours)} {maintenanceDose}"
            + (stepDownFromHours is { } f ? $", every {Time(stepDownIntervalHours!.Value)} from {Time(f)}" : "");
        return new ScheduleRegimen(label, sessions)
        {
            LoadingCount = loadingCount, LoadingSpacingHours = spacingHours, LoadingDose = loadingDose,
            MaintenanceIntervalHours = intervalHours, MaintenanceDose = maintenanceDose,
            StepDownFromHours = stepDownFromHours, StepDownIntervalHours = stepDownIntervalHours,
        };
    }

    /// <summary>A time as the spec writes it: whole weeks as "2 w", whole or half days as "3.5 d", else hours.</summary>
    public static string Time(double hours)
    {
        string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        if (hours >= 168 && Math.Abs(hours / 168 - Math.Round(hours / 168)) < 1e-9) return $"{N(hours / 168)} w";
        if (hours >= 24 && Math.Abs(hours / 12 - Math.Round(hours / 12)) < 1e-9) return $"{N(hours / 24)} d";
        return $"{N(hours)} h";
    }
}
