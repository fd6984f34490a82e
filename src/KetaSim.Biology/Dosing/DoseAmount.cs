namespace KetaSim.Biology.Dosing;

public enum DoseUnit { Mg, MgPerKg, MicrogramPerKg }

/// <summary>A dose as prescribed: flat (mg) or weight-based (mg/kg, µg/kg).</summary>
public readonly record struct DoseAmount(double Value, DoseUnit Unit)
{
    public static DoseAmount Mg(double mg) => new(mg, DoseUnit.Mg);
    public static DoseAmount MgPerKg(double mgPerKg) => new(mgPerKg, DoseUnit.MgPerKg);

    /// <summary>The amount in mg for a subject of the given weight.</summary>
    public double ToMg(double weightKg) => Unit switch
    {
        DoseUnit.Mg => Value,
        DoseUnit.MgPerKg => Value * weightKg,
        _ => Value * weightKg / 1000.0,
    };

    public override string ToString() => Unit switch
    {
        DoseUnit.Mg => $"{Value:G} mg",
        DoseUnit.MgPerKg => $"{Value:G} mg/kg",
        _ => $"{Value:G} ug/kg",
    };
}
