using System.Globalization;

namespace KetaSim.Design.Combination;

/// <summary>From the evaluated points to the answer: burden, target reached, fractions of solo doses, Loewe CI, Bliss excess,
/// the Pareto front, the best combination, the low-dose verdict.</summary>
public static class ComboAnalysis
{
    internal static ComboResult Analyse(SearchRun run, ComboOutcome drugFree, IReadOnlyList<SoloResult> solo, ComboReference? reference)
    {
        var p = run.Problem;
        int k = p.Compounds.Count;
        double b0 = p.Benefit(drugFree.Effect), target = p.Benefit(p.TargetEffect);
        var (emax, emaxSource) = MaxEffect(run, b0);

        int? lowDose = null, best = null;
        var points = Build(run, drugFree, solo, b0, emax);
        // The best combination is chosen among combinations (every compound given; the solo curves are reported as such), by least
        // burden, then least total drug in units of the solo effective doses (Σ fractions: with several side-effect-free
        // compounds many points tie at burden 0), then more benefit.
        // At equal effect: among the combinations on the target (within the tolerance either side) when there are any, so the
        // comparison with the reference is at the same effect, not one bought with more drug; else among all that reach it.
        var reaching = points.Where(x => x.Reaches && IsCombination(x, k)).ToArray();
        var onTarget = reaching.Where(x => p.Benefit(x.Effect) <= target + Math.Max(p.Tolerance, run.YTolerance)).ToArray();
        if (onTarget.Length > 0) reaching = onTarget;
        best = reaching.OrderBy(x => x.Burden).ThenBy(x => x.Fractions.Sum()).ThenByDescending(x => p.Benefit(x.Effect)).ThenBy(x => x.Index)
            .Select(x => (int?)x.Index).FirstOrDefault();
        lowDose = reaching.Where(x => x.Fractions.All(f => f <= p.LowDoseFraction * (1 + 1e-9)))
            .OrderBy(x => x.Burden).ThenBy(x => x.Fractions.Sum()).ThenByDescending(x => p.Benefit(x.Effect)).ThenBy(x => x.Index)
            .Select(x => (int?)x.Index).FirstOrDefault();
        int bestReachable = points.Where(x => IsCombination(x, k)).DefaultIfEmpty(points[0])
            .OrderByDescending(x => p.Benefit(x.Effect)).ThenBy(x => x.Burden).ThenBy(x => x.Index).First().Index;

        // Exact Loewe and Bliss for the points the report is about: solo runs at exactly their effect and doses.
        var exact = new[] { best, lowDose }.Where(i => i is not null).Select(i => i!.Value).Distinct().ToArray();
        var exactValues = Exact(run, exact, solo, b0, emax);
        points = Build(run, drugFree, solo, b0, emax);   // the solo curves now include the exact runs' points (appended to the record)
        for (int j = 0; j < exact.Length; j++)
            points[exact[j]] = points[exact[j]] with { CiLow = exactValues[j].CiLow, CiHigh = exactValues[j].CiHigh, BlissExcess = exactValues[j].Bliss, Exact = true };

        var pareto = ParetoFront.Of(points.Where(x => x.Reaches && IsCombination(x, k)).Select(x => (x.Index, p.Benefit(x.Effect), x.Burden)));
        foreach (var i in pareto) points[i] = points[i] with { OnPareto = true };
        if (reference is not null)
        {
            var harms = p.Burden.Select((b, i) => b.Harm(reference.Outcome.BurdenValues[i], drugFree.BurdenValues[i])).ToArray();
            reference = reference with { Harms = harms, Burden = p.WeightedBurden(reference.Outcome.BurdenValues, drugFree.BurdenValues) };
        }
        var verdict = Verdict(p, points, best, lowDose, bestReachable, solo, reference);
        return new ComboResult(p, run.Settings, drugFree, solo, points, pareto, best, bestReachable, emax, emaxSource, reference, verdict);
    }

    private static (double Value, string Source) MaxEffect(SearchRun run, double b0)
    {
        var p = run.Problem;
        if (p.MaxEffect is { } m) return (Math.Abs(m), p.MaxEffectSource);
        double seen = run.Raw.Select(x => p.Benefit(x.Outcome.Effect) - b0).DefaultIfEmpty(0).Max();
        return seen > 0 ? (seen, "the largest drug effect seen in the search (no maximal effect given)") : (double.NaN, "no drug effect seen");
    }

