namespace KetaSim.Numerics.Ode;

/// <summary>Checks shared by every integrator before it touches the system.</summary>
internal static class IntegrationArguments
{
    public static void Validate(IOdeSystem system, double t0, double t1, double[] y,
        ReadOnlySpan<double> outputTimes, SolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ValidateInterval(system, t0, t1, y);
        for (int k = 1; k < outputTimes.Length; k++)
        {
            // Unsorted times would silently be skipped by the single forward pass over them.
            if (!(outputTimes[k] >= outputTimes[k - 1]))
                throw new ArgumentException($"Output times must be sorted ascending; outputTimes[{k}] = {outputTimes[k]} follows {outputTimes[k - 1]}.");
        }
    }

    public static void ValidateInterval(IOdeSystem system, double t0, double t1, double[] y)
    {
        if (system.Dimension <= 0) throw new ArgumentException($"System dimension must be > 0, got {system.Dimension}.");
        if (y.Length != system.Dimension)
            throw new ArgumentException($"State has {y.Length} entries but the system has dimension {system.Dimension}.");
        if (!double.IsFinite(t0) || !double.IsFinite(t1)) throw new ArgumentException($"Interval ends must be finite, got [{t0}, {t1}].");
        if (!(t1 > t0)) throw new ArgumentException($"t1 must exceed t0, got t0 = {t0}, t1 = {t1}.");
    }
}
