using System.Diagnostics;
using System.Globalization;
using KetaSim.Biology.Scenarios;
using KetaSim.Numerics.Ode;
using KetaSim.Population.Sampling;

namespace KetaSim.Benchmarks;

/// <summary>
/// <c>--trial-profile</c>: where a trial subject's time goes. For each arm of <see cref="TrialScenario"/> and
/// variants of it (PK only, first week only), the same sampled subjects are run on one thread with an integrator
/// that counts Rodas4's work: integration segments (one per dose/output interval), accepted and rejected steps,
/// RHS and Jacobian evaluations, and the time per subject. Diagnostic only; nothing is asserted.
/// </summary>
internal static class TrialProfile
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "--trial-profile";

    public static int Run(string[] args)
    {
        int subjects = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var trial = TrialScenario.Definition;
        var counter = new Counting(new Rodas4());
        var runner = new ScenarioRunner(() => counter);
        Console.WriteLine("| arm | variant | states | segments | accepted steps | rejected | RHS evals | Jacobians | ms / subject |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var arm in trial.Arms)
        {
            var full = arm.RegimenTemplate with { DurationHours = trial.DurationHours, OutputTimesHours = trial.VisitTimesHours };
            var variants = new (string Name, Scenario Template)[]
            {
                ("4 weeks, full mechanism", full),
                ("4 weeks, PK only", full with { Mechanism = null }),
                ("week 1 only, full mechanism", full with { DurationHours = 168, OutputTimesHours = [168], Doses = [.. full.Doses.Select(d => d with { AdditionalDoses = Math.Min(d.AdditionalDoses, d.IntervalHours >= 168 ? 0 : 6) })] }),
            };
            foreach (var (name, template) in variants)
            {
                var scenarios = Enumerable.Range(0, subjects).Select(i => PopulationSampler.Sample(trial.Population, TrialScenario.Seed, i).Apply(template, runner)).ToArray();
                runner.Run(scenarios[0]);   // compile and JIT
                counter.Reset();
                int dimension = runner.CompiledModelFor(ScenarioRunner.ModulesFor(scenarios[0]), ScenarioRunner.MechanismFor(scenarios[0])).Dimension;
                var sw = Stopwatch.StartNew();
                foreach (var s in scenarios) runner.Run(s);
                sw.Stop();
                double k = 1.0 / subjects;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {arm.Name} | {name} | {dimension} | {counter.Segments * k:F0} | {counter.Stats.AcceptedSteps * k:F0} | {counter.Stats.RejectedSteps * k:F0} | " +
                    $"{counter.Stats.RhsEvaluations * k:F0} | {counter.Stats.JacobianEvaluations * k:F0} | {sw.Elapsed.TotalMilliseconds * k:F2} |"));
            }
        }
        return 0;
    }

    /// <summary>Rodas4 with its statistics summed over every segment (single-threaded use only).</summary>
    private sealed class Counting(IOdeIntegrator inner) : IOdeIntegrator
    {
        public IntegrationStats Stats;
        public long Segments;
        public string Name => inner.Name;
        public int Order => inner.Order;

        public void Reset() { Stats = default; Segments = 0; }

        public IntegrationStats Integrate(IOdeSystem system, double t0, double t1, double[] y, ReadOnlySpan<double> outputTimes, IOutputSink? sink, SolverSettings settings)
        {
            var s = inner.Integrate(system, t0, t1, y, outputTimes, sink, settings);
            Stats = Stats.Add(s);
            Segments++;
            return s;
        }
    }
}
