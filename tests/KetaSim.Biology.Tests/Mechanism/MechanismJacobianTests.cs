using KetaSim.Biology.Calibration;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Mechanism;

/// <summary>
/// The compiler differentiates exactly, but rectifiers, gates and clamps in the mechanism layers could still
/// make the right-hand side non-smooth; central differences on random states near real trajectories catch that.
/// </summary>
public class MechanismJacobianTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new() { "mouse", "mouse-dynamic", "human-ketamine", "human-esketamine", "human-escitalopram" };

    private static Scenario Pick(string name) => name switch
    {
        "mouse" => MechanismScenarios.MouseKetamineAcute(),
        "mouse-dynamic" => MechanismScenarios.MouseKetamineAcute() with { Name = "jac-dyn", Mechanism = MechanismScenarios.StressedMouse() with { CircuitMode = CircuitMode.Dynamic } },
        "human-ketamine" => MechanismScenarios.KetamineTrd,
        "human-escitalopram" => Biology.Serotonin.SerotoninScenarios.EscitalopramCourse(10, 21) with { Name = "jac-esc" },
        _ => MechanismScenarios.EsketamineTrd(56),
    };

    private static readonly string[] MechanismStates =
    [
        Biology.Circuit.CircuitModule.AdaptationState, Biology.Circuit.CircuitModule.PyrDeviationState, Biology.Circuit.CircuitModule.SstDeviationState,
        Biology.Plasticity.PlasticityModule.BdnfExcessState, Biology.Plasticity.PlasticityModule.ProteinExcessState, Biology.Plasticity.PlasticityModule.Mglur5InternalState,
        Biology.Plasticity.PlasticityModule.NascentSpineState, Biology.Plasticity.SpineDensity.TransientState, Biology.Plasticity.SpineDensity.ConsolidatedState,
        Biology.Symptoms.SymptomsModule.NetworkStateName, Biology.Symptoms.SymptomsModule.CareReinforcementState, Biology.Symptoms.SymptomsModule.ExpectancyState,
        Biology.Symptoms.SymptomsModule.SessionPendingState, Biology.Symptoms.SymptomsModule.SessionState, "circuit_desensitisation_MOR_SST", "circuit_desensitisation_RXFP3_SST",
    ];

    private static bool Mechanism(string state) => MechanismStates.Contains(state);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Exact_Jacobian_matches_finite_differences_on_random_states(string which)
    {
        var scenario = Pick(which);
        var compiled = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(scenario), ScenarioRunner.MechanismFor(scenario));
        var p = ScenarioRunner.ParametersFor(compiled, scenario);
        var traj = MechanismRuns.Run(scenario with { DurationHours = Math.Min(scenario.DurationHours, 48), Name = scenario.Name + "-jac" });
        int n = compiled.Dimension;
        var rng = new Random(20261124);
        var jac = new double[n * n];
        var fp = new double[n];
        var fm = new double[n];
        int checkedEntries = 0;
        for (int trial = 0; trial < 25; trial++)
        {
            int k = rng.Next(traj.TimesHours.Length);
            // A trajectory state, every component scaled by a random factor in [0.5, 1.5]; the mechanism's deviation
            // states (which sit near 0 and may be negative) also shifted a little. Drug amounts stay positive:
            // the targets layer's Hill guard is exact for C > 0 only (a concentration is never negative).
            var y = Enumerable.Range(0, n).Select(i => Mechanism(compiled.Model.States[i].Name)
                ? traj.States[i][k] * (0.5 + rng.NextDouble()) + 0.01 * (rng.NextDouble() - 0.5)
                : Math.Abs(traj.States[i][k]) * (0.5 + rng.NextDouble()) + 1e-6).ToArray();
            double t = traj.TimesHours[k];
            compiled.Jacobian(t, y, p, jac);
            var yp = (double[])y.Clone();
            for (int j = 0; j < n; j++)
            {
                // Mechanism states sit near 0 on a scale of 0.01-1 and feed rates of ~1e5/h in the dynamic circuit (10-ms time
                // constants): a step below 1e-6 would drown the difference in rounding, so their floor is 1.
                double h = 1e-6 * Math.Max(Mechanism(compiled.Model.States[j].Name) ? 1 : 1e-3, Math.Abs(y[j]));
                yp[j] = y[j] + h; compiled.Rhs(t, yp, p, fp);
                yp[j] = y[j] - h; compiled.Rhs(t, yp, p, fm);
                yp[j] = y[j];
                for (int i = 0; i < n; i++)
                {
                    // Every row: PK, targets, serotonin, circuit, plasticity, symptoms and safety states.
                    double fd = (fp[i] - fm[i]) / (2 * h), exact = jac[i * n + j];
                    double scale = 1e-4 * (1 + Math.Abs(exact) + Math.Abs(fd));
                    Assert.True(Math.Abs(fd - exact) <= scale,
                        $"{which}: d({compiled.Model.States[i].Name})/d({compiled.Model.States[j].Name}) exact {exact:G6} vs FD {fd:G6} at t={t:F3} h");
                    checkedEntries++;
                }
            }
        }
        output.WriteLine($"{which}: {n} states, {checkedEntries} entries checked");
    }
}
