using KetaSim.Modeling.Models;

namespace KetaSim.Modeling.Simulation;

/// <summary>States and observables at the requested output times (hours).</summary>
public sealed class SimulationResult(Model model, double[] timesHours, double[][] states, double[][] observables)
{
    public Model Model { get; } = model;
    public double[] TimesHours { get; } = timesHours;

    /// <summary>States[stateIndex][timeIndex].</summary>
    public double[][] States { get; } = states;

    /// <summary>Observables[observableIndex][timeIndex].</summary>
    public double[][] Observables { get; } = observables;

    public double[] State(string name) => States[Model.StateIndex(name)];
    public double[] Observable(string name) => Observables[Model.ObservableIndex(name)];
}
