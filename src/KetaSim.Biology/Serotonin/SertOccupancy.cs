using KetaSim.Biology.Mechanism;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Serotonin;

/// <summary>
/// Where the serotonin chain gets its SERT occupancy: from the targets layer (an earlier stage), which
/// owns receptor occupancy for every ligand competitively, from the compound library's binding data.
/// Keeping no second table here means one binding value per molecule (escitalopram's apparent in-vivo
/// Kd serves escitalopram and the S-enantiomer of citalopram alike).
/// </summary>
public static class SertOccupancy
{
    /// <summary>The targets layer's SERT occupancy, or null when no SERT ligand is in the model.</summary>
    public static Expr? Resolve(ModelBuilder b)
    {
        string targets = MechanismNames.Occupancy(MechanismNames.Targets.Sert);
        if (!b.HasSymbol(targets)) return null;
        var definition = b.GetObservable(targets).Definition;
        return definition is Constant { Value: 0 } ? null : definition;
    }
}
