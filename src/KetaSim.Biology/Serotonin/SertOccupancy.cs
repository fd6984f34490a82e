using KetaSim.Biology.Mechanism;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Serotonin;

/// <summary>
/// Where the serotonin chain gets its SERT occupancy. The targets layer (an earlier stage) owns
/// receptor occupancy: when it made <c>occupancy_SERT</c> (all ligands, competitively) the chain reads
/// that. Otherwise the chain computes it from the SSRIs it knows, competitively from their unbound
/// brain concentrations and apparent in-vivo Kd. No SERT ligand in the model: null.
/// </summary>
public static class SertOccupancy
{
    /// <summary>The SSRIs the chain knows without the targets layer: unbound brain observable and its Kd parameter.</summary>
    public static IReadOnlyList<(string Observable, SerotoninParameter Kd)> KnownLigands { get; } =
    [
        ("escitalopram_brain_unbound_um", SerotoninParameters.EscitalopramKd),
        ("citalopram_brain_unbound_um", SerotoninParameters.CitalopramKd),
    ];

    /// <summary>Where the occupancy came from, for the docs and the tests.</summary>
    public enum Source { None, TargetsLayer, OwnTable }

    public static (Expr? Occupancy, Source Source) Resolve(ModelBuilder b, Func<SerotoninParameter, Param> parameter)
    {
        string targets = MechanismNames.Occupancy(MechanismNames.Targets.Sert);
        if (b.HasSymbol(targets))
        {
            var definition = TryObservable(b, targets);
            if (definition is not null && definition is not Constant { Value: 0 }) return (definition, Source.TargetsLayer);
        }

        Expr? load = null;
        foreach (var (observable, kd) in KnownLigands)
        {
            var c = TryObservable(b, observable);
            if (c is null) continue;
            Expr term = c / parameter(kd);
            load = load is null ? term : load + term;
        }
        return load is null ? (null, Source.None) : (load / (1.0 + load), Source.OwnTable);
    }

    private static Expr? TryObservable(ModelBuilder b, string name)
    {
        if (!b.HasSymbol(name)) return null;
        try { return b.GetObservable(name).Definition; }
        catch (KeyNotFoundException) { return null; }
    }
}
