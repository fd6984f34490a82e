using KetaSim.Biology.Scenarios;
using KetaSim.Design.Outputs;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Fitting;

/// <summary>
/// The predictions of a set of experiments: each experiment's scenario with the fitted parameters as overrides
/// (shared ones everywhere, local ones in their experiment), run once and read at its observation times.
/// Every (point, experiment) pair is one independent run, evaluated in parallel into its own slot.
/// </summary>
public sealed class ScenarioFitModel(IReadOnlyList<FitParameter> parameters, IReadOnlyList<FitExperiment> experiments, IReadOnlyList<Observation> observations) : IFitModel
{
    public IReadOnlyList<FitParameter> Parameters { get; } = parameters;
    public IReadOnlyList<FitExperiment> Experiments { get; } = experiments;
    public IReadOnlyList<Observation> Observations { get; } = observations;

    /// <summary>The first failure of a run since the last call (a solver that gave up), for messages.</summary>
    public InputException? LastFailure { get; private set; }

    public double[][] Predict(IReadOnlyList<double[]> points, int threads)
    {
        var result = new double[points.Count][];
        for (int k = 0; k < points.Count; k++) result[k] = new double[Observations.Count];
        int e = Experiments.Count;
        InputException? failure = null;
        Parallel.For(0, points.Count * e, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, item =>
        {
            int k = item / e;
            var experiment = Experiments[item % e];
            try
            {
                var run = ScenarioEngine.RunScenario(experiment.Document, ScenarioOf(experiment, points[k]));
                Read(run, experiment, result[k]);
            }
            catch (InputException x)
            {
                Interlocked.CompareExchange(ref failure, x, null);
                foreach (var i in experiment.Observations) result[k][i] = double.NaN;
            }
        });
        LastFailure = failure;
        return result;
    }

    /// <summary>The experiment's fitting scenario with the parameter vector <paramref name="theta"/> applied.</summary>
    public static Scenario ScenarioOf(FitExperiment experiment, IReadOnlyList<double> theta, Scenario? baseScenario = null)
    {
        var s = baseScenario ?? experiment.Template;
        var overrides = new Dictionary<string, double>(s.ParameterOverrides, StringComparer.Ordinal);
        foreach (var (name, index) in experiment.Settings) overrides[name] = theta[index];
        return s with { ParameterOverrides = overrides };
    }

    /// <summary>The experiment's observations predicted by <paramref name="run"/>, written into <paramref name="into"/> at their indices.</summary>
    public void Read(ScenarioRun run, FitExperiment experiment, double[] into)
    {
        var t = run.Result.TimesHours;
        var series = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var i in experiment.Observations)
        {
            var o = Observations[i];
            if (!series.TryGetValue(o.Observable, out var values)) series[o.Observable] = values = ScenarioEngine.SeriesOf(run, o.Observable).Values;
            into[i] = OutputMetric.At(t, values, o.TimeHours);
        }
    }
}
