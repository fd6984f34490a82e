using System.Globalization;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Population.Trials;

/// <summary>Comparing arm regimens: the administrations a regimen gives before a time (a withdrawal design's open-label phase).</summary>
public static class TrialRegimen
{
    /// <summary>One administration of a dose record (NONMEM ADDL expanded); nominal time, before any lag.</summary>
    public readonly record struct Administration(string Compound, Route Route, DoseAmount Amount, double TimeHours, double? DurationHours,
        double? RateMgPerHour, double LagHours, double Bioavailability)
    {
        public override string ToString() =>
            $"{Compound} {Amount} {Route} at {TimeHours.ToString("G6", CultureInfo.InvariantCulture)} h" +
            (DurationHours is { } d ? $" over {(d * 60).ToString("G4", CultureInfo.InvariantCulture)} min" : "");
    }

    /// <summary>The regimen's administrations with nominal time &lt; <paramref name="beforeHours"/>, in time order (ties by compound).</summary>
    public static IReadOnlyList<Administration> Before(Scenario regimen, double beforeHours)
    {
        ArgumentNullException.ThrowIfNull(regimen);
        var list = new List<Administration>();
        foreach (var d in regimen.Doses)
        {
            for (int k = 0; k <= d.AdditionalDoses; k++)
            {
                double t = d.TimeHours + k * d.IntervalHours;
                if (t >= beforeHours) break;
                list.Add(new Administration(d.Compound.ToLowerInvariant(), d.Route, d.Amount, t, d.DurationHours, d.RateMgPerHour, d.LagHours, d.Bioavailability));
                if (d.IntervalHours <= 0) break;
            }
        }
        return [.. list.OrderBy(a => a.TimeHours).ThenBy(a => a.Compound, StringComparer.Ordinal).ThenBy(a => a.Route).ThenBy(a => a.Amount.Value)];
    }

    /// <summary>
    /// The first way in which two regimens differ before <paramref name="beforeHours"/> (administrations, mechanism
    /// settings, placebo context, dose-hold rule, parameter overrides), as text; null when they are the same.
    /// </summary>
    public static string? FirstDifferenceBefore(Scenario a, Scenario b, double beforeHours)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = Before(a, beforeHours);
        var y = Before(b, beforeHours);
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
            if (x[i] != y[i]) return $"administration {i + 1} is {y[i]} here but {x[i]} there";
        if (x.Count != y.Count)
            return x.Count > y.Count ? $"it lacks {x[y.Count]}" : $"it adds {y[x.Count]}";
        if (a.Subject.Species != b.Subject.Species) return "the species differs";
        var ma = a.Mechanism;
        var mb = b.Mechanism;
        if ((ma is null) != (mb is null)) return "one has mechanism settings and the other not";
        if (ma is not null && mb is not null)
        {
            if (ma.Patient.Placebo != mb.Patient.Placebo) return $"the placebo context is {mb.Patient.Placebo} here but {ma.Patient.Placebo} there (one context holds for the whole course)";
            if (ma.StructureKey != mb.StructureKey) return "the hypothesis or circuit mode differs";
            if (!ma.Knockouts.SequenceEqual(mb.Knockouts)) return "the knockouts differ";
            if (ma.Patient.BaselineSystolicMmHg != mb.Patient.BaselineSystolicMmHg || ma.Patient.BaselineDiastolicMmHg != mb.Patient.BaselineDiastolicMmHg)
                return "the resting blood pressure differs";
        }
        if (a.DoseHold != b.DoseHold) return "the dose-hold rule differs";
        if (a.ParameterOverrides.Count != b.ParameterOverrides.Count
            || a.ParameterOverrides.Any(kv => !b.ParameterOverrides.TryGetValue(kv.Key, out var v) || v != kv.Value))
            return "the parameter overrides differ";
        return null;
    }
}
