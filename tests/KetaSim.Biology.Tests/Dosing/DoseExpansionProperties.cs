using FsCheck;
using FsCheck.Xunit;
using KetaSim.Biology.Dosing;

namespace KetaSim.Biology.Tests.Dosing;

public class DoseExpansionProperties
{
    [Property(MaxTest = 300)]
    public bool Occurrences_are_sorted_and_number_one_plus_ADDL(byte additionalDoses, PositiveInt intervalMinutes, NonNegativeInt lagMinutes, int startMinutes)
    {
        var record = new DoseRecord
        {
            Compound = "escitalopram",
            Route = Route.Oral,
            Amount = DoseAmount.Mg(10),
            TimeHours = startMinutes % 100_000 / 60.0,
            AdditionalDoses = additionalDoses,
            IntervalHours = intervalMinutes.Get / 60.0,
            LagHours = lagMinutes.Get / 60.0,
        };
        var doses = DoseExpansion.Expand(record, 70);
        bool sorted = doses.Zip(doses.Skip(1)).All(p => p.First.TimeHours < p.Second.TimeHours);
        return doses.Count == 1 + additionalDoses && sorted && doses[0].TimeHours == record.TimeHours + record.LagHours;
    }
}