    private static ComboPoint[] Build(SearchRun run, ComboOutcome drugFree, IReadOnlyList<SoloResult> solo, double b0, double emax)
    {
        var p = run.Problem;
        int k = p.Compounds.Count;
        // Solo curves over every solo point recorded so far (the exact runs add to them).
        var curves = Enumerable.Range(0, k).Select(c => new DoseEffectCurve(run.Raw.Where(x => x.Stage == ComboStage.Solo && IsSolo(x.Doses, c))
            .Select(x => (x.Doses[c], p.Benefit(x.Outcome.Effect))).Prepend((0.0, b0)))).ToArray();
        var points = new ComboPoint[run.Count];
        for (int i = 0; i < run.Count; i++)
        {
            var (stage, d, o) = run.Raw[i];
            var harms = p.Burden.Select((b, j) => b.Harm(o.BurdenValues[j], drugFree.BurdenValues[j])).ToArray();
            var fractions = new double[k];
            var bound = new bool[k];
            for (int c = 0; c < k; c++)
            {
                bound[c] = !solo[c].Reached;
                fractions[c] = d[c] / (solo[c].Reached ? solo[c].EffectiveDose : p.Compounds[c].MaxDose);
            }
            double benefit = p.Benefit(o.Effect);
            var (ciLo, ciHi) = Loewe(d, benefit, b0, c => curves[c].DoseFor(benefit), p);
            double bliss = Bliss(d, benefit, b0, emax, c => curves[c].BenefitAt(d[c]));
            points[i] = new ComboPoint(i, stage, d, o.Effect, o.BurdenValues, harms, p.WeightedBurden(o.BurdenValues, drugFree.BurdenValues), p.Reaches(o.Effect))
            {
                Fractions = fractions, FractionIsBound = bound, CiLow = ciLo, CiHigh = ciHi, BlissExcess = bliss,
            };
        }
        return points;
    }

    /// <summary>Every compound given (with one compound: any point).</summary>
    internal static bool IsCombination(ComboPoint x, int k) => k == 1 || x.Doses.All(d => d > 0);

    private static bool IsSolo(double[] d, int c)
    {
        for (int j = 0; j < d.Length; j++)
            if ((j == c) != (d[j] > 0)) return false;
        return true;
    }

    /// <summary>
    /// Loewe combination index (Loewe &amp; Muischnek 1926; Chou &amp; Talalay 1984): CI = Σ dᵢ / Dᵢ(E), Dᵢ(E) the dose of compound i
    /// alone that gives the combination's effect E. Where Dᵢ lies beyond the searched range its term is only known to be below
    /// dᵢ ÷ range top, so the index is an interval [terms known, terms known + those bounds].
    /// </summary>
    internal static (double Low, double High) Loewe(double[] d, double benefit, double b0, Func<int, double> soloDoseFor, ComboProblem p)
    {
        if (!(benefit > b0)) return (double.NaN, double.NaN);
        double lo = 0, hi = 0;
        for (int c = 0; c < d.Length; c++)
        {
            if (d[c] <= 0) continue;
            double dc = soloDoseFor(c);
            if (double.IsPositiveInfinity(dc)) hi += d[c] / p.Compounds[c].MaxDose;
            else
            {
                lo += d[c] / dc;
                hi += d[c] / dc;
            }
        }
        return (lo, hi);
    }

    /// <summary>
    /// Bliss excess (Bliss 1939): the observed fractional effect minus the independent-action expectation 1 − Π(1 − fᵢ), with
    /// every effect taken as the drug effect (benefit above the drug-free run) divided by the maximal effect, clamped to [0, 1].
    /// </summary>
    internal static double Bliss(double[] d, double benefit, double b0, double emax, Func<int, double> soloBenefitAt)
    {
        if (!(emax > 0)) return double.NaN;
        double none = 1;
        for (int c = 0; c < d.Length; c++)
            if (d[c] > 0) none *= 1 - Math.Clamp((soloBenefitAt(c) - b0) / emax, 0, 1);
        return Math.Clamp((benefit - b0) / emax, 0, 1) - (1 - none);
    }

