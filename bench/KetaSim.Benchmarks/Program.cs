using BenchmarkDotNet.Running;
using KetaSim.Benchmarks;

// Run: dotnet run -c Release --project bench/KetaSim.Benchmarks -- --filter '*'
// Trial scale (10,000 subjects, peak memory per N): dotnet run -c Release --project bench/KetaSim.Benchmarks -- --trial-scale
// Where a trial subject's time goes (solver work per arm): ... -- --trial-profile [subjects]
// Results are ratios against the baseline in the same run; never wall-clock assertions.
if (TrialScale.Handles(args)) return TrialScale.Run(args);
if (TrialProfile.Handles(args)) return TrialProfile.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(RhsBenchmarks).Assembly).Run(args);
return 0;
