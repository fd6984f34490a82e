using System.Collections.Concurrent;
using System.Globalization;
using KetaSim.Biology.Validity;
using KetaSim.Design.Evaluation;
using KetaSim.IO.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;

namespace KetaSim.Design.Sensitivity;

/// <summary>
/// Runs one analysis of a scenario: wires the numeric cores (<see cref="LocalSensitivity"/>, <see cref="SobolIndices"/>,
/// <see cref="MorrisScreening"/>) to <see cref="ScenarioObjective.Evaluate(ReadOnlySpan{double}, int)"/>. Global methods
/// sample each parameter on [Low, High] through <see cref="Parameters.ParameterAxis.FromUnit"/> (log-uniform between
/// positive bounds). Points run in parallel, each cohort on one thread, so the result is the same for any thread count.
/// </summary>
public static class SensitivityStudy
{
    /// <summary>
    /// The parameters analysed when none are named: the base parameters of the scenario's model that are calibrated or
    /// assumed (the uncertain ones; cited values are left out), non-zero, with a plausible range, and not a patient or
    /// covariate placeholder. The same rule as docs/model/sensitivity.md.
    /// </summary>
    public static IReadOnlyList<Param> DefaultParameters(IReadOnlyList<Param> parameters) =>
        [.. parameters.Where(p => !p.IsDerived && p.Value != 0 && p.Range is not null
            && p.Provenance.Kind is ProvenanceKind.Calibrated or ProvenanceKind.Assumption
            && !p.Name.StartsWith("patient_", StringComparison.Ordinal) && !p.Name.StartsWith("covariate_", StringComparison.Ordinal))];

