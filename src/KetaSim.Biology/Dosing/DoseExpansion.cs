using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Dosing;

/// <summary>
/// Turns NONMEM-style dose records into individual administrations and hands them to each compound's
/// PK routing. All checks happen before any event is added, so a bad record never leaves a half-built
/// regimen behind.
/// </summary>
public static class DoseExpansion
{
    /// <summary>Routes given as zero-order input (need RATE or D); every other route is instantaneous.</summary>
    public static IReadOnlySet<Route> InfusionRoutes { get; } = new HashSet<Route> { Route.IvInfusion };

    /// <summary>Guards against run-away repeats (e.g. ADDL typed with an extra zero or two).</summary>
    public const int MaxAdditionalDoses = 100_000;

    /// <summary>
    /// The administrations of one record: first at TimeHours + LagHours, then AdditionalDoses more every
    /// IntervalHours; amount in mg for this weight; infusions get DurationHours (RATE becomes amount / rate).
    /// </summary>
    public static IReadOnlyList<DoseOccurrence> Expand(DoseRecord record, double weightKg)
    {
        ArgumentNullException.ThrowIfNull(record);
        Validate(record, weightKg);

        double amountMg = record.Amount.ToMg(weightKg);
        double? durationHours = record.RateMgPerHour is { } rate ? amountMg / rate : record.DurationHours;
        var occurrences = new DoseOccurrence[record.AdditionalDoses + 1];
        for (int k = 0; k < occurrences.Length; k++)
        {
            // Multiply rather than accumulate so the 1000th dose has no summed round-off.
            double timeHours = record.TimeHours + k * record.IntervalHours + record.LagHours;
            occurrences[k] = new DoseOccurrence(timeHours, amountMg, record.Route, durationHours, record.Bioavailability);
        }
        return occurrences;
    }

    /// <summary>
    /// Expands every record and applies it through its compound's routing (compound names match
    /// case-insensitively). Throws <see cref="DoseValidationException"/> before touching
    /// <paramref name="events"/> if any record is invalid.
    /// </summary>
    public static void AddToEvents(IEnumerable<DoseRecord> records, double weightKg,
        IReadOnlyDictionary<string, IDoseRouting> routingByCompound, Model model, DoseEvents events)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(routingByCompound);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(events);

