using Xunit;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Modeling.Tests.Models;

public class BuilderTests
{
    private static readonly Provenance Src = Provenance.Cite("test source");

    [Fact]
    public void DuplicateNamesAreRejected()
    {
        var b = new ModelBuilder("m");
        b.State("A", "mg", "a");
        var ex = Assert.Throws<ArgumentException>(() => b.Parameter("A", 1, "L", Src, "clash"));
        Assert.Contains("'A'", ex.Message);
    }

    [Fact]
    public void DerivedParametersMayNotDependOnStates()
    {
        var b = new ModelBuilder("m");
        var a = b.State("A", "mg", "a");
        Assert.Throws<ArgumentException>(() => b.Derived("bad", a * 2.0, "mg", "depends on a state"));
    }

    [Fact]
    public void UnknownSymbolsNameTheModelAndTheSymbol()
    {
        var b = new ModelBuilder("pk");
        var ex = Assert.Throws<KeyNotFoundException>(() => b.GetState("brain"));
        Assert.Contains("pk", ex.Message);
        Assert.Contains("brain", ex.Message);
    }

    [Fact]
    public void ProvenanceRequiresText()
    {
        Assert.Throws<ArgumentException>(() => Provenance.Assume("  "));
        Assert.Equal("assumption: why not", Provenance.Assume("why not").ToString());
    }

    [Fact]
    public void MetabolicYieldScalesTheDestinationOnly()
    {
        var b = new ModelBuilder("met");
        var parent = b.State("K", "mg", "parent", 10);
        var metabolite = b.State("NK", "mg", "metabolite");
        b.Flow(parent, metabolite, 0.5 * parent, "N-demethylation", yield: 223.7 / 237.7);
        var sys = b.Build().Compile().CreateSystem();
        var dy = new double[2];
        sys.Rhs(0, [10, 0], dy);
        Assert.Equal(-5, dy[0], 12);
        Assert.Equal(5 * 223.7 / 237.7, dy[1], 12);
    }
}
