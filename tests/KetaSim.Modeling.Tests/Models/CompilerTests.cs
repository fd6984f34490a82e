using Xunit;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Modeling.Tests.Models;

public class CompilerTests
{
    private static readonly Model Model = TestModels.Nonlinear();

    [Fact]
    public void CompiledRhsAndObservablesMatchTreeEvaluation()
    {
        var compiled = Model.Compile();
        var sys = compiled.CreateSystem();
        var rng = new Random(7);
        var dy = new double[sys.Dimension];
        var obs = new double[Model.Observables.Count];
        for (int trial = 0; trial < 50; trial++)
        {
            var y = Enumerable.Range(0, sys.Dimension).Select(_ => rng.NextDouble() * 20).ToArray();
            sys.Rhs(1.0, y, dy);
            compiled.Observables(1.0, y, sys.Parameters, obs);
            for (int i = 0; i < dy.Length; i++)
                Assert.Equal(Evaluate.At(Model.Rhs[i], 1.0, y, sys.Parameters), dy[i], 12);
            foreach (var o in Model.Observables)
                Assert.Equal(Evaluate.At(o.Definition, 1.0, y, sys.Parameters), obs[o.Index], 12);
        }
    }

    [Fact]
    public void DerivedParametersFollowTheirBaseValues()
    {
        var compiled = Model.Compile();
        var p = Model.DefaultParameters();
        var sys = compiled.CreateSystem(p);
        int derived = Model.DerivedParameters.Single().Param.Index;
        Assert.Equal(5 * Math.Pow(80 / 70.0, 0.75), sys.Parameters[derived], 12);

        sys.Parameters[Model.ParameterIndex("WT")] = 140;
        sys.Rederive();
        Assert.Equal(5 * Math.Pow(2.0, 0.75), sys.Parameters[derived], 12);
    }

    [Fact]
    public void InputRatesAddToTheirState()
    {
        var sys = Model.Compile().CreateSystem();
        var y = Model.InitialState();
        var without = new double[sys.Dimension];
        var with = new double[sys.Dimension];
        sys.Rhs(0, y, without);
        sys.InputRates[0] = 12.5;
        sys.Rhs(0, y, with);
        Assert.Equal(without[0] + 12.5, with[0], 12);
        Assert.Equal(without[1], with[1]);
    }

    [Fact]
    public void ConservativeFlowsSumToMinusTheOutflowsFromTheSystem()
    {
        // Without the effect state, d(A1 + A2)/dt equals minus the two elimination fluxes.
        var sys = Model.Compile().CreateSystem();
        var y = new double[] { 7, 3, 1 };
        var dy = new double[3];
        sys.Rhs(0, y, dy);
        double c1 = 7 / 20.0, clWt = 5 * Math.Pow(80 / 70.0, 0.75);
        double eliminated = clWt * c1 + 3 * c1 / (0.4 + c1);
        Assert.Equal(-eliminated, dy[0] + dy[1], 12);
    }

    [Fact]
    public void RhsDoesNotAllocate()
    {
        var sys = Model.Compile().CreateSystem();
        var y = Model.InitialState();
        var dy = new double[sys.Dimension];
        var jac = new double[sys.Dimension * sys.Dimension];
        sys.Rhs(0, y, dy);
        sys.Jacobian(0, y, jac);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) { sys.Rhs(0, y, dy); sys.Jacobian(0, y, jac); }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
