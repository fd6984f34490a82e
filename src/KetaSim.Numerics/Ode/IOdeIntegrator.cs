namespace KetaSim.Numerics.Ode;

/// <summary>Receives the solution at requested output times, in increasing time order.</summary>
public interface IOutputSink
{
    /// <param name="index">Index of the time in the outputTimes span passed to Integrate.</param>
    /// <param name="t">The output time.</param>
    /// <param name="y">The solution at t; only valid during the call (the buffer is reused).</param>
    void Record(int index, double t, double[] y);
}

/// <summary>Counters for one integration, for diagnostics and work-precision benchmarks.</summary>
public record struct IntegrationStats(int AcceptedSteps, int RejectedSteps, int RhsEvaluations, int JacobianEvaluations, double LastStep)
{
    public IntegrationStats Add(IntegrationStats other) => new(
        AcceptedSteps + other.AcceptedSteps, RejectedSteps + other.RejectedSteps,
        RhsEvaluations + other.RhsEvaluations, JacobianEvaluations + other.JacobianEvaluations, other.LastStep);
}

/// <summary>Thrown when an integration cannot meet its tolerances within the step limits.</summary>
public sealed class IntegrationException(string message) : Exception(message);

/// <summary>
/// An ODE method. An instance owns preallocated work arrays, so it is not thread-safe: use one per
/// thread. Integrate must not allocate once the work arrays are sized for the system.
/// </summary>
public interface IOdeIntegrator
{
    string Name { get; }

    /// <summary>Order of the propagated solution.</summary>
    int Order { get; }

    /// <summary>
    /// Integrates <paramref name="y"/> in place from t0 to t1 (t1 &gt; t0) over an interval that holds no
    /// discontinuity. For every outputTimes[k] with t0 &lt;= outputTimes[k] &lt;= t1 (sorted ascending),
    /// calls sink.Record(k, t, y(t)) using the method's dense output (or y itself at t0 and t1).
    /// </summary>
    IntegrationStats Integrate(IOdeSystem system, double t0, double t1, double[] y,
        ReadOnlySpan<double> outputTimes, IOutputSink? sink, SolverSettings settings);
}
