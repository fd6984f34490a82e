using KetaSim.Numerics.Ode;

namespace KetaSim.Modeling.Models;

/// <summary>
/// The compiled form of a <see cref="Model"/>: thread-safe, stateless delegates. Per-subject state
/// (parameter vector, input rates) lives in a <see cref="ModelSystem"/> created from it.
/// </summary>
public sealed class CompiledModel
{
    public delegate void VectorFunction(double t, double[] y, double[] p, double[] output);

    private readonly VectorFunction _rhs, _jacobian, _timeDerivative, _observables;
    private readonly Action<double[]> _derive;

    internal CompiledModel(Model model, VectorFunction rhs, VectorFunction jacobian, VectorFunction timeDerivative,
        VectorFunction observables, Action<double[]> derive, IReadOnlyList<(int Row, int Col)> jacobianPattern)
    {
        Model = model;
        _rhs = rhs;
        _jacobian = jacobian;
        _timeDerivative = timeDerivative;
        _observables = observables;
        _derive = derive;
        JacobianPattern = jacobianPattern;
    }

    public Model Model { get; }
    public int Dimension => Model.States.Count;

    /// <summary>Structurally non-zero Jacobian entries.</summary>
    public IReadOnlyList<(int Row, int Col)> JacobianPattern { get; }

    /// <summary>Fills the derived slots of a parameter vector from its base values.</summary>
    public void Derive(double[] p) => _derive(p);

    /// <summary>Model right-hand side without dosing inputs.</summary>
    public void Rhs(double t, double[] y, double[] p, double[] dydt) => _rhs(t, y, p, dydt);

    public void Jacobian(double t, double[] y, double[] p, double[] jac) => _jacobian(t, y, p, jac);

    public void TimeDerivative(double t, double[] y, double[] p, double[] dfdt) => _timeDerivative(t, y, p, dfdt);

    public void Observables(double t, double[] y, double[] p, double[] output) => _observables(t, y, p, output);

    /// <summary>A per-subject system with default parameters (derived ones filled in).</summary>
    public ModelSystem CreateSystem() => CreateSystem(Model.DefaultParameters());

    /// <summary>A per-subject system for a parameter vector whose base values are set; derived ones are filled in.</summary>
    public ModelSystem CreateSystem(double[] parameters)
    {
        if (parameters.Length != Model.ParameterVectorLength)
            throw new ArgumentException($"Model {Model.Name} needs {Model.ParameterVectorLength} parameter slots, got {parameters.Length}.");
        Derive(parameters);
        return new ModelSystem(this, parameters);
    }
}
