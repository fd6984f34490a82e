namespace KetaSim.Design.Combination;

/// <summary>One search in progress: the problem, every point evaluated so far (in record order) and the parallel helpers.</summary>
internal sealed class SearchRun(ComboProblem problem, ComboSettings settings)
{
    public ComboProblem Problem { get; } = problem;
    public ComboSettings Settings { get; } = settings;
    public List<(ComboStage Stage, double[] Doses, ComboOutcome Outcome)> Raw { get; } = [];
    public ParallelOptions Options { get; } = new() { MaxDegreeOfParallelism = Math.Max(1, settings.Threads) };
    private ComboOutcome? _drugFree;

    public int Count => Raw.Count;

    /// <summary>How close to the target a solve stops: a quarter of the tolerance (so a solved point reaches), at least a hair above 0.</summary>
    public double YTolerance => Math.Max(Problem.Tolerance / 4, 1e-9 * Math.Max(1, Math.Abs(Problem.TargetEffect)));

    public ComboOutcome DrugFree => _drugFree ??= Problem.Evaluate(new double[Problem.Compounds.Count]);

    /// <summary>Evaluates n dose vectors in parallel into slots 0..n−1.</summary>
    public (double[] Doses, ComboOutcome Outcome)[] Map(int n, Func<int, double[]> doses)
    {
        var result = new (double[], ComboOutcome)[n];
        Parallel.For(0, n, Options, i =>
        {
            var d = doses(i);
            result[i] = (d, Problem.Evaluate(d));
        });
        return result;
    }

    /// <summary>Appends evaluated points in the given order; returns their indices.</summary>
    public int[] Record(ComboStage stage, IEnumerable<(double[] Doses, ComboOutcome Outcome)> points)
    {
        var indices = new List<int>();
        foreach (var (d, o) in points)
        {
            indices.Add(Raw.Count);
            Raw.Add((stage, d, o));
        }
        return [.. indices];
    }

    public double Burden(int index) => Problem.WeightedBurden(Raw[index].Outcome.BurdenValues, DrugFree.BurdenValues);

    public bool ReachesAt(int index) => Problem.Reaches(Raw[index].Outcome.Effect);

    /// <summary>
    /// Solves each mixture ray for the target in parallel (each ray's evaluations in sequence) and records the rays' points in
    /// ray order. A ray scales the mixture <c>dᵢ = wᵢ·scaleᵢ·e^t</c> (scale: the solo effective dose, or the range top when
    /// the compound alone never reaches the target), with t limited so every dose stays inside its range.
    /// </summary>
    public IReadOnlyList<RaySolution> SolveRays(ComboStage stage, double[][] weights, double[] scales)
    {
        int k = Problem.Compounds.Count;
        double target = Problem.Benefit(Problem.TargetEffect);
        var traces = new List<(double T, double[] Doses, ComboOutcome Outcome)>[weights.Length];
        var rays = new RaySolution[weights.Length];
        Parallel.For(0, weights.Length, Options, r =>
        {
            var w = weights[r];
            var anchor = Enumerable.Range(0, k).Select(i => w[i] * scales[i]).ToArray();
            double tLo = Enumerable.Range(0, k).Max(i => Math.Log(Problem.Compounds[i].MinDose / anchor[i]));
            double tHi = Enumerable.Range(0, k).Min(i => Math.Log(Problem.Compounds[i].MaxDose / anchor[i]));
            var ray = new RaySolution(w, anchor, tLo, tHi);
            var trace = new List<(double, double[], ComboOutcome)>();
            traces[r] = trace;
            rays[r] = ray;
            if (!(tLo <= tHi)) return;   // no dose vector on this ray lies inside every range
            double G(double t)
            {
                var d = ray.DosesAt(t);
                var o = Problem.Evaluate(d);
                trace.Add((t, d, o));
                return Problem.Benefit(o.Effect) - target;
            }
            double gHi = G(tHi);
            if (gHi < 0) return;   // even the top of the ray falls short
            if (tHi - tLo < 1e-9) { rays[r] = ray with { TIsobole = tHi }; return; }
            double gLo = G(tLo);
            double tIso = gLo >= 0 ? tLo : MonotoneRoot.Solve(G, tLo, gLo, tHi, gHi, YTolerance, 1e-5);
            rays[r] = ray with { TIsobole = tIso };
        });
        var solved = new List<RaySolution>();
        for (int r = 0; r < rays.Length; r++)
        {
            var indices = Record(stage, traces[r].Select(x => (x.Doses, x.Outcome)));
            int? iso = null;
            if (double.IsFinite(rays[r].TIsobole))
                for (int j = 0; j < traces[r].Count; j++)
                    if (traces[r][j].T == rays[r].TIsobole) iso = indices[j];
            solved.Add(rays[r] with { Isobole = iso, PointIndices = indices });
        }
        return solved;
    }
}

/// <summary>One mixture ray: weights, the dose vector at t = 0, the t range inside the box, and the isobole point found on it.</summary>
internal sealed record RaySolution(double[] Weights, double[] Anchor, double TLow, double THigh)
{
    public double TIsobole { get; init; } = double.NaN;
    public int? Isobole { get; init; }
    public int[] PointIndices { get; init; } = [];

    public double[] DosesAt(double t) => Anchor.Select(a => a * Math.Exp(t)).ToArray();
}
