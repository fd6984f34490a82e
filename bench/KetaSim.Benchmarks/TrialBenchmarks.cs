using BenchmarkDotNet.Attributes;
using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Trials;

namespace KetaSim.Benchmarks;

/// <summary>
/// Throughput per subject of the 4-week, two-arm esketamine trial (<see cref="TrialScenario"/>), on a chunk of
/// <see cref="Chunk"/> subjects (each benchmark reports per subject: OperationsPerInvoke). The baseline is
/// the single-subject reference of <see cref="SubjectBenchmarks.FullMechanismVisitsOnly"/> (ketamine 0.5 mg/kg,
/// 1 week, 4 visits), so the ratio is what a 4-week trial subject costs relative to that subject.
/// The full 10,000-subject run and its peak memory are measured by <c>--trial-scale</c> (<see cref="TrialScale"/>).
/// </summary>
[MemoryDiagnoser]
public class TrialBenchmarks
{
    public const int Chunk = 64;

    private readonly ScenarioRunner _scenarios = new();
    private readonly Scenario _reference = MechanismScenarios.KetamineTrd with { Name = "visits-only", OutputTimesHours = [2, 24, 72, 168] };
    private readonly TrialDefinition _trial = TrialScenario.Definition;
    private TrialRunner _runner = null!;
    private TrialRunner _smallChunks = null!;

    [GlobalSetup]
    public void WarmUp()
    {
        _runner = new TrialRunner(_scenarios);
        _smallChunks = new TrialRunner(_scenarios, chunkSize: 8);
        _scenarios.Run(_reference);
        _runner.Run(_trial, Chunk, TrialScenario.Seed, maxThreads: 1);
    }

    [Benchmark(Baseline = true)]
    public int SingleSubjectReference() => _scenarios.Run(_reference).TimesHours.Length;

    /// <summary>Subjects 0..63 of the trial one after another on one thread (SimulateSubject, no aggregation).</summary>
    [Benchmark(OperationsPerInvoke = Chunk)]
    public double TrialSubjectOneThread()
    {
        double sum = 0;
        for (int i = 0; i < Chunk; i++) sum += _runner.SimulateSubject(_trial, TrialScenario.Seed, i).Baseline;
        return sum;
    }

    /// <summary>The same 64 subjects through <see cref="TrialRunner.Run"/> on one thread (one chunk: aggregation included).</summary>
    [Benchmark(OperationsPerInvoke = Chunk)]
    public long TrialRunOneThread() => _runner.Run(_trial, Chunk, TrialScenario.Seed, maxThreads: 1).Arms[0].Randomised;

    /// <summary>The same 64 subjects through <see cref="TrialRunner.Run"/> on all cores (chunks of 8 so every core gets work).</summary>
    [Benchmark(OperationsPerInvoke = Chunk)]
    public long TrialRunAllCores() => _smallChunks.Run(_trial, Chunk, TrialScenario.Seed).Arms[0].Randomised;
}
