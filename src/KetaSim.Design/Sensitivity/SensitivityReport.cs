using KetaSim.Biology.Validity;
using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.Design.Parameters;

namespace KetaSim.Design.Sensitivity;

/// <summary>What one analysis found: its settings, the parameters and metrics, every index, and the warnings.</summary>
public sealed record SensitivityReport(
    string Scenario,
    SensitivityOptions Options,
    IReadOnlyList<OutputMetric> Metrics,
    IReadOnlyList<ParameterAxis> Parameters,
    double[] Nominal,
    double[] Baseline,
    IReadOnlyList<SensitivityIndex> Indices,
    int Evaluations,
    Cohort? Cohort,
    IReadOnlyList<ValidityWarning> Warnings)
{
    /// <summary>Code of the analysis' own warnings (undefined indices, noisy estimates, bounds past the plausible range).</summary>
    public const string WarningCode = "sensitivity";

    public SensitivityMethod Method => Options.Method;

    /// <summary>Evaluations left out because the model could not be run there (the solver failed).</summary>
    public int FailedEvaluations { get; init; }

    /// <summary>The index parameters are ranked by: |S| (local), ST (Sobol'), μ* (Morris).</summary>
    public string RankingIndex => Method switch
    {
        SensitivityMethod.Local => "S",
        SensitivityMethod.Sobol => "ST",
        _ => "mu_star",
    };

    /// <summary>The indices of one metric called <paramref name="index"/>, most influential parameter first (undefined values last).</summary>
    public IReadOnlyList<SensitivityIndex> Ranked(string metric, string index) =>
        [.. Indices.Where(x => x.Metric == metric && x.Index == index)
            .OrderByDescending(x => double.IsFinite(x.Value) ? Math.Abs(x.Value) : double.NegativeInfinity)
            .ThenBy(x => x.Parameter, StringComparer.Ordinal)];

    /// <summary>Index <paramref name="index"/> of <paramref name="metric"/> to <paramref name="parameter"/>.</summary>
    public SensitivityIndex Get(string metric, string parameter, string index) =>
        Indices.Single(x => x.Metric == metric && x.Parameter == parameter && x.Index == index);

    /// <summary>How each parameter is sampled, for outputs: "log-uniform" between positive bounds, else "uniform".</summary>
    public static string ScaleOf(ParameterAxis axis) => axis.Positive ? "log-uniform" : "uniform";
}
