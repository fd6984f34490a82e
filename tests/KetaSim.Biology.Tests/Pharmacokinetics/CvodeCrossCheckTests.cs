using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.Ode;
using KetaSim.TestSupport;
using KetaSim.TestSupport.Cvode;
using Xunit;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

/// <summary>
/// Every PK model, through its calibration scenario, integrated segment by segment (the same dose events
/// applied between smooth segments) by our Rodas4 at rtol 1e-8 and by SUNDIALS CVODE (BDF) at rtol 1e-10:
/// states agree within 1e-5 relative at every output time.
/// </summary>
public class CvodeCrossCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new(["ketamine", "esketamine-84", "escitalopram-20", "escitalopram-areberg", "citalopram", "mouse-ketamine"]);

    private static Scenario ScenarioFor(string name) => name switch
    {
        "ketamine" => BuiltInScenarios.KetamineIv05 with { OutputStepHours = 0.25 },
        "esketamine-84" => BuiltInScenarios.EsketamineNasal(84) with { OutputStepHours = 0.25 },
        "escitalopram-20" => BuiltInScenarios.EscitalopramDaily(20) with { OutputStepHours = 2 },
        "escitalopram-areberg" => WithCompound(BuiltInScenarios.EscitalopramDaily(20) with { OutputStepHours = 2 }, "escitalopram-areberg2006"),
        "citalopram" => WithCompound(BuiltInScenarios.EscitalopramDaily(20) with { OutputStepHours = 2 }, "citalopram"),
        _ => BuiltInScenarios.MouseKetamineIp10 with { OutputStepHours = 0.05 },
    };

    private static Scenario WithCompound(Scenario s, string compound) => s with { Name = s.Name + compound, Doses = [s.Doses[0] with { Compound = compound }] };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Rodas4_agrees_with_CVODE(string name)
    {
        ReferenceSolvers.RequireCvode();
        var scenario = ScenarioFor(name);
        var run = new ScenarioRunner().RunDetailed(scenario);
        var times = run.Result.TimesHours;

        var ours = new Simulator(new Rodas4(), new SolverSettings { RelTol = 1e-8, AbsTol = 1e-12 })
            .Run(run.Compiled.CreateSystem((double[])run.Parameters.Clone()), run.Events, times);
        var reference = SolveWithCvode(run.Compiled.CreateSystem((double[])run.Parameters.Clone()), run.Events, times);

        int n = run.Compiled.Dimension;
        // Relative error; a state that has decayed below 1e-6 of the largest amount in the run (e.g. an emptied
        // gut depot at 1e-10 mg, far under the absolute tolerance) is compared against that floor instead.
        double floor = 1e-6 * ours.States.Max(s => s.Max(Math.Abs));
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < times.Length; k++)
            {
                double a = ours.States[i][k], b = reference[k][i];
                double err = Math.Abs(a - b) / Math.Max(Math.Abs(b), floor);
                worst = Math.Max(worst, err);
                Assert.True(err <= 1e-5, $"{name}: state {run.Compiled.Model.States[i].Name} at t = {times[k]} h: Rodas4 {a} vs CVODE {b} (rel {err:E2})");
            }
        }
        output.WriteLine($"{name}: worst relative difference Rodas4 (rtol 1e-8) vs CVODE (rtol 1e-10) = {worst:E2} over {times.Length} outputs × {n} states");
        Assert.True(worst <= 1e-5);
    }

    /// <summary>CVODE across the dose events, applying them exactly as <see cref="Simulator"/> does (outputs at an event time are pre-event).</summary>
    private static double[][] SolveWithCvode(ModelSystem system, DoseEvents events, double[] times)
    {
        var y = system.Compiled.Model.InitialState();
        var cuts = events.BreakpointsBetween(0, times[^1]);
        var output = new double[times.Length][];
        int next = 0;
        double tStart = 0;
        for (int seg = 0; seg <= cuts.Length; seg++)
        {
            double tStop = seg < cuts.Length ? cuts[seg] : times[^1];
            if (seg == 0) while (next < times.Length && times[next] <= tStart) output[next++] = (double[])y.Clone();
            foreach (var bolus in events.Boluses)
                if (bolus.TimeHours == tStart || (seg == 0 && bolus.TimeHours < tStart)) y[bolus.State] += bolus.Amount;
            Array.Clear(system.InputRates);
            foreach (var input in events.Inputs)
                if (input.StartHours <= tStart && tStart < input.EndHours) system.InputRates[input.State] += input.RatePerHour;

            var segmentTimes = new List<double>();
            int first = next;
            while (next < times.Length && times[next] <= tStop) segmentTimes.Add(times[next++]);
            if (segmentTimes.Count == 0 || segmentTimes[^1] < tStop) segmentTimes.Add(tStop);
            var solution = CvodeReference.Solve(system, tStart, y, segmentTimes.ToArray(), 1e-10, 1e-14);
            for (int k = first; k < next; k++) output[k] = solution.States[k - first];
            y = (double[])solution.States[^1].Clone();
            tStart = tStop;
        }
        return output;
    }
}