        var planned = new List<(IDoseRouting Routing, DoseOccurrence Dose)>();
        foreach (var record in records)
        {
            var routing = FindRouting(record, routingByCompound);
            if (!routing.SupportedRoutes.Contains(record.Route))
                throw DoseValidationException.For(nameof(DoseRecord.Route), record.Route.ToString(),
                    $"{routing.Compound} supports {string.Join(", ", routing.SupportedRoutes.OrderBy(r => r))}", Describe(record));
            foreach (var dose in Expand(record, weightKg)) planned.Add((routing, dose));
        }
        foreach (var (routing, dose) in planned) routing.Apply(dose, model, events);
    }

    private static IDoseRouting FindRouting(DoseRecord record, IReadOnlyDictionary<string, IDoseRouting> routingByCompound)
    {
        if (record.Compound is not null && routingByCompound.TryGetValue(record.Compound, out var exact)) return exact;
        foreach (var (name, routing) in routingByCompound)
            if (string.Equals(name, record.Compound, StringComparison.OrdinalIgnoreCase)) return routing;
        string known = routingByCompound.Count == 0 ? "none (no PK model loaded)" : string.Join(", ", routingByCompound.Keys.Order(StringComparer.OrdinalIgnoreCase));
        throw DoseValidationException.For(nameof(DoseRecord.Compound), $"'{record.Compound}'", $"known compounds: {known}");
    }

    /// <summary>Checks one record in isolation (no routing needed); throws on the first problem found.</summary>
    public static void Validate(DoseRecord record, double weightKg)
    {
        ArgumentNullException.ThrowIfNull(record);
        string where = Describe(record);
        if (string.IsNullOrWhiteSpace(record.Compound))
            throw DoseValidationException.For(nameof(DoseRecord.Compound), $"'{record.Compound}'", "a compound name is required");
        if (!(weightKg > 0) || !double.IsFinite(weightKg))
            throw DoseValidationException.For("WeightKg", weightKg, "a finite weight > 0 kg", where);
        if (!Enum.IsDefined(record.Route))
            throw DoseValidationException.For(nameof(DoseRecord.Route), record.Route.ToString(), $"one of {string.Join(", ", Enum.GetNames<Route>())}", where);

        var amount = record.Amount;
        if (!(amount.Value > 0) || !double.IsFinite(amount.Value) || !Enum.IsDefined(amount.Unit))
            throw DoseValidationException.For(nameof(DoseRecord.Amount), amount.ToString(), "a finite amount > 0 (mg, mg/kg or ug/kg)", where);

        if (!double.IsFinite(record.TimeHours))
            throw DoseValidationException.For(nameof(DoseRecord.TimeHours), record.TimeHours, "a finite time in hours", where);
        CheckRepeats(record, where);
        if (!(record.LagHours >= 0) || !double.IsFinite(record.LagHours))
            throw DoseValidationException.For(nameof(DoseRecord.LagHours), record.LagHours, "a finite lag >= 0 h", where);
        if (!(record.Bioavailability > 0 && record.Bioavailability <= 1))
            throw DoseValidationException.For(nameof(DoseRecord.Bioavailability), record.Bioavailability, "a fraction in (0, 1]", where);
        CheckInfusion(record, where);
        CheckLimit(record, weightKg, where);
    }

    private static void CheckRepeats(DoseRecord record, string where)
    {
        if (record.AdditionalDoses < 0 || record.AdditionalDoses > MaxAdditionalDoses)
            throw DoseValidationException.For(nameof(DoseRecord.AdditionalDoses), record.AdditionalDoses, $"a whole number from 0 to {MaxAdditionalDoses}", where);
        if (record.AdditionalDoses > 0 && (!(record.IntervalHours > 0) || !double.IsFinite(record.IntervalHours)))
            throw DoseValidationException.For(nameof(DoseRecord.IntervalHours), record.IntervalHours,
                $"a finite interval > 0 h when AdditionalDoses = {record.AdditionalDoses}", where);
    }

    private static void CheckInfusion(DoseRecord record, string where)
    {
        bool isInfusion = InfusionRoutes.Contains(record.Route);
        if (record.RateMgPerHour is not null && record.DurationHours is not null)
            throw DoseValidationException.For(nameof(DoseRecord.DurationHours), record.DurationHours.Value,
                $"null when RateMgPerHour is set (RateMgPerHour = {DoseValidationException.Format(record.RateMgPerHour.Value)}); give a rate or a duration, not both", where);
        if (!isInfusion)
        {
            string instantaneous = $"null for route {record.Route}, which is instantaneous; only {string.Join(", ", InfusionRoutes)} takes a rate or duration";
            if (record.RateMgPerHour is { } r) throw DoseValidationException.For(nameof(DoseRecord.RateMgPerHour), r, instantaneous, where);
            if (record.DurationHours is { } d) throw DoseValidationException.For(nameof(DoseRecord.DurationHours), d, instantaneous, where);
            return;
        }
        if (record.RateMgPerHour is null && record.DurationHours is null)
            throw DoseValidationException.For(nameof(DoseRecord.DurationHours), "null",
                $"route {record.Route} needs DurationHours > 0 or RateMgPerHour > 0", where);
        if (record.RateMgPerHour is { } rate && (!(rate > 0) || !double.IsFinite(rate)))
            throw DoseValidationException.For(nameof(DoseRecord.RateMgPerHour), rate, "a finite rate > 0 mg/h", where);
        if (record.DurationHours is { } duration && (!(duration > 0) || !double.IsFinite(duration)))
            throw DoseValidationException.For(nameof(DoseRecord.DurationHours), duration, "a finite duration > 0 h", where);
    }

    private static void CheckLimit(DoseRecord record, double weightKg, string where)
    {
        var limit = DoseLimits.For(record.Compound, record.Route);
        double amountMg = record.Amount.ToMg(weightKg);
        double maxMg = limit.MaxMg(weightKg);
        if (amountMg <= maxMg) return;
        string scope = ReferenceEquals(limit, DoseLimits.Generic) ? $"generic limit (no specific row for {record.Compound} {record.Route})" : $"limit for {limit.Compound} {limit.Route}";
        throw DoseValidationException.For(nameof(DoseRecord.Amount),
            $"{record.Amount} ({DoseValidationException.Format(amountMg)} mg at {DoseValidationException.Format(weightKg)} kg)",
            $"at most {limit} per dose ({DoseValidationException.Format(maxMg)} mg), the {scope} (reason: {limit.Provenance})", where);
    }

    /// <summary>Cumulative windows: a session (all of a substance given within 4 h) may not exceed the single-dose
    /// limit, a day (24 h) not twice it, so ten maximal boluses at once are caught like one ten-fold dose.</summary>
    public static readonly (double Hours, double TimesLimit, string Name)[] CumulativeWindows = [(4, 1, "session (4 h)"), (24, 2, "day (24 h)")];

    /// <summary>Throws <see cref="DoseValidationException"/> when the doses of one substance given within a
    /// <see cref="CumulativeWindows"/> window add up to more than that window allows (per-dose limits: <see cref="DoseLimits"/>).</summary>
    public static void CheckCumulative(IEnumerable<DoseRecord> records, double weightKg)
    {
        ArgumentNullException.ThrowIfNull(records);
        var bySubstance = new Dictionary<string, (List<(double T, double Mg)> Doses, DoseLimit Limit, double MaxMg)>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            var limit = DoseLimits.For(record.Compound, record.Route);
            string substance = ReferenceEquals(limit, DoseLimits.Generic) ? record.Compound : limit.Compound;
            if (!bySubstance.TryGetValue(substance, out var entry)) entry = ([], limit, 0);
            double maxMg = limit.MaxMg(weightKg);
            if (maxMg > entry.MaxMg) entry = (entry.Doses, limit, maxMg);
            foreach (var dose in Expand(record, weightKg)) entry.Doses.Add((dose.TimeHours, dose.AmountMg));
            bySubstance[substance] = entry;
        }
        foreach (var (substance, (doses, limit, maxMg)) in bySubstance)
        {
            doses.Sort((a, b) => a.T.CompareTo(b.T));
            foreach (var (hours, times, name) in CumulativeWindows)
            {
                double sum = 0;
                int first = 0;
                for (int i = 0; i < doses.Count; i++)
                {
                    sum += doses[i].Mg;
                    while (doses[i].T - doses[first].T >= hours) sum -= doses[first++].Mg;
                    if (sum > times * maxMg * (1 + 1e-12))
                        throw DoseValidationException.For("Cumulative",
                            $"{DoseValidationException.Format(sum)} mg of {substance} within {DoseValidationException.Format(doses[i].T - doses[first].T)} h from t = {DoseValidationException.Format(doses[first].T)} h ({i - first + 1} doses)",
                            $"at most {DoseValidationException.Format(times * maxMg)} mg per {name} at {DoseValidationException.Format(weightKg)} kg ({(times == 1 ? "" : DoseValidationException.Format(times) + " x ")}{limit}, the per-dose limit), however it is split");
                }
            }
        }
    }

    private static string Describe(DoseRecord record) =>
        $"dose of {record.Compound} {record.Route} at {DoseValidationException.Format(record.TimeHours)} h";
}
