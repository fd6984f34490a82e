using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Mechanism;

/// <summary>What a mechanism module needs to know while it contributes to a model.</summary>
/// <param name="Species">Human or mouse: time scales and some parameters differ.</param>
/// <param name="Settings">Hypothesis, knockouts, patient state, circuit mode.</param>
/// <param name="Compounds">Canonical names of the compounds dosed in the scenario (their PK modules are already in the builder).</param>
public sealed record MechanismContext(Species Species, MechanismSettings Settings, IReadOnlyList<string> Compounds);

/// <summary>
/// One scale of the mechanism (targets, serotonin, circuit, plasticity, symptoms, safety). Modules
/// contribute in causal order after the PK modules, and read what earlier ones made by the names in
/// <see cref="MechanismNames"/> (ModelBuilder.GetObservable / GetState / HasSymbol).
/// </summary>
public interface IMechanismModule
{
    /// <summary>Identifies the module's structure for the compiled-model cache.</summary>
    string Key { get; }

    /// <summary>Position in the causal chain; modules contribute in increasing stage (see <see cref="MechanismStages"/>).</summary>
    int Stage { get; }

    void Contribute(ModelBuilder b, MechanismContext context);
}
