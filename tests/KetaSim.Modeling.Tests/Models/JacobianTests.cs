using Xunit;
using FsCheck;
using FsCheck.Fluent;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Modeling.Tests.Models;

public class JacobianTests
{
    private static readonly Model Model = TestModels.Nonlinear();
    private static readonly CompiledModel Compiled = Model.Compile();

    /// <summary>The exact Jacobian matches central finite differences of the compiled RHS on random states.</summary>
    [Fact]
    public void ExactJacobianMatchesFiniteDifferencesOnRandomStates()
    {
        var states = Gen.Choose(1, 100000).Select(k => k / 1000.0).ArrayOf(Model.States.Count);
        Prop.ForAll(states.ToArbitrary(), y =>
        {
            var sys = Compiled.CreateSystem();
            int n = sys.Dimension;
            var jac = new double[n * n];
            sys.Jacobian(0.5, y, jac);
            var yp = new double[n];
            var fp = new double[n];
            var fm = new double[n];
            for (int j = 0; j < n; j++)
            {
                Array.Copy(y, yp, n);
                double h = 1e-6 * Math.Max(1, Math.Abs(y[j]));
                yp[j] = y[j] + h; sys.Rhs(0.5, yp, fp);
                yp[j] = y[j] - h; sys.Rhs(0.5, yp, fm);
                for (int i = 0; i < n; i++)
                {
                    double fd = (fp[i] - fm[i]) / (2 * h);
                    double exact = jac[i * n + j];
                    if (Math.Abs(fd - exact) > 1e-5 * (1 + Math.Abs(exact)))
                        return false.Label($"J[{i},{j}] exact {exact} vs FD {fd} at y=[{string.Join(",", y)}]");
                }
            }
            return true.ToProperty();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void StructuralZerosAreLeftOutOfThePattern()
    {
        // Nothing flows into the effect state's neighbours from E: dA1/dt does not depend on E.
        int a1 = Model.StateIndex("A1"), e = Model.StateIndex("E");
        Assert.DoesNotContain((a1, e), Compiled.JacobianPattern);
        Assert.Contains((e, a1), Compiled.JacobianPattern);
    }

    [Fact]
    public void HillSlopeIsFiniteAtZeroConcentration()
    {
        var sys = Compiled.CreateSystem();
        var y = new double[] { 0, 0, 1 };
        var jac = new double[9];
        sys.Jacobian(0, y, jac);
        Assert.All(jac, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void ExplicitTimeDependenceIsDifferentiated()
    {
        var b = new ModelBuilder("forced");
        var x = b.State("x", "1", "forced state");
        b.Rate(x, Expr.Exp(-0.5 * TimeVar.Instance) * x);
        var sys = b.Build().Compile().CreateSystem();
        var dfdt = new double[1];
        sys.TimeDerivative(2.0, [3.0], dfdt);
        Assert.Equal(-0.5 * Math.Exp(-1.0) * 3.0, dfdt[0], 12);
    }
}
