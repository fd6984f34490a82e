using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Symptoms;

/// <summary>What kind of contact with care reinforces the patient's expectancy (system.md §5).</summary>
public enum CareContactKind
{
    /// <summary>A treatment session: an infusion, a nasal-spray session (active or inert), an injection.</summary>
    Session,
    /// <summary>A rating or follow-up visit without treatment.</summary>
    Visit,
}

/// <summary>One contact with care at a time (h after t = 0).</summary>
public readonly record struct CareContact(double TimeHours, CareContactKind Kind);

/// <summary>
/// Turns a regimen's sessions and visits into reinforcement boluses of the expectancy process
/// (<see cref="SymptomsModule"/>'s care state). Every parenteral or nasal dose is a session by itself (doses
/// within <see cref="SessionMergeHours"/> of each other are one session: the three devices of an 84-mg spray
/// session, or a drug given with another in the same visit); a tablet taken at home is not a contact. Inert
/// sessions and visits come from <see cref="Scenario.CareContacts"/>. A model without the care state (PK only,
/// mouse) ignores them.
/// </summary>
public static class CareContacts
{
    /// <summary>Doses or contacts closer than this are one contact, h.</summary>
    public const double SessionMergeHours = 3.0;

    /// <summary>Routes whose administration is a clinic session.</summary>
    public static bool IsSessionRoute(Route route) => route is not (Route.Oral or Route.Intraperitoneal);

    /// <summary>All contacts of a scenario, merged and in time order: dose sessions plus the explicit ones.</summary>
    public static IReadOnlyList<CareContact> Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var all = new List<CareContact>(scenario.CareContacts);
        foreach (var record in scenario.Doses)
        {
            if (!IsSessionRoute(record.Route)) continue;
            foreach (var occurrence in DoseExpansion.Expand(record, scenario.Subject.WeightKg))
                all.Add(new CareContact(occurrence.TimeHours, CareContactKind.Session));
        }
        all.Sort((a, b) => a.TimeHours != b.TimeHours ? a.TimeHours.CompareTo(b.TimeHours) : a.Kind.CompareTo(b.Kind));
        var merged = new List<CareContact>(all.Count);
        foreach (var c in all)
        {
            if (merged.Count > 0 && c.TimeHours - merged[^1].TimeHours < SessionMergeHours)
            {
                // A session absorbs a visit on the same day; two sessions within the window are one.
                if (c.Kind == CareContactKind.Session && merged[^1].Kind == CareContactKind.Visit) merged[^1] = merged[^1] with { Kind = CareContactKind.Session };
                continue;
            }
            merged.Add(c);
        }
        return merged;
    }

    /// <summary>Adds one reinforcement bolus per contact to the model's care state (no-op without it).</summary>
    public static void AddToEvents(Scenario scenario, CompiledModel compiled, double[] parameters, DoseEvents events) =>
        AddToEvents(scenario, compiled, parameters, events, given: null);

    /// <summary>
    /// As above, for a course given in parts (a segmented run): contacts merge with those <paramref name="given"/> earlier
    /// exactly as they would have in one list — a contact near an earlier one adds nothing, except that a session on the
    /// day of an earlier visit adds what a session gives beyond a visit. The new contacts are appended to <paramref name="given"/>.
    /// </summary>
    public static void AddToEvents(Scenario scenario, CompiledModel compiled, double[] parameters, DoseEvents events, List<CareContact>? given)
    {
        var model = compiled.Model;
        var state = model.States.FirstOrDefault(s => s.Name == SymptomsModule.CareReinforcementState);
        if (state is null) return;
        double session = ParameterOrDefault(model, parameters, SymptomsModule.SessionWeightName, 1.0);
        double visit = ParameterOrDefault(model, parameters, SymptomsModule.VisitWeightName, 0.5);
        var acute = model.States.FirstOrDefault(s => s.Name == SymptomsModule.SessionPendingState);
        foreach (var c in Of(scenario))
        {
            if (given is not null)
            {
                int near = given.FindIndex(g => Math.Abs(g.TimeHours - c.TimeHours) < SessionMergeHours);
                if (near >= 0)
                {
                    if (c.Kind == CareContactKind.Session && given[near].Kind == CareContactKind.Visit)
                    {
                        events.AddBolus(c.TimeHours, state.Index, session - visit);
                        if (acute is not null) events.AddBolus(c.TimeHours, acute.Index, 1.0);
                        given[near] = given[near] with { Kind = CareContactKind.Session };
                    }
                    continue;
                }
                given.Add(c);
            }
            events.AddBolus(c.TimeHours, state.Index, c.Kind == CareContactKind.Session ? session : visit);
            // Each session also has its own acute effect (peaking about 1.4 h after it, gone within a day).
            if (c.Kind == CareContactKind.Session && acute is not null) events.AddBolus(c.TimeHours, acute.Index, 1.0);
        }
    }

    private static double ParameterOrDefault(Model model, double[] parameters, string name, double fallback)
    {
        var p = model.Parameters.FirstOrDefault(x => x.Name == name);
        return p is null ? fallback : parameters[p.Index];
    }
}
