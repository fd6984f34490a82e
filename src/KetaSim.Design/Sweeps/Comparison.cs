using KetaSim.Biology.Mechanism;
using KetaSim.IO.Input;
using KetaSim.IO.Output;
using KetaSim.IO.Scenarios;
using KetaSim.Modeling.Models;

namespace KetaSim.Design.Sweeps;

/// <summary>One variant's run: each compared observable's values on the comparison's time grid (null where its model lacks it).</summary>
public sealed record VariantResult(Variant Variant, IReadOnlyList<double[]?> Values)
{
    /// <summary>Where this variant's run leaves the validity domain (docs/validity.md); empty inside it.</summary>
    public IReadOnlyList<Biology.Validity.ValidityWarning> Warnings { get; init; } = [];

    /// <summary>The comparison's <see cref="Comparison.Metrics"/> for this variant (NaN where its model lacks the observable).</summary>
    public IReadOnlyList<double> MetricValues { get; init; } = [];
}

/// <summary>Summary of one curve: start, peak and trough with their times, AUC (linear trapezoid) and end value.</summary>
public sealed record CurveMetrics(double Start, double Peak, double TimeOfPeakHours, double Trough, double TimeOfTroughHours, double Auc, double End)
{
    public static CurveMetrics Of(double[] timesHours, double[] values)
    {
        int iMax = 0, iMin = 0;
        double auc = 0;
        for (int k = 0; k < values.Length; k++)
        {
            if (values[k] > values[iMax]) iMax = k;
            if (values[k] < values[iMin]) iMin = k;
            if (k > 0) auc += 0.5 * (values[k] + values[k - 1]) * (timesHours[k] - timesHours[k - 1]);
        }
        return new CurveMetrics(values[0], values[iMax], timesHours[iMax], values[iMin], timesHours[iMin], auc, values[^1]);
    }
}

