using KetaSim.Numerics.Ode;

namespace KetaSim.Modeling.Models;

/// <summary>
/// One subject's ODE system: a compiled model bound to a parameter vector, plus the zero-order input
/// rates (infusions, zero-order releases) in force on the current segment, added to dy/dt.
/// </summary>
public sealed class ModelSystem : IOdeSystem
{
    private readonly CompiledModel _model;

    internal ModelSystem(CompiledModel model, double[] parameters)
    {
        _model = model;
        Parameters = parameters;
        InputRates = new double[model.Dimension];
    }

    public int Dimension => _model.Dimension;

    /// <summary>Parameter vector (base then derived). After changing base values call <see cref="Rederive"/>.</summary>
    public double[] Parameters { get; }

    /// <summary>Zero-order input into each state, in state unit per hour, constant over a segment.</summary>
    public double[] InputRates { get; }

    public CompiledModel Compiled => _model;

    public void Rederive() => _model.Derive(Parameters);

    public void Rhs(double t, double[] y, double[] dydt)
    {
        _model.Rhs(t, y, Parameters, dydt);
        var u = InputRates;
        for (int i = 0; i < u.Length; i++) dydt[i] += u[i];
    }

    public void Jacobian(double t, double[] y, double[] jac) => _model.Jacobian(t, y, Parameters, jac);

    public void TimeDerivative(double t, double[] y, double[] dfdt) => _model.TimeDerivative(t, y, Parameters, dfdt);
}