    /// <summary>CI and Bliss from solo runs at exactly each point's doses (Bliss) and effect (Loewe: the solo dose solved for it).</summary>
    private static (double CiLow, double CiHigh, double Bliss)[] Exact(SearchRun run, int[] indices, IReadOnlyList<SoloResult> solo, double b0, double emax)
    {
        var p = run.Problem;
        int k = p.Compounds.Count;
        int n = indices.Length;
        var soloDose = new double[n, k];
        var soloBenefit = new double[n, k];
        var traces = new List<(double[] Doses, ComboOutcome Outcome)>[n * k];
        Parallel.For(0, n * k, run.Options, task =>
        {
            int j = task / k, c = task % k;
            var point = run.Raw[indices[j]];
            var trace = new List<(double[], ComboOutcome)>();
            traces[task] = trace;
            if (point.Doses[c] <= 0) return;
            double level = p.Benefit(point.Outcome.Effect);
            ComboOutcome Run(double dose)
            {
                var d = new double[k];
                d[c] = dose;
                var o = p.Evaluate(d);
                trace.Add((d, o));
                return o;
            }
            soloBenefit[j, c] = p.Benefit(Run(point.Doses[c]).Effect);
            var br = solo[c].Curve.Bracket(level);
            if (br is null) { soloDose[j, c] = solo[c].Curve.DoseFor(level); return; }
            bool linear = br.Value.Lo == 0;
            double found = MonotoneRoot.Solve(x => p.Benefit(Run(linear ? x : Math.Exp(x)).Effect) - level,
                linear ? 0 : Math.Log(br.Value.Lo), br.Value.LoBenefit - level, linear ? br.Value.Hi : Math.Log(br.Value.Hi), br.Value.HiBenefit - level,
                1e-6 * Math.Max(1, Math.Abs(level)), 1e-7);
            soloDose[j, c] = linear ? found : Math.Exp(found);
        });
        for (int t = 0; t < traces.Length; t++) run.Record(ComboStage.Solo, traces[t]);
        var result = new (double, double, double)[n];
        for (int j = 0; j < n; j++)
        {
            var point = run.Raw[indices[j]];
            double benefit = p.Benefit(point.Outcome.Effect);
            int row = j;
            var (lo, hi) = Loewe(point.Doses, benefit, b0, c => soloDose[row, c], p);
            result[j] = (lo, hi, Bliss(point.Doses, benefit, b0, emax, c => soloBenefit[row, c]));
        }
        return result;
    }

    private static ComboVerdict Verdict(ComboProblem p, ComboPoint[] points, int? best, int? lowDose, int bestReachable, IReadOnlyList<SoloResult> solo, ComboReference? reference)
    {
        string frac = Fraction(p.LowDoseFraction);
        string targetText = $"{p.EffectMetric} {(p.Sense == EffectSense.LowerIsBetter ? "<=" : ">=")} {F(p.TargetEffect)}" +
            (p.Tolerance > 0 ? $" (tolerance {F(p.Tolerance)})" : "");
        var shown = lowDose ?? best;
        var components = new List<(string, double, double, bool)>();
        if (shown is { } s && reference is not null)
            for (int i = 0; i < p.Burden.Count; i++)
                components.Add((p.Burden[i].Metric, points[s].Harms[i], reference.Harms[i], points[s].Harms[i] < reference.Harms[i] - 1e-9));
        string text;
        if (best is null)
        {
            var r = points[bestReachable];
            text = $"NOT REACHED: no combination in the searched ranges reaches {targetText}. Best reachable: {p.EffectMetric} {F(r.Effect)} at " +
                Doses(p, r) + ".";
        }
        else if (lowDose is null)
        {
            var b = points[best.Value];
            text = $"The target {targetText} is reached (least burden at {Doses(p, b)}), but no combination reaching it keeps every dose at or below " +
                $"{frac} of its solo effective dose; the best combination's fractions: {Fractions(p, b)}.";
        }
        else
        {
            var l = points[lowDose.Value];
            text = $"REACHED with every dose at most {frac} of its solo effective dose: {p.EffectMetric} {F(l.Effect)} at {Doses(p, l)} (fractions {Fractions(p, l)}).";
        }
        if (components.Count > 0)
        {
            var ref_ = reference!;
            text += $" Burden terms (each on its harm scale, higher is worse) against {ref_.Label}: " + string.Join("; ", components.Select(c =>
                $"{c.Item1} {F(c.Item2)} vs {F(c.Item3)} ({(c.Item4 ? "lower" : c.Item2 > c.Item3 + 1e-9 ? "HIGHER" : "not lower")})")) + ".";
        }
        var unreached = solo.Where(x => !x.Reached).Select(x => x.Compound.Name).ToArray();
        if (unreached.Length > 0)
            text += $" Alone, {string.Join(", ", unreached)} never reach{(unreached.Length == 1 ? "es" : "")} the target in the range: {(unreached.Length == 1 ? "its" : "their")} fraction is dose / range top, an upper bound.";
        return new ComboVerdict(best is not null, lowDose is not null, lowDose, components, text);
    }

    public static string Doses(ComboProblem p, ComboPoint x) =>
        string.Join(" + ", p.Compounds.Select((c, i) => $"{c.Label} {F(x.Doses[i])} {c.DoseUnit}"));

    public static string Fractions(ComboProblem p, ComboPoint x) =>
        string.Join(", ", p.Compounds.Select((c, i) => $"{(x.FractionIsBound[i] ? "<=" : "")}{x.Fractions[i].ToString("0.###", CultureInfo.InvariantCulture)}"));

    public static string Fraction(double f) => Math.Abs(f - 1.0 / 3) < 1e-6 ? "1/3" : Math.Abs(f - 0.5) < 1e-9 ? "1/2" : F(f);

    public static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