/// <summary>The scenario run once per variant, on one time grid, for the chosen observables.</summary>
public sealed record Comparison(
    string ScenarioName, IReadOnlyList<Variation> Variations, double[] TimesHours,
    IReadOnlyList<string> Observables, IReadOnlyList<string> Units, IReadOnlyList<VariantResult> Results)
{
    /// <summary>How the variations were combined.</summary>
    public CombinationMode Combination { get; init; } = CombinationMode.Factorial;

    /// <summary>Scalar outputs (<c>--metric</c>) tabulated per variant; empty when none was asked for.</summary>
    public IReadOnlyList<Outputs.OutputMetric> Metrics { get; init; } = [];

    /// <summary>Compared when <c>--observables</c> is not given, each if the models have it (MADRS in humans, the
    /// behavioural index in mice); else the concentrations.</summary>
    public static IReadOnlyList<string> PreferredObservables { get; } =
        [MechanismNames.PyrReactivation, MechanismNames.SpineDensityRel, MechanismNames.Madrs, Biology.Symptoms.SymptomNames.StressBehaviourIndex];

    /// <summary>
    /// Runs every variant (in parallel: the compiled models are shared, each run has its own state).
    /// <paramref name="observables"/> empty picks the defaults; a name no variant's model has is an input error.
    /// </summary>
    public static Comparison Run(ScenarioDocument document, IReadOnlyList<Variation> variations, IReadOnlyList<string> observables,
        CombinationMode combination = CombinationMode.Factorial, IReadOnlyList<string>? metrics = null)
    {
        var variants = KetaSim.Design.Sweeps.Variations.Expand(document, variations, ScenarioEngine.Catalog, combination);
        var models = variants.Select(v => ScenarioEngine.ModelOf(v.Scenario)).ToArray();
        var chosen = Choose(document, variants, models, observables);
        var known = models.SelectMany(m => m.Observables.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        var parsed = (metrics ?? []).Select(m => Outputs.OutputMetric.Parse(m, known, document.File, "--metric")).ToArray();
        foreach (var m in parsed.Where(m => m.HasTime && variants.Any(v => m.TimeHours > v.Scenario.DurationHours * (1 + 1e-12))))
            throw new InputException(document.File, document.LineOf("duration"), "--metric", m.Text,
                $"its time {Outputs.OutputMetric.F(m.TimeHours)} h is after the scenario ends ({Outputs.OutputMetric.F(document.Scenario.DurationHours)} h)",
                "a time within the scenario's duration");

        var runs = new Biology.Scenarios.ScenarioRun[variants.Count];
        Parallel.For(0, variants.Count, i => runs[i] = ScenarioEngine.RunScenario(document, variants[i].Scenario));

        var times = runs[0].Result.TimesHours;
        var units = chosen.Select(name => models.Select(m => m.HasObservable(name) ? m.Observables[m.ObservableIndex(name)].Unit : null)
            .FirstOrDefault(u => u is not null) ?? "").ToArray<string>();
        var results = runs.Select((run, i) => new VariantResult(variants[i], chosen.Select(name =>
        {
            if (!run.Result.Model.HasObservable(name)) return null;
            var values = ScenarioEngine.SeriesOf(run, name).Values;
            return SameGrid(run.Result.TimesHours, times) ? values : Interpolate(run.Result.TimesHours, values, times);
        }).ToArray())
        {
            Warnings = Biology.Validity.ValidityDomain.Check(run),
            MetricValues = parsed.Select(m => run.Result.Model.HasObservable(m.Observable)
                ? m.Evaluate(run.Result.TimesHours, ScenarioEngine.SeriesOf(run, m.Observable).Values) : double.NaN).ToArray(),
        }).ToArray();
        return new Comparison(document.Scenario.Name, variations, times, chosen, units, results) { Combination = combination, Metrics = parsed };
    }

    private static IReadOnlyList<string> Choose(ScenarioDocument document, IReadOnlyList<Variant> variants, IReadOnlyList<Model> models, IReadOnlyList<string> requested)
    {
        var known = models.SelectMany(m => m.Observables.Select(o => o.Name)).Distinct(StringComparer.Ordinal).ToArray();
        if (requested.Count > 0)
        {
            foreach (var name in requested)
                if (!known.Contains(name))
                    throw new InputException(document.File, 0, "--observables", name,
                        $"no variant's model has this observable{NearestName.Hint(name, known)}", string.Join(", ", known));
            return requested.Distinct(StringComparer.Ordinal).ToArray();
        }
        var preferred = PreferredObservables.Where(known.Contains).ToArray();
        if (preferred.Length > 0) return preferred;
        // PK-only comparison: the dosed compounds' plasma concentrations (each variant's own defaults, in order).
        var pk = variants.SelectMany(v => Biology.Scenarios.ScenarioRunner.ModulesFor(v.Scenario).SelectMany(m => m.DefaultObservables))
            .Distinct(StringComparer.Ordinal).ToArray();
        var plasma = pk.Where(n => n.Contains("_plasma_", StringComparison.Ordinal)).ToArray();
        return plasma.Length > 0 ? plasma : pk;
    }

    private static bool SameGrid(double[] a, double[] b) => a.Length == b.Length && a.AsSpan().SequenceEqual(b);

    /// <summary>Linear interpolation of (t, y) at <paramref name="at"/> (the variants' grids differ only by dose times).</summary>
    public static double[] Interpolate(double[] t, double[] y, double[] at)
    {
        var result = new double[at.Length];
        int j = 0;
        for (int k = 0; k < at.Length; k++)
        {
            while (j < t.Length - 2 && t[j + 1] < at[k]) j++;
            if (at[k] <= t[0]) result[k] = y[0];
            else if (at[k] >= t[^1]) result[k] = y[^1];
            else
            {
                double w = (at[k] - t[j]) / (t[j + 1] - t[j]);
                result[k] = y[j] + w * (y[j + 1] - y[j]);
            }
        }
        return result;
    }
}
