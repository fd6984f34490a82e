using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Dosing;

/// <summary>
/// A PK model's knowledge of where each route's dose goes (IV into the central compartment; a nasal
/// device splits into a nasal depot and a swallowed part; a tablet into the gut with a lag...).
/// </summary>
public interface IDoseRouting
{
    /// <summary>Compound this routing doses (e.g. "ketamine", "esketamine", "escitalopram").</summary>
    string Compound { get; }

    IReadOnlyCollection<Route> SupportedRoutes { get; }

    /// <summary>Adds the events for one administration to <paramref name="events"/>; state indices are resolved in <paramref name="model"/>.</summary>
    void Apply(DoseOccurrence dose, Model model, DoseEvents events);
}
