using KetaSim.Biology.Scenarios;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Fitting;

/// <summary>
/// One experiment of a fit: a scenario (dosing, patient, duration) and the rows of the observations file
/// measured in it. <see cref="Template"/> is the scenario reduced to the observed observables at the observed times.
/// </summary>
public sealed record FitExperiment(string Id, ScenarioDocument Document, int Line)
{
    public Scenario Scenario => Document.Scenario;

    /// <summary>The scenario run by the fit: only the observed observables, at the observation times (and 0).</summary>
    public Scenario Template { get; init; } = Document.Scenario;

    /// <summary>For each model parameter the fit sets in this experiment, the index of its value in the parameter vector.</summary>
    public IReadOnlyList<(string Name, int Index)> Settings { get; init; } = [];

    /// <summary>Indices (into the fit's observation list) of this experiment's observations.</summary>
    public IReadOnlyList<int> Observations { get; init; } = [];
}
