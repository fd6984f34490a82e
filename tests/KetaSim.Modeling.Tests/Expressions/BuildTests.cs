using Xunit;
using KetaSim.Modeling.Expressions;

namespace KetaSim.Modeling.Tests.Expressions;

public class BuildTests
{
    private static readonly StateVar X = new("x", 0, "1", "x", 0);

    [Fact]
    public void NeutralElementsAndConstantsFold()
    {
        Assert.Equal(X, X + 0.0);
        Assert.Equal(X, 1.0 * X);
        Assert.True((0.0 * X).IsConstant(0));
        Assert.True(((Expr)2.0 * 3.0 + 1.0).IsConstant(7));
        Assert.True((X - X).IsConstant(0));
        Assert.Equal(X, -(-X));
    }

    [Fact]
    public void DerivativesOfElementaryFunctions()
    {
        var y = new[] { 0.7 };
        double D(Expr e) => Evaluate.At(Differentiate.ByState(e, 0), 0, y, []);
        Assert.Equal(Math.Exp(0.7), D(Expr.Exp(X)), 12);
        Assert.Equal(1 / 0.7, D(Expr.Log(X)), 12);
        Assert.Equal(0.5 / Math.Sqrt(0.7), D(Expr.Sqrt(X)), 12);
        Assert.Equal(2.5 * Math.Pow(0.7, 1.5), D(Expr.Pow(X, 2.5)), 12);
        Assert.Equal(Math.Pow(0.7, 0.7) * (Math.Log(0.7) + 1), D(Expr.Pow(X, X)), 12);
        Assert.Equal(-1 / (0.7 * 0.7), D(1.0 / X), 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void HillIsFlatBelowZeroAndSoIsItsSlope(double n)
    {
        Assert.Equal(0, Runtime.Hill(-0.3, 1.0, n));
        Assert.Equal(0, Runtime.HillSlope(-0.3, 1.0, n));
    }

    [Theory]
    [InlineData(0.5, 1.0, 1.0)]
    [InlineData(2.0, 1.0, 2.0)]
    [InlineData(0.3, 0.8, 0.6)]
    public void HillSlopeMatchesItsDefinition(double x, double c50, double n)
    {
        double h = 1e-7;
        double fd = (Runtime.Hill(x + h, c50, n) - Runtime.Hill(x - h, c50, n)) / (2 * h);
        Assert.Equal(fd, Runtime.HillSlope(x, c50, n), 6);
        Assert.Equal(Math.Pow(x, n) / (Math.Pow(x, n) + Math.Pow(c50, n)), Runtime.Hill(x, c50, n), 12);
    }
}

public class StepTests
{
    private static readonly StateVar X = new("x", 0, "1", "x", 0);

    [Theory]
    [InlineData(-0.5, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(3.0, 1.0)]
    public void StepIsHeavisideInTheTreeTheCompilerAndTheConstantFolder(double x, double expected)
    {
        Assert.Equal(expected, Evaluate.At(Expr.Step(X), 0, [x], []));
        Assert.True(Expr.Step(x).IsConstant(expected));
        var b = new KetaSim.Modeling.Models.ModelBuilder("step");
        var s = b.State("s", "1", "state", x);
        b.Observe("h", "1", Expr.Step(s), "step of s");
        var compiled = b.Build().Compile();
        var obs = new double[1];
        compiled.Observables(0, [x], compiled.CreateSystem().Parameters, obs);
        Assert.Equal(expected, obs[0]);
        Assert.True(Differentiate.ByState(Expr.Step(X), 0).IsConstant(0));
    }
}
