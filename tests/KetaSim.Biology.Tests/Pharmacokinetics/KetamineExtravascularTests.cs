using KetaSim.Biology.Dosing;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Analysis;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;
using Xunit;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

/// <summary>Racemic ketamine by IM, SC and oral routes: the extravascular variant of the model.</summary>
public class KetamineExtravascularTests
{
    private static Scenario Single(Route route, double mg, double? durationHours = null) => new()
    {
        Name = $"ketamine-{route}-{mg}mg",
        Doses = [new DoseRecord { Compound = "ketamine", Route = route, Amount = DoseAmount.Mg(mg), DurationHours = durationHours }],
        DurationHours = 72,
        OutputStepHours = 1.0 / 60,
        Solver = new SolverSettings { RelTol = 1e-8, AbsTol = 1e-12 },
    };

    private static ExposureSummary Exposure(Scenario s, string observable)
    {
        var r = new ScenarioRunner().Run(s);
        return ExposureMetrics.Compute(r.TimesHours, r.Observable(observable));
    }

    [Fact]
    public void IvOnlyScenariosKeepTheSmallModelAndOtherRoutesGetTheDepots()
    {
        Assert.Equal("ketamine-racemic-human", Assert.Single(ScenarioRunner.ModulesFor(Single(Route.IvInfusion, 35, 40.0 / 60))).Key);
        var im = Assert.Single(ScenarioRunner.ModulesFor(Single(Route.Intramuscular, 35)));
        Assert.Equal("ketamine-racemic-human+extravascular", im.Key);
        var model = new ScenarioRunner().CompiledModelFor([im]).Model;
        Assert.Contains(model.States, s => s.Name == RacemicKetaminePk.Gut("s"));
    }

    [Theory]
    [InlineData(Route.Intramuscular, 0.93)]
    [InlineData(Route.Subcutaneous, 0.93)]
    [InlineData(Route.Oral, 0.17)]
    public void AucRelativeToIvEqualsTheRouteBioavailability(Route route, double f)
    {
        // Same dose IV and by the route; AUC over 72 h (≈ 13 terminal half-lives) captures all but a trace.
        double iv = Exposure(Single(Route.IvBolus, 35), "ketamine_plasma_ng_per_ml").AucLast;
        double other = Exposure(Single(route, 35), "ketamine_plasma_ng_per_ml").AucLast;
        Assert.Equal(f, other / iv, 0.01);
    }

    [Fact]
    public void ImPeaksWithinHalfAnHourAndBelowTheSameIvBolus()
    {
        var im = Exposure(Single(Route.Intramuscular, 35), "ketamine_plasma_ng_per_ml");
        var iv = Exposure(Single(Route.IvBolus, 35), "ketamine_plasma_ng_per_ml");
        Assert.InRange(im.TmaxHours, 10.0 / 60, 30.0 / 60);
        Assert.True(im.Cmax < iv.Cmax);
    }

    [Fact]
    public void OralFirstPassRaisesTheNorketamineToKetamineRatio()
    {
        // Known behaviour: after oral dosing norketamine exposure rivals or exceeds ketamine's, unlike after IV (≈ 0.2).
        double Ratio(Route r) =>
            Exposure(Single(r, 35), "norketamine_plasma_ng_per_ml").AucLast / Exposure(Single(r, 35), "ketamine_plasma_ng_per_ml").AucLast;
        double iv = Ratio(Route.IvBolus), oral = Ratio(Route.Oral);
        Assert.True(oral > 3 * iv, $"oral NK/K {oral:F2} vs IV {iv:F2}");
    }

    [Fact]
    public void MassBalanceHoldsInMolesForAnOralDose()
    {
        var module = new RacemicKetaminePk(includeEliminationAccumulators: true, includeExtravascular: true);
        var b = new ModelBuilder("mass-balance-oral");
        module.Contribute(b);
        var compiled = b.Build().Compile();
        var model = compiled.Model;
        var events = new DoseEvents();
        module.RoutingFor(model, compiled.CreateSystem().Parameters).Apply(new DoseOccurrence(0, 100, Route.Oral, null, 1.0), model, events);
        var times = Enumerable.Range(0, 49).Select(k => k * 0.5).ToArray();
        var result = new Simulator(new Rodas4(), new SolverSettings { RelTol = 1e-9, AbsTol = 1e-12 }).Run(compiled.CreateSystem(), events, times);

        for (int k = 1; k < times.Length; k++)
        {
            double mmol = 0;
            foreach (var e in RacemicKetaminePk.Enantiomers)
            {
                double S(string n) => result.State(n)[k];
                mmol += (S(RacemicKetaminePk.Gut(e)) + S(RacemicKetaminePk.InjectionDepot(e)) + S(RacemicKetaminePk.Central(e))
                    + S(RacemicKetaminePk.Shallow(e)) + S(RacemicKetaminePk.Deep(e)) + S(RacemicKetaminePk.EliminatedKetamine(e))) / MolarMass.Ketamine;
                mmol += (S(RacemicKetaminePk.Norketamine(e)) + S(RacemicKetaminePk.EliminatedNorketamine(e))) / MolarMass.Norketamine;
                mmol += (S(RacemicKetaminePk.Hnk(e)) + S(RacemicKetaminePk.EliminatedHnk(e))) / MolarMass.Hydroxynorketamine;
            }
            Assert.Equal(100 / MolarMass.Ketamine, mmol, 1e-7 * 100 / MolarMass.Ketamine);
        }
    }
}
