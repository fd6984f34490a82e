namespace KetaSim.Numerics.Ode;

/// <summary>The continuous extension of the step just accepted, valid for t in [t_old, t_new].</summary>
internal interface IDenseOutput
{
    void Interpolate(double t, double[] result);
}
