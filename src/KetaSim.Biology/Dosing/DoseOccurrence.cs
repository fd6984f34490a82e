namespace KetaSim.Biology.Dosing;

/// <summary>
/// One administration, after a dose record's repeats (II/ADDL), lag and per-kg scaling have been
/// resolved: what a PK model's routing turns into boluses and zero-order inputs.
/// </summary>
/// <param name="TimeHours">When the drug starts entering (lag already added).</param>
/// <param name="AmountMg">Nominal amount administered, mg (before bioavailability).</param>
/// <param name="Route">Route of administration.</param>
/// <param name="DurationHours">Infusion duration for zero-order routes; null for instantaneous.</param>
/// <param name="Bioavailability">User-set fraction (NONMEM F) multiplying the amount; the model's own
/// first pass (e.g. esketamine's gut/hepatic loss) comes on top of it.</param>
public readonly record struct DoseOccurrence(double TimeHours, double AmountMg, Route Route, double? DurationHours, double Bioavailability);
