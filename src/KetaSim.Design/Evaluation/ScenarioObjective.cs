using KetaSim.Biology.Scenarios;
using KetaSim.Design.Outputs;
using KetaSim.Design.Parameters;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Sampling;

namespace KetaSim.Design.Evaluation;

/// <summary>
/// A scenario as a function of its parameters: set the axes' values as overrides, run (one typical patient, or
/// a <see cref="Cohort"/>), and read the metrics. What sensitivity analysis, fitting and the designers call.
/// Thread-safe: every evaluation builds its own scenario and run; the compiled model is shared.
/// </summary>
public sealed class ScenarioObjective
{
    public ScenarioDocument Document { get; }
    public Scenario Template { get; }
    public IReadOnlyList<ParameterAxis> Axes { get; }
    public IReadOnlyList<OutputMetric> Metrics { get; }
    public Cohort? Cohort { get; }

    public ScenarioObjective(ScenarioDocument document, IReadOnlyList<ParameterAxis> axes, IReadOnlyList<OutputMetric> metrics, Cohort? cohort = null,
        Scenario? scenario = null)
    {
        Document = document;
        Axes = axes;
        Metrics = metrics;
        Cohort = cohort;
        var s = scenario ?? document.Scenario;
        foreach (var m in metrics.Where(m => m.HasTime))
            if (m.TimeHours > s.DurationHours * (1 + 1e-12))
                throw new InputException(document.File, document.LineOf("duration"), "metric", m.Text,
                    $"its time {OutputMetric.F(m.TimeHours)} h is after the scenario ends ({OutputMetric.F(s.DurationHours)} h)",
                    "a time within the scenario's duration, or a longer duration in the scenario file");
        // Only the metrics' times are needed unless a metric reads the whole curve: a sparse grid is most of the saving.
        var observables = metrics.Select(m => m.Observable).Distinct(StringComparer.Ordinal).ToArray();
        Template = metrics.Any(m => m.NeedsWholeCurve)
            ? s with { Observables = observables }
            : s with { Observables = observables, OutputTimesHours = metrics.Select(m => m.TimeHours).Append(0).Distinct().Order().ToArray() };
    }

    /// <summary>The observables of the scenario's model (what metrics may name).</summary>
    public static IReadOnlyCollection<string> ObservablesOf(Scenario scenario) =>
        ScenarioEngine.ModelOf(scenario).Observables.Select(o => o.Name).ToArray();

    /// <summary>The scenario with the axes set to <paramref name="values"/> (one per axis, in the axes' units).</summary>
    public Scenario WithValues(ReadOnlySpan<double> values)
    {
        if (values.Length != Axes.Count) throw new ArgumentException($"Expected {Axes.Count} values, got {values.Length}.", nameof(values));
        var overrides = new Dictionary<string, double>(Template.ParameterOverrides, StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++) overrides[Axes[i].Name] = values[i];
        return Template with { ParameterOverrides = overrides };
    }

    /// <summary>The axes' nominal values (the scenario's override where it sets one, else the model default).</summary>
    public double[] NominalValues() => Axes.Select(a => Template.ParameterOverrides.TryGetValue(a.Name, out var v) ? v : a.Nominal).ToArray();

    /// <summary>The metrics at <paramref name="values"/>: one run, or the cohort mean (subjects in parallel up to <paramref name="maxThreads"/>).</summary>
    public double[] Evaluate(ReadOnlySpan<double> values, int maxThreads = 1) => Evaluate(WithValues(values), maxThreads);

    /// <summary>The metrics of <paramref name="scenario"/> (a variant of <see cref="Template"/>).</summary>
    public double[] Evaluate(Scenario scenario, int maxThreads = 1)
    {
        if (Cohort is not { } cohort) return Read(ScenarioEngine.RunScenario(Document, scenario));
        var perSubject = new double[cohort.Size][];
        Parallel.For(0, cohort.Size, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxThreads) }, i =>
        {
            var subject = PopulationSampler.Sample(cohort.Population, cohort.Seed, i);
            perSubject[i] = Read(ScenarioEngine.RunScenario(Document, subject.Apply(scenario)));
        });
        // Summed in subject order: the same result whatever the thread count.
        var mean = new double[Metrics.Count];
        foreach (var row in perSubject)
            for (int m = 0; m < mean.Length; m++) mean[m] += row[m];
        for (int m = 0; m < mean.Length; m++) mean[m] /= cohort.Size;
        return mean;
    }

    /// <summary>The metrics of one finished run.</summary>
    public double[] Read(ScenarioRun run)
    {
        var result = new double[Metrics.Count];
        var t = run.Result.TimesHours;
        for (int m = 0; m < Metrics.Count; m++)
            result[m] = Metrics[m].Evaluate(t, ScenarioEngine.SeriesOf(run, Metrics[m].Observable).Values);
        return result;
    }
}
