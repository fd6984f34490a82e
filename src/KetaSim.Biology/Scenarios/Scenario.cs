using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Numerics.Ode;

namespace KetaSim.Biology.Scenarios;

/// <summary>One simulated individual under one regimen: what `ketasim simulate` runs.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public Subject Subject { get; init; } = Subject.TypicalAdult;
    public required IReadOnlyList<DoseRecord> Doses { get; init; }
    public required double DurationHours { get; init; }

    /// <summary>Spacing of the output grid, h.</summary>
    public double OutputStepHours { get; init; } = 5.0 / 60.0;

    /// <summary>
    /// Explicit output times (e.g. a trial's visits), h; null uses the regular grid of <see cref="OutputStepHours"/>.
    /// Either way time 0 and every dose and infusion start/end are added, so pre-dose values (which the
    /// dose-hold rule reads) are exact. A virtual trial asks only for its visits: the dense grid's states and
    /// observables are most of a subject's cost.
    /// </summary>
    public IReadOnlyList<double>? OutputTimesHours { get; init; }

    /// <summary>Observables to report; empty means the models' defaults (all concentrations).</summary>
    public IReadOnlyList<string> Observables { get; init; } = [];

    public SolverSettings Solver { get; init; } = new() { RelTol = 1e-6, AbsTol = 1e-9 };

    /// <summary>The mechanism beyond PK (targets → circuit → plasticity → symptoms, safety); null runs PK only.</summary>
    public MechanismSettings? Mechanism { get; init; }

    /// <summary>
    /// Regimen rule: hold a dose when pre-dose blood pressure is above the policy's limits (label: 140/90
    /// mmHg, 150 systolic from 65 y). Null applies no rule. Run through <see cref="Safety.DoseHoldRule.Apply"/>
    /// (or <see cref="ScenarioRunner.RunWithRules"/>), which reports the held doses.
    /// </summary>
    public Safety.DoseHoldPolicy? DoseHold { get; init; }

    /// <summary>
    /// Contacts with care that are not doses: inert sessions (a placebo spray or infusion) and rating visits. They
    /// reinforce the patient's expectancy (<see cref="Symptoms.CareContacts"/>); every parenteral or nasal dose is a
    /// session already and need not be listed.
    /// </summary>
    public IReadOnlyList<Symptoms.CareContact> CareContacts { get; init; } = [];

    /// <summary>Parameter overrides by name (value in the parameter's own unit).</summary>
    public IReadOnlyDictionary<string, double> ParameterOverrides { get; init; } = new Dictionary<string, double>();
}
