namespace KetaSim.Design.Combination;

/// <summary>
/// The combination designer's search (docs/design/combination.md): each compound's solo dose–effect curve and solo target
/// dose; a Latin hypercube over the log-dose box; mixture rays solved for the target (points on the target isobole);
/// refinement around the least burdensome isobole point; points beyond the isobole for the upper Pareto front. Every
/// stage evaluates in parallel into indexed slots and records in index order, so the result is the same for any thread
/// count.
/// </summary>
public static partial class ComboSearch
{
    /// <summary>Factors on the isobole doses along the best rays (the effect-for-burden trade beyond the target).</summary>
    private static readonly double[] FrontFactors = [1.25, 1.6, 2.0, 2.5];
    private const int FrontRays = 4;

    public static ComboResult Run(ComboProblem problem, ComboSettings settings, ComboReference? reference = null)
    {
        problem.Validate();
        var run = new SearchRun(problem, settings);
        int k = problem.Compounds.Count;
        var drugFree = problem.Evaluate(new double[k]);

        settings.Progress?.Invoke($"solo dose-effect curves: {k} compound(s) x {settings.SoloPoints} doses");
        var solo = SoloCurves(run, drugFree);
        var scales = solo.Select(s => s.Reached ? s.EffectiveDose : s.Compound.MaxDose).ToArray();

        settings.Progress?.Invoke($"Latin hypercube: {settings.Samples} dose vectors");
        var box = ComboSampling.LatinHypercube(settings.Samples, k, settings.Seed, ComboSampling.SampleStream);
        var sampled = run.Map(box.Length, i => problem.Compounds.Select((c, j) => Math.Exp(Math.Log(c.MinDose) + box[i][j] * Math.Log(c.MaxDose / c.MinDose))).ToArray());
        run.Record(ComboStage.Sample, sampled);

        var rays = new List<RaySolution>();
        if (k > 1)
        {
            var directions = ComboSampling.Directions(settings.Directions, k, settings.Seed);
            settings.Progress?.Invoke($"isobole: {directions.Length} mixture rays solved for the target");
            rays.AddRange(run.SolveRays(ComboStage.Isobole, directions, scales));
            for (int round = 0; round < settings.RefineRounds; round++)
            {
                var best = BestRay(run, rays);
                if (best is null) break;
                double sigma = 0.6 * Math.Pow(0.5, round);
                var around = Enumerable.Range(0, settings.RefineDirections)
                    .Select(j => ComboSampling.Perturb(best.Weights, sigma, settings.Seed, ComboSampling.RefineStream + (ulong)(round * 1000 + j))).ToArray();
                settings.Progress?.Invoke($"refine round {round + 1}/{settings.RefineRounds}: {around.Length} rays around the least burdensome isobole point (sigma {sigma:G2})");
                rays.AddRange(run.SolveRays(ComboStage.Refine, around, scales));
            }
            // The same refinement around the least burdensome isobole point with every dose at most the low-dose fraction of its
            // solo effective dose (the question the designer answers), when there is one.
            bool lowDose(int i) => Enumerable.Range(0, k).All(c => run.Raw[i].Doses[c] / scales[c] <= problem.LowDoseFraction * (1 + 1e-9));
            for (int round = 0; round < settings.RefineRounds; round++)
            {
                var best = BestRay(run, rays.Where(r => r.Isobole is { } i && lowDose(i)).ToList());
                if (best is null) break;
                double sigma = 0.3 * Math.Pow(0.5, round);
                var around = Enumerable.Range(0, settings.RefineDirections)
                    .Select(j => ComboSampling.Perturb(best.Weights, sigma, settings.Seed, ComboSampling.LowDoseRefineStream + (ulong)(round * 1000 + j))).ToArray();
                settings.Progress?.Invoke($"low-dose refine round {round + 1}/{settings.RefineRounds}: {around.Length} rays around the least burdensome isobole point with every dose <= {problem.LowDoseFraction:G3} of its solo dose");
                rays.AddRange(run.SolveRays(ComboStage.Refine, around, scales));
            }
            var front = rays.Where(r => r.Isobole is not null).OrderBy(r => run.Burden(r.Isobole!.Value)).ThenBy(r => r.Isobole!.Value).Take(FrontRays)
                .SelectMany(r => FrontFactors.Select(f => (r, t: r.TIsobole + Math.Log(f))).Where(x => x.t <= x.r.THigh + 1e-12)
                    .Select(x => x.r.DosesAt(x.t))).ToArray();
            if (front.Length > 0)
            {
                settings.Progress?.Invoke($"Pareto front: {front.Length} points beyond the isobole along the best rays");
                run.Record(ComboStage.Front, run.Map(front.Length, i => front[i]));
            }
        }
        settings.Progress?.Invoke($"analysis: {run.Count} points evaluated");
        return ComboAnalysis.Analyse(run, drugFree, solo, reference);
    }

