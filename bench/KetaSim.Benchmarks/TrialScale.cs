using KetaSim.IO.Runs;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using KetaSim.IO.Store;
using KetaSim.Population.Trials;

namespace KetaSim.Benchmarks;

/// <summary>
/// <c>--trial-scale</c>: the full trial (<see cref="TrialScenario"/>) at N = 1,000 … 10,000, each N once, after a
/// warm-up, in its own child process so that the peak working set (process lifetime) belongs to that N alone.
/// A background sampler also records the peak working set and managed heap during the timed run. Everything is
/// reported as ratios against references measured in the same invocation: subjects/s against the single-thread
/// rate (parallel speed-up), peak memory against N = 1,000 (flat memory ⇒ ≈ 1), and the result-store run against
/// the run without it. Not a test: nothing is asserted.
/// </summary>
internal static class TrialScale
{
    private const string ChildFlag = "--trial-scale-child";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static bool Handles(string[] args) => args.Length > 0 && (args[0] == "--trial-scale" || args[0] == ChildFlag);

    public static int Run(string[] args)
    {
        if (args[0] == ChildFlag) return Child(int.Parse(args[1], Inv), args[2] == "store", int.Parse(args[3], Inv));
        int[] sizes = [1_000, 2_500, 5_000, 10_000];
        int single = 400, maxThreads = 0;
        for (int i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--max-threads") maxThreads = int.Parse(args[i + 1], Inv);
            if (args[i] == "--sizes") sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, Inv))];
            if (args[i] == "--single") single = int.Parse(args[i + 1], Inv);
        }
        return Parent(sizes, single, maxThreads);
    }

    private sealed record Measure(int N, bool Store, double Seconds, double SubjectsPerSecond, long PeakWorkingSet, long SampledPeakWorkingSet,
        long SampledPeakHeap, long SampledPeakCommitted, long WorkingSetBefore, long HeapAfter, long AllocatedPerSubject, int Gen0, int Gen1, int Gen2,
        double MeanChangeActive, double MeanChangeControl, long StoreBytes, double CpuSeconds, string LoadAverage, int MaxThreads, int PeakPoolThreads);

    private static int Parent(int[] sizes, int single, int maxThreads)
    {
        var trial = TrialScenario.Definition;
        Console.WriteLine($"# Trial scale: {trial.Name}, {trial.Arms.Count} arms, {trial.DurationHours / 24:G} days, visits at {string.Join(", ", trial.VisitTimesHours.Select(v => (v / 24).ToString("G", Inv)))} d");
        Console.WriteLine($"# {Environment.ProcessorCount} logical cores, {RuntimeInfo()}");

        // Single-thread reference in this process, after a warm-up: per subject, split by arm.
        var runner = new TrialRunner();
        runner.Run(trial, 64, TrialScenario.Seed, maxThreads: 1);
        var perArm = new (int n, double seconds)[trial.Arms.Count];
        Console.WriteLine($"# load average before: {LoadAverage()}");
        var cpuSingle0 = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < single; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var o = runner.SimulateSubject(trial, TrialScenario.Seed, i);
            perArm[o.Arm].n++;
            perArm[o.Arm].seconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        total.Stop();
        double singleCpuMs = 1000 * (Process.GetCurrentProcess().TotalProcessorTime - cpuSingle0).TotalSeconds / single;
        double singleRate = single / total.Elapsed.TotalSeconds;
        var tRun = Stopwatch.StartNew();
        runner.Run(trial, single, TrialScenario.Seed, maxThreads: 1);
        tRun.Stop();
        double singleRunRate = single / tRun.Elapsed.TotalSeconds;
        Console.WriteLine($"# single thread: {singleRate:F1} subjects/s, {singleCpuMs:F1} CPU ms/subject (SimulateSubject, {single} subjects), {singleRunRate:F1} subjects/s (TrialRunner.Run, maxThreads 1)");
        for (int a = 0; a < perArm.Length; a++)
            Console.WriteLine($"#   arm {trial.Arms[a].Name}: {perArm[a].n} subjects, {1000 * perArm[a].seconds / Math.Max(1, perArm[a].n):F2} ms/subject");

        var results = new List<Measure>();
        foreach (int n in sizes) results.Add(RunChild(n, store: false, maxThreads));
        results.Add(RunChild(sizes[^1], store: true, maxThreads));

        double reference = singleRunRate;
        var first = results[0];
        Console.WriteLine();
        Console.WriteLine("| N | store | maxThreads | peak pool threads | wall s | subjects/s | speed-up vs 1 thread | peak WS (process) MB | peak WS / N=" + first.N.ToString("N0", Inv) +
                          " | sampled peak WS MB | sampled peak heap MB | heap after run MB | allocated / subject KB | GCs 0/1/2 | CPU ms / subject | load avg (1/5/15 min) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
            Console.WriteLine(string.Create(Inv, $"| {r.N:N0} | {(r.Store ? "DuckDB" : "no")} | {(r.MaxThreads > 0 ? r.MaxThreads.ToString(Inv) : "default")} | {r.PeakPoolThreads} | {r.Seconds:F1} | {r.SubjectsPerSecond:F0} | {r.SubjectsPerSecond / reference:F2} | " +
                $"{Mb(r.PeakWorkingSet):F0} | {(double)r.PeakWorkingSet / first.PeakWorkingSet:F2} | {Mb(r.SampledPeakWorkingSet):F0} | {Mb(r.SampledPeakHeap):F1} | " +
                $"{Mb(r.HeapAfter):F1} | {r.AllocatedPerSubject / 1024.0:F1} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {1000 * r.CpuSeconds / r.N:F1} | {r.LoadAverage} |"));
        var plain = results.Last(r => !r.Store);
        var stored = results.Last(r => r.Store);
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv, $"peak WS N={plain.N:N0} / N={first.N:N0}: {(double)plain.PeakWorkingSet / first.PeakWorkingSet:F2}; " +
            $"sampled peak heap ratio: {(double)plain.SampledPeakHeap / first.SampledPeakHeap:F2}; heap after run ratio: {(double)plain.HeapAfter / first.HeapAfter:F2}"));
        Console.WriteLine(string.Create(Inv, $"store: throughput with / without = {stored.SubjectsPerSecond / plain.SubjectsPerSecond:F2}; " +
            $"peak WS with / without = {(double)stored.PeakWorkingSet / plain.PeakWorkingSet:F2}; store file {Mb(stored.StoreBytes):F1} MB"));
        Console.WriteLine(string.Create(Inv, $"sanity (N={plain.N:N0}, week 4 mean change): {trial.Arms[0].Name} {plain.MeanChangeActive:F2}, {trial.Arms[1].Name} {plain.MeanChangeControl:F2}"));
        return 0;
    }

    private static string RuntimeInfo() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency {GCSettings.LatencyMode}";

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    private static Measure RunChild(int n, bool store, int maxThreads)
    {
        string self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.FileName = self;
            psi.ArgumentList.Add(typeof(TrialScale).Assembly.Location);
        }
        else psi.FileName = self;
        psi.ArgumentList.Add(ChildFlag);
        psi.ArgumentList.Add(n.ToString(Inv));
        psi.ArgumentList.Add(store ? "store" : "plain");
        psi.ArgumentList.Add(maxThreads.ToString(Inv));
        using var p = Process.Start(psi)!;
        Measure? m = null;
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null)
            if (line.StartsWith("RESULT ", StringComparison.Ordinal)) m = JsonSerializer.Deserialize<Measure>(line[7..]);
        p.WaitForExit();
        if (p.ExitCode != 0 || m is null) throw new InvalidOperationException($"child N={n} store={store} failed with exit code {p.ExitCode}");
        Console.WriteLine(string.Create(Inv, $"# N={n:N0}{(store ? " +store" : "")}: {m.Seconds:F1} s, {m.SubjectsPerSecond:F0} subjects/s, peak WS {Mb(m.PeakWorkingSet):F0} MB, {m.PeakPoolThreads} pool threads"));
        return m;
    }

    private static int Child(int n, bool store, int maxThreadsArg)
    {
        var trial = TrialScenario.Definition;
        var runner = new TrialRunner();
        int? maxThreads = maxThreadsArg > 0 ? maxThreadsArg : null;   // 0: TrialRunner's default ("all cores")
        string? dir = null;
        try
        {
            // Warm-up: compile the models, JIT, load DuckDB when used.
            if (store)
            {
                dir = Directory.CreateTempSubdirectory("ketasim-trial-scale-").FullName;
                // The production write path of `ketasim trial` (TrialStoreRun), so the benchmark measures what users run.
                var warmSettings = new TrialRunSettings(128, TrialScenario.Seed, runner.ChunkSize);
                using var warm = TrialStoreRun.Create(Path.Combine(dir, "warmup.duckdb"), trial, "warm-up", warmSettings, "trial-scale benchmark");
                TrialStoreRun.Run(warm, trial, warmSettings);
            }
            else runner.Run(trial, 128, TrialScenario.Seed);

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            long wsBefore = Environment.WorkingSet;
            long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);

            long peakWs = 0, peakHeap = 0, peakCommitted = 0;
            int peakThreads = 0;
            using var stop = new ManualResetEventSlim();
            var sampler = new Thread(() =>
            {
                do
                {
                    peakWs = Math.Max(peakWs, Environment.WorkingSet);
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                    peakCommitted = Math.Max(peakCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
                    peakThreads = Math.Max(peakThreads, ThreadPool.ThreadCount);
                } while (!stop.Wait(20));
            }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            sampler.Start();

            string load = LoadAverage();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            TrialResult result;
            long storeBytes = 0;
            if (store)
            {
                string path = Path.Combine(dir!, "run.duckdb");
                var settings = new TrialRunSettings(n, TrialScenario.Seed, runner.ChunkSize);
                using (var rs = TrialStoreRun.Create(path, trial, "trial-scale benchmark", settings, "trial-scale benchmark"))
                    result = TrialStoreRun.Run(rs, trial, settings, maxThreads).Result;
                sw.Stop();
                storeBytes = new FileInfo(path).Length;
            }
            else
            {
                result = runner.Run(trial, n, TrialScenario.Seed, maxThreads);
                sw.Stop();
            }
            stop.Set();
            sampler.Join();
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            load += " -> " + LoadAverage();

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            int d0 = GC.CollectionCount(0) - g0, d1 = GC.CollectionCount(1) - g1, d2 = GC.CollectionCount(2) - g2;
            long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            using var self = Process.GetCurrentProcess();
            int last = trial.VisitTimesHours.Count - 1;
            var m = new Measure(n, store, sw.Elapsed.TotalSeconds, n / sw.Elapsed.TotalSeconds, self.PeakWorkingSet64, peakWs, peakHeap, peakCommitted,
                wsBefore, heapAfter, allocated / n, d0, d1, d2, result.Arms[0].Visits[last].MeanChange, result.Arms[1].Visits[last].MeanChange, storeBytes, cpuSeconds, load, maxThreadsArg, peakThreads);
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(m));
            return 0;
        }
        finally
        {
            if (dir is not null) Directory.Delete(dir, recursive: true);
        }
    }
}
