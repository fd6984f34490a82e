using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Mechanism;

/// <summary>Causal order of the mechanism layers.</summary>
public static class MechanismStages
{
    public const int Targets = 10, Serotonin = 20, Circuit = 30, Plasticity = 40, Symptoms = 50, SuicidalIdeation = 55, Safety = 60;
}

/// <summary>
/// Composes the mechanism layers onto a model that already holds the PK modules. Every
/// <see cref="IMechanismModule"/> in this assembly takes part, in stage order, so a new layer is one new
/// class; each decides from the context what it contributes (a layer with nothing to do adds nothing).
/// </summary>
public static class MechanismAssembly
{
    private static readonly IReadOnlyList<IMechanismModule> Modules = typeof(IMechanismModule).Assembly.GetTypes()
        .Where(t => typeof(IMechanismModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IMechanismModule)Activator.CreateInstance(t)!)
        .OrderBy(m => m.Stage).ThenBy(m => m.Key, StringComparer.Ordinal)
        .ToArray();

    public static IReadOnlyList<IMechanismModule> All => Modules;

    /// <summary>Cache key of the mechanism structure for this context.</summary>
    public static string Key(MechanismContext context) =>
        $"mechanism[{context.Species}|{context.Settings.StructureKey}|{string.Join(",", Modules.Select(m => m.Key))}]";

    public static void Contribute(ModelBuilder b, MechanismContext context)
    {
        if (!Hypotheses.IsKnown(context.Settings.Hypothesis))
            throw new ArgumentException($"Unknown mechanism hypothesis '{context.Settings.Hypothesis}'; allowed: {string.Join(", ", Hypotheses.All)}.");
        foreach (var m in Modules) m.Contribute(b, context);
    }
}
