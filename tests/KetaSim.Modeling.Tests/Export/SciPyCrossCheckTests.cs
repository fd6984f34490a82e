using System.Text.Json;
using KetaSim.Modeling.Export;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;
using KetaSim.TestSupport;
using Xunit;

namespace KetaSim.Modeling.Tests.Export;

/// <summary>
/// The exported SciPy script is an independent implementation of the same equations (Python source
/// from the tree, solved by solve_ivp): our compiler, simulator and solvers must agree with it.
/// </summary>
public class SciPyCrossCheckTests
{
    [Theory]
    [InlineData("Rodas4")]
    [InlineData("DormandPrince54")]
    public void NonlinearModelWithDosesAgreesWithSciPy(string solver)
    {
        ReferenceSolvers.RequireSciPy();
        var model = TestModels.Nonlinear();
        var compiled = model.Compile();
        var system = compiled.CreateSystem();
        var events = new DoseEvents()
            .AddBolus(0.5, model.StateIndex("A1"), 20)
            .AddInput(2, 2.75, model.StateIndex("A1"), 16)
            .AddBolus(6, model.StateIndex("A2"), 5);
        var times = Enumerable.Range(0, 49).Select(i => i * 0.25).ToArray();

        IOdeIntegrator integrator = solver == "Rodas4" ? new Rodas4() : new DormandPrince54();
        var ours = new Simulator(integrator, new SolverSettings { RelTol = 1e-8, AbsTol = 1e-12 }).Run(system, events, times);

        string script = SciPyExporter.Script(model, model.DefaultParameters(), events, times);
        using var json = JsonDocument.Parse(SciPyReference.Run(script));
        var theirs = json.RootElement.GetProperty("states");

        double worst = 0;
        for (int i = 0; i < model.States.Count; i++)
        {
            var row = theirs[i];
            for (int k = 0; k < times.Length; k++)
            {
                double reference = row[k].GetDouble(), value = ours.States[i][k];
                double rel = Math.Abs(value - reference) / Math.Max(Math.Abs(reference), 1e-6);
                worst = Math.Max(worst, rel);
            }
        }
        Assert.True(worst < 1e-5, $"worst relative difference {worst:E2}");
    }

    [Fact]
    public void PythonFormOfAnExpressionReadsLikeTheEquation()
    {
        var model = TestModels.Nonlinear();
        string py = SciPyExporter.Py(model.Observables[0].Definition);
        Assert.Equal("(y[0] / p[0])", py);
    }
}
