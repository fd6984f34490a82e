using System.Text.Json;
using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Export;
using KetaSim.TestSupport;
using Xunit;

namespace KetaSim.Biology.Tests.Pharmacokinetics;

/// <summary>
/// Each PK model's equations are exported from the expression tree as Python and solved by SciPy
/// (Radau, rtol 1e-10) with the same dose events. That reference shares neither our compiler nor our
/// solver, so agreement checks the compiled equations as well as the integration.
/// </summary>
public class SciPyCrossCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new(["ketamine", "esketamine-84", "escitalopram-10", "mouse-ketamine"]);

    private static Scenario ScenarioFor(string name) => name switch
    {
        "ketamine" => BuiltInScenarios.KetamineIv05 with { OutputStepHours = 0.25, Solver = Tight },
        "esketamine-84" => BuiltInScenarios.EsketamineNasal(84) with { OutputStepHours = 0.25, Solver = Tight },
        "escitalopram-10" => BuiltInScenarios.EscitalopramDaily(10) with { OutputStepHours = 2, Solver = Tight },
        _ => BuiltInScenarios.MouseKetamineIp10 with { OutputStepHours = 0.05, Solver = Tight },
    };

    private static readonly KetaSim.Numerics.Ode.SolverSettings Tight = new() { RelTol = 1e-8, AbsTol = 1e-12 };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void PkModelAgreesWithSciPy(string name)
    {
        ReferenceSolvers.RequireSciPy();
        var run = new ScenarioRunner().RunDetailed(ScenarioFor(name));
        var model = run.Compiled.Model;
        var times = run.Result.TimesHours;
        string script = SciPyExporter.Script(model, run.Parameters, run.Events, times);
        using var json = JsonDocument.Parse(SciPyReference.Run(script, TimeSpan.FromMinutes(5)));
        var reference = json.RootElement.GetProperty("states");

        double floor = 1e-6 * run.Result.States.Max(s => s.Max(Math.Abs));
        double worst = 0;
        string where = "";
        for (int i = 0; i < model.States.Count; i++)
            for (int k = 0; k < times.Length; k++)
            {
                double theirs = reference[i][k].GetDouble(), ours = run.Result.States[i][k];
                double rel = Math.Abs(ours - theirs) / Math.Max(Math.Abs(theirs), floor);
                if (rel > worst) { worst = rel; where = $"{model.States[i].Name} at {times[k]} h ({ours} vs {theirs})"; }
            }
        output.WriteLine($"{name}: worst relative difference vs SciPy Radau = {worst:E2} at {where}");
        Assert.True(worst <= 1e-5, $"{name}: worst relative difference {worst:E2} at {where}");
    }
}
