using KetaSim.Modeling;
using KetaSim.Modeling.Models;
using KetaSim.Numerics.Ode;

namespace KetaSim.Benchmarks;

/// <summary>The same 2-compartment oral PK model, once from the symbolic layer and once written by hand.</summary>
internal static class TwoCompartment
{
    public const double Ka = 3.6, Cl = 19, V1 = 800, Q = 98, V2 = 470;

    public static CompiledModel Symbolic()
    {
        var src = Provenance.Assume("benchmark");
        var b = new ModelBuilder("two-cmt-oral");
        var gut = b.State("gut", "mg", "depot");
        var c = b.State("central", "mg", "central");
        var per = b.State("peripheral", "mg", "peripheral");
        var ka = b.Parameter("ka", Ka, "1/h", src, "absorption");
        var cl = b.Parameter("CL", Cl, "L/h", src, "clearance");
        var v1 = b.Parameter("V1", V1, "L", src, "central volume");
        var q = b.Parameter("Q", Q, "L/h", src, "distribution");
        var v2 = b.Parameter("V2", V2, "L", src, "peripheral volume");
        b.Flow(gut, c, ka * gut, "absorption");
        b.Flow(c, null, cl / v1 * c, "elimination");
        b.Flow(c, per, q / v1 * c, "distribution");
        b.Flow(per, c, q / v2 * per, "redistribution");
        b.Observe("conc", "ng/mL", c / v1 * 1000.0, "plasma");
        return b.Build().Compile();
    }

    /// <summary>What a careful engineer would write by hand: the reference for the compiled code's speed.</summary>
    public sealed class HandWritten : IOdeSystem
    {
        public int Dimension => 3;

        public void Rhs(double t, double[] y, double[] dydt)
        {
            double abs = Ka * y[0], c = y[1] / V1;
            dydt[0] = -abs;
            dydt[1] = abs - Cl * c - Q * c + Q * y[2] / V2;
            dydt[2] = Q * c - Q * y[2] / V2;
        }

        public void Jacobian(double t, double[] y, double[] jac)
        {
            Array.Clear(jac);
            jac[0] = -Ka;
            jac[3] = Ka; jac[4] = -(Cl + Q) / V1; jac[5] = Q / V2;
            jac[7] = Q / V1; jac[8] = -Q / V2;
        }

        public void TimeDerivative(double t, double[] y, double[] dfdt) => Array.Clear(dfdt);
    }
}
