namespace KetaSim.Numerics.Ode;

/// <summary>
/// A first-order ODE system dy/dt = f(t, y) that is smooth on the interval it is integrated over.
/// Discontinuities (doses, infusion starts and stops) are the caller's business: it integrates
/// segment by segment, so a solver never steps across one.
/// </summary>
/// <remarks>
/// Arrays rather than spans: the right-hand sides are compiled expression trees, which cannot take
/// ref structs. Implementations must not allocate: these are called millions of times per trial.
/// </remarks>
public interface IOdeSystem
{
    int Dimension { get; }

    /// <summary>Writes f(t, y) into <paramref name="dydt"/> (length <see cref="Dimension"/>).</summary>
    void Rhs(double t, double[] y, double[] dydt);

    /// <summary>Writes the dense Jacobian df_i/dy_j, row-major, into jac[i * Dimension + j]; every entry is written.</summary>
    void Jacobian(double t, double[] y, double[] jac);

    /// <summary>Writes the explicit time derivative df/dt (zero for autonomous systems).</summary>
    void TimeDerivative(double t, double[] y, double[] dfdt);
}
