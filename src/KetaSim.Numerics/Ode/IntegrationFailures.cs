using System.Globalization;

namespace KetaSim.Numerics.Ode;

/// <summary>The messages an integrator gives up with: what failed, where, and which setting to look at.</summary>
internal static class IntegrationFailures
{
    public static IntegrationException MaxStepsExceeded(string method, int maxSteps, double t, double t0, double t1) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{method}: exceeded MaxSteps = {maxSteps} (accepted + rejected) at t = {t:G6} while integrating [{t0:G6}, {t1:G6}]. The problem may be stiff (try a stiff solver) or the tolerances too tight; raise MaxSteps if neither."));

    public static IntegrationException StepTooSmall(string method, double h, double minStep, double t) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{method}: step size {h:G3} fell below MinStep = {minStep:G3} at t = {t:G6}. The solution may be singular or non-finite there, or the tolerances unreachable."));

    public static IntegrationException StepUnderflow(string method, double h, double t) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{method}: step size {h:G3} is lost in the rounding of t = {t:G6}; cannot advance."));
}
