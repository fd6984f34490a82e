using KetaSim.Modeling.Models;
using KetaSim.Numerics.Ode;

namespace KetaSim.Modeling.Simulation;

/// <summary>
/// Runs a model through a dosing history: splits time at every event, applies boluses and sets input
/// rates between segments, and lets the integrator run each smooth segment. Outputs that fall exactly
/// on an event time are the values just before the event (the NONMEM convention).
/// </summary>
public sealed class Simulator(IOdeIntegrator integrator, SolverSettings settings)
{
    public IOdeIntegrator Integrator { get; } = integrator;
    public SolverSettings Settings { get; } = settings;

    /// <summary>Counters summed over the last run's segments.</summary>
    public IntegrationStats LastStats { get; private set; }

    /// <summary>
    /// Integrates from <paramref name="startHours"/> (default: 0, or the first output time if earlier) to the last output
    /// time. With <paramref name="startHours"/> given the run continues an earlier one (a segmented run): the state at
    /// that time is <paramref name="initialState"/>, and only events at or after it are applied (boluses before it were
    /// given by the earlier segment; infusions running across it keep their rate).
    /// </summary>
    public SimulationResult Run(ModelSystem system, DoseEvents events, double[] outputTimesHours, double[]? initialState = null, double? startHours = null)
    {
        var model = system.Compiled.Model;
        int n = system.Dimension, m = outputTimesHours.Length;
        if (m == 0) throw new ArgumentException("At least one output time is needed.");
        for (int k = 1; k < m; k++)
            if (!(outputTimesHours[k] > outputTimesHours[k - 1]))
                throw new ArgumentException($"Output times must increase strictly; {outputTimesHours[k]} h follows {outputTimesHours[k - 1]} h.");

        var states = new double[n][];
        for (int i = 0; i < n; i++) states[i] = new double[m];
        var observables = new double[model.Observables.Count][];
        for (int i = 0; i < observables.Length; i++) observables[i] = new double[m];
        var sink = new ArraySink(system, states, observables);

        double[] y = initialState is null ? model.InitialState() : (double[])initialState.Clone();
        if (startHours is { } s0 && !(double.IsFinite(s0) && s0 <= outputTimesHours[0]))
            throw new ArgumentException($"The start time {s0} h must be finite and at or before the first output time ({outputTimesHours[0]} h).");
        double t0 = startHours ?? Math.Min(0.0, outputTimesHours[0]);
        bool continuing = startHours is not null;
        double tEnd = outputTimesHours[^1];
        var cuts = events.BreakpointsBetween(t0, tEnd);
        var stats = default(IntegrationStats);

        int nextOutput = 0;
        double tStart = t0;
        for (int seg = 0; seg <= cuts.Length; seg++)
        {
            double tStop = seg < cuts.Length ? cuts[seg] : tEnd;
            // Outputs at an event time show the state just before the event, at t0 as on segment ends.
            if (seg == 0)
                while (nextOutput < m && outputTimesHours[nextOutput] <= tStart) sink.Record(nextOutput++, tStart, y);
            ApplyEventsAt(tStart, events, system, y, isFirst: seg == 0 && !continuing);

            int first = nextOutput;
            while (nextOutput < m && outputTimesHours[nextOutput] <= tStop) nextOutput++;
            if (tStop > tStart)
            {
                sink.Offset = first;
                var span = new ReadOnlySpan<double>(outputTimesHours, first, nextOutput - first);
                stats = stats.Add(Integrator.Integrate(system, tStart, tStop, y, span, sink, Settings));
                sink.Offset = 0;
            }
            tStart = tStop;
        }
        LastStats = stats;
        return new SimulationResult(model, (double[])outputTimesHours.Clone(), states, observables);
    }

    /// <summary>Adds boluses due at t and sets the input rates that hold from t on.</summary>
    private static void ApplyEventsAt(double t, DoseEvents events, ModelSystem system, double[] y, bool isFirst)
    {
        foreach (var b in events.Boluses)
            if (b.TimeHours == t || (isFirst && b.TimeHours < t)) y[b.State] += b.Amount;
        Array.Clear(system.InputRates);
        foreach (var i in events.Inputs)
            if (i.StartHours <= t && t < i.EndHours) system.InputRates[i.State] += i.RatePerHour;
    }

    private sealed class ArraySink(ModelSystem system, double[][] states, double[][] observables) : IOutputSink
    {
        private readonly double[] _obs = new double[observables.Length];
        public int Offset;

        public void Record(int index, double t, double[] y)
        {
            int k = index + Offset;
            for (int i = 0; i < y.Length; i++) states[i][k] = y[i];
            system.Compiled.Observables(t, y, system.Parameters, _obs);
            for (int i = 0; i < _obs.Length; i++) observables[i][k] = _obs[i];
        }
    }
}