    private static RaySolution? BestRay(SearchRun run, List<RaySolution> rays) =>
        rays.Where(r => r.Isobole is { } i && run.ReachesAt(i)).OrderBy(r => run.Burden(r.Isobole!.Value)).ThenBy(r => r.Isobole!.Value).FirstOrDefault();

    private static IReadOnlyList<SoloResult> SoloCurves(SearchRun run, ComboOutcome drugFree)
    {
        var p = run.Problem;
        int k = p.Compounds.Count, g = Math.Max(2, run.Settings.SoloPoints);
        var grid = run.Map(k * g, i =>
        {
            var c = p.Compounds[i / g];
            var d = new double[k];
            d[i / g] = c.MinDose * Math.Pow(c.MaxDose / c.MinDose, (double)(i % g) / (g - 1));
            return d;
        });
        var gridIndices = run.Record(ComboStage.Solo, grid);
        double target = p.Benefit(p.TargetEffect), b0 = p.Benefit(drugFree.Effect);
        // Each compound's solo target dose: bisection (Illinois) in log dose between the grid doses that bracket the target.
        var traces = new List<(double[] Doses, ComboOutcome Outcome)>[k];
        Parallel.For(0, k, run.Options, c =>
        {
            var trace = new List<(double[], ComboOutcome)>();
            var points = Enumerable.Range(0, g).Select(j => (grid[c * g + j].Doses[c], p.Benefit(grid[c * g + j].Outcome.Effect))).Prepend((0.0, b0));
            if (new DoseEffectCurve(points).Bracket(target) is { } br)
            {
                bool linear = br.Lo == 0;
                double Of(double x) => linear ? x : Math.Exp(x);
                double Eval(double x)
                {
                    var d = new double[k];
                    d[c] = Of(x);
                    var o = p.Evaluate(d);
                    trace.Add((d, o));
                    return p.Benefit(o.Effect) - target;
                }
                double lo = linear ? 0 : Math.Log(br.Lo), hi = linear ? br.Hi : Math.Log(br.Hi);
                MonotoneRoot.Solve(Eval, lo, br.LoBenefit - target, hi, br.HiBenefit - target,
                    run.YTolerance, linear ? 1e-5 * br.Hi : 1e-5);
            }
            traces[c] = trace;
        });
        var result = new SoloResult[k];
        for (int c = 0; c < k; c++)
        {
            var indices = gridIndices.Skip(c * g).Take(g).Concat(run.Record(ComboStage.Solo, traces[c])).ToArray();
            result[c] = SoloOf(run, c, indices, b0, target);
        }
        return result;
    }

    /// <summary>The solo result of compound <paramref name="c"/> from its recorded points.</summary>
    internal static SoloResult SoloOf(SearchRun run, int c, IReadOnlyList<int> indices, double b0, double target)
    {
        var p = run.Problem;
        var curve = new DoseEffectCurve(indices.Select(i => (run.Raw[i].Doses[c], p.Benefit(run.Raw[i].Outcome.Effect))).Prepend((0.0, b0)));
        double dose = curve.DoseFor(target);   // the exact target: the tolerance only decides what "reaches" means
        // The reported solo effective dose is an evaluated dose (the solve's last bracket end) when one reaches the target
        // within the solver tolerance; otherwise the interpolated crossing.
        var reaching = indices.Where(i => Math.Abs(p.Benefit(run.Raw[i].Outcome.Effect) - target) <= run.YTolerance)
            .Select(i => run.Raw[i].Doses[c]).DefaultIfEmpty(double.NaN).Min();
        if (double.IsFinite(reaching)) dose = reaching;
        int best = indices.OrderByDescending(i => p.Benefit(run.Raw[i].Outcome.Effect)).ThenBy(i => i).First();
        bool reached = double.IsFinite(dose);
        return new SoloResult(p.Compounds[c], curve, reached, reached ? dose : double.NaN, run.Raw[best].Outcome.Effect, run.Raw[best].Doses[c], indices);
    }
}
