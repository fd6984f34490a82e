using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project bench/KetaSim.Benchmarks -- --filter '*'
// Results are ratios against the baseline in the same run; never wall-clock assertions.
BenchmarkSwitcher.FromAssembly(typeof(KetaSim.Benchmarks.RhsBenchmarks).Assembly).Run(args);
