using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Support;

/// <summary>Integrators by name, so theories can take serializable string arguments.</summary>
public static class Integrators
{
    public const string DormandPrince = "DormandPrince54";
    public const string Rodas = "Rodas4";
    public static readonly string[] All = [DormandPrince, Rodas];

    public static IOdeIntegrator Create(string name) => name switch
    {
        DormandPrince => new DormandPrince54(),
        Rodas => new Rodas4(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown integrator."),
    };

    /// <summary>The fixed-step hooks are internal to each integrator; this dispatches to them.</summary>
    public static IntegrationStats IntegrateFixedStep(string name, IOdeSystem system, double t0, double t1, double[] y, int steps,
        ReadOnlySpan<double> outputTimes = default, IOutputSink? sink = null) => name switch
    {
        DormandPrince => new DormandPrince54().IntegrateFixedStep(system, t0, t1, y, steps, outputTimes, sink),
        Rodas => new Rodas4().IntegrateFixedStep(system, t0, t1, y, steps, outputTimes, sink),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown integrator."),
    };

    public static SolverSettings Tight { get; } = new() { RelTol = 1e-8, AbsTol = 1e-12 };
}
