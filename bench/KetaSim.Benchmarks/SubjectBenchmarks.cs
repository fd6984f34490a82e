using BenchmarkDotNet.Attributes;
using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Benchmarks;

/// <summary>
/// One virtual subject of a ketamine trial (0.5 mg/kg IV, typical TRD patient, the calibration run's
/// duration and grid): the PK-only model is the baseline, the full mechanism (targets, circuit,
/// plasticity, symptoms, safety) the ratio — the per-subject cost a virtual trial multiplies.
/// Compiled models are cached by the runner, so this measures integration, not compilation.
/// </summary>
[MemoryDiagnoser]
public class SubjectBenchmarks
{
    private readonly ScenarioRunner _runner = new();
    private readonly Scenario _mechanism = MechanismScenarios.KetamineTrd;
    private readonly Scenario _pkOnly = MechanismScenarios.KetamineTrd with { Name = "pk-only", Mechanism = null };
    private readonly Scenario _visitsOnly = MechanismScenarios.KetamineTrd with { Name = "visits-only", OutputTimesHours = [2, 24, 72, 168] };

    [GlobalSetup]
    public void WarmUp()
    {
        _runner.Run(_pkOnly);
        _runner.Run(_mechanism);
        _runner.Run(_visitsOnly);
    }

    [Benchmark(Baseline = true)]
    public int PkOnly() => _runner.Run(_pkOnly).TimesHours.Length;

    [Benchmark]
    public int FullMechanism() => _runner.Run(_mechanism).TimesHours.Length;

    /// <summary>The same subject with output only at four trial visits (what the trial runner asks for).</summary>
    [Benchmark]
    public int FullMechanismVisitsOnly() => _runner.Run(_visitsOnly).TimesHours.Length;
}