    public static SensitivityReport Run(ScenarioObjective objective, SensitivityOptions options, IProgress<int>? progress = null)
    {
        var axes = objective.Axes;
        int k = axes.Count;
        var nominal = objective.NominalValues();
        var metrics = objective.Metrics;
        var warnings = new List<ValidityWarning>();
        // The nominal run: validity warnings (e.g. illustrative compounds, ranges the calibration does not cover).
        var nominalRun = ScenarioEngine.RunScenario(objective.Document, objective.WithValues(nominal));
        warnings.AddRange(ValidityDomain.Check(nominalRun));
        if (options.Method != SensitivityMethod.Local)
            foreach (var a in axes)
                if (a.Parameter.Range is { } r && (a.Low < r.Low * (1 - 1e-12) || a.High > r.High * (1 + 1e-12)))
                    warnings.Add(Warn($"{a.Name} is sampled on {F(a.Low)} to {F(a.High)} {a.Unit}, beyond its plausible range {F(r.Low)} to {F(r.High)}: some runs leave what the model is calibrated for"));

        var indices = new List<SensitivityIndex>();
        double[] baseline;
        int evaluations;
        // A point where the solver fails is left out (NaN), not the end of the analysis; the warning says how many.
        // Fewer points than threads (a local analysis on a cohort): the spare threads run the cohort's subjects.
        int inner = Math.Max(1, options.Threads / Math.Max(1, options.Evaluations(k)));
        var failed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        Func<double[], double[]> atValues = v =>
        {
            try
            {
                return objective.Evaluate(v, inner);
            }
            catch (IO.Input.InputException e) when (e.Field == "solver")
            {
                failed[string.Join(", ", v.Select((x, i) => $"{axes[i].Name} = {F(x)}"))] = e.Problem;
                return [.. metrics.Select(_ => double.NaN)];
            }
        };
        switch (options.Method)
        {
            case SensitivityMethod.Local:
            {
                var r = LocalSensitivity.Compute(atValues, nominal, options.RelativeStep, options.Threads, progress);
                baseline = r.Baseline;
                evaluations = r.Evaluations;
                for (int m = 0; m < metrics.Count; m++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "S", r.S[m][i]));
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "dY/dtheta", r.Derivative[m][i]));
                    }
                    if (baseline[m] == 0)
                        warnings.Add(Warn($"{metrics[m].Text} is 0 at the nominal values, so its normalised sensitivity S is undefined; the derivative dY/dtheta is reported"));
                }
                foreach (var i in Enumerable.Range(0, k).Where(i => nominal[i] == 0))
                    warnings.Add(Warn($"{axes[i].Name} is 0 at its nominal value: it has no relative scale and its sensitivities are undefined"));
                break;
            }
            case SensitivityMethod.Sobol:
            {
                var r = SobolIndices.Compute(u => atValues(ToValues(axes, u)), k, options.N, options.Seed, options.Resamples, options.Threads, progress);
                evaluations = r.Evaluations;
                for (int m = 0; m < metrics.Count; m++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "S1", r.S1[m][i], r.S1Low[m][i], r.S1High[m][i]));
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "ST", r.ST[m][i], r.STLow[m][i], r.STHigh[m][i]));
                    }
                    if (!(r.Variance[m] > 0))
                        warnings.Add(Warn($"{metrics[m].Text} does not vary over the sampled ranges: its Sobol' indices are undefined"));
                    else if (Enumerable.Range(0, k).Any(i => r.STHigh[m][i] - r.STLow[m][i] > 0.2 || r.S1High[m][i] - r.S1Low[m][i] > 0.2))
                        warnings.Add(Warn($"{metrics[m].Text}: some 95% intervals are wider than 0.2; a larger --n (now {options.N}) narrows them"));
                }
                baseline = objective.Evaluate(nominal, options.Threads);
                evaluations++;
                break;
            }
            default:
            {
                var r = MorrisScreening.Compute(u => atValues(ToValues(axes, u)), k, options.N, options.Seed, options.Levels, options.Resamples, options.Threads, progress);
                evaluations = r.Evaluations;
                for (int m = 0; m < metrics.Count; m++)
                    for (int i = 0; i < k; i++)
                    {
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "mu", r.Mu[m][i]));
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "mu_star", r.MuStar[m][i], r.MuStarLow[m][i], r.MuStarHigh[m][i]));
                        indices.Add(new SensitivityIndex(metrics[m].Text, axes[i].Name, "sigma", r.Sigma[m][i]));
                    }
                baseline = objective.Evaluate(nominal, options.Threads);
                evaluations++;
                break;
            }
        }
        if (!failed.IsEmpty)
        {
            var first = failed.Keys.Order(StringComparer.Ordinal).First();
            string where = k <= 6 ? $" at {first}" : "";
            warnings.Add(Warn($"{failed.Count} of {evaluations} evaluations failed and are left out ({LeftOut(options.Method)}); e.g.{where}: {failed[first]}"));
        }
        if (options.Method == SensitivityMethod.Local && metrics.Any(m => m.Statistic is Outputs.MetricStatistic.ResponseAt or Outputs.MetricStatistic.RemissionAt))
            warnings.Add(Warn($"response and remission are 0/1 per subject: a ±{options.RelativeStep * 100:G3}% step moves only the few subjects near the threshold, so their local S is coarse; --method sobol or morris averages over the range"));
        if (objective.Cohort is { } c && metrics.Any(m => m.Statistic is Outputs.MetricStatistic.ResponseAt or Outputs.MetricStatistic.RemissionAt) && c.Size < 50)
            warnings.Add(Warn($"response and remission shares move in steps of 1/{c.Size} on a cohort of {c.Size}: their indices are coarse; a larger --cohort-size smooths them"));
        return new SensitivityReport(objective.Document.Scenario.Name, options, metrics, axes, nominal, baseline, indices,
            evaluations, objective.Cohort, warnings) { FailedEvaluations = failed.Count };
    }

    /// <summary>Unit-cube point → parameter values (log-uniform between positive bounds).</summary>
    public static double[] ToValues(IReadOnlyList<Parameters.ParameterAxis> axes, double[] u)
    {
        var v = new double[u.Length];
        for (int i = 0; i < u.Length; i++) v[i] = axes[i].FromUnit(u[i]);
        return v;
    }

    private static string LeftOut(SensitivityMethod method) => method switch
    {
        SensitivityMethod.Local => "the sensitivities that need them are undefined",
        SensitivityMethod.Sobol => "their Saltelli rows are dropped",
        _ => "the elementary effects through them are dropped",
    };

    private static ValidityWarning Warn(string message) => new(SensitivityReport.WarningCode, message);

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
