namespace KetaSim.Numerics.Ode;

/// <summary>
/// Walks the sorted output times alongside the steps, so each integrator only says where a step
/// started and ended and how to interpolate inside it.
/// </summary>
internal static class OutputEmitter
{
    /// <summary>Records the times equal to t0 and returns the index of the first time after t0.</summary>
    public static int EmitStart(ReadOnlySpan<double> times, double t0, double[] y, double[] buffer, IOutputSink? sink)
    {
        int k = 0;
        while (k < times.Length && times[k] < t0) k++;
        for (; k < times.Length && times[k] == t0; k++) Record(sink, k, t0, y, buffer);
        return k;
    }

    /// <summary>True when an output time falls in the step ending at tNew, i.e. dense output is worth preparing.</summary>
    public static bool AnyDue(ReadOnlySpan<double> times, int next, double tNew, IOutputSink? sink) =>
        sink is not null && next < times.Length && times[next] <= tNew;

    /// <summary>Records every time up to tNew (interpolated inside the step, yNew at its end) and returns the next index.</summary>
    public static int EmitWithin<TDense>(ReadOnlySpan<double> times, int next, double tNew, double[] yNew,
        TDense dense, double[] buffer, IOutputSink sink) where TDense : class, IDenseOutput
    {
        for (; next < times.Length && times[next] <= tNew; next++)
        {
            double t = times[next];
            if (t == tNew) Record(sink, next, t, yNew, buffer);
            else
            {
                dense.Interpolate(t, buffer);
                sink.Record(next, t, buffer);
            }
        }
        return next;
    }

    // The sink gets a copy, so a sink that scribbles on its argument cannot corrupt the solver state.
    private static void Record(IOutputSink? sink, int index, double t, double[] y, double[] buffer)
    {
        if (sink is null) return;
        Array.Copy(y, buffer, buffer.Length);
        sink.Record(index, t, buffer);
    }
}
