namespace KetaSim.Design.Fitting;

/// <summary>A read and checked fit: the spec's name, the experiments, the parameters, the observations, the weighting and the model that predicts them.</summary>
public sealed record FitProblem(string Name, string SpecFile, string DataFile, IReadOnlyList<FitExperiment> Experiments, IReadOnlyList<FitParameter> Parameters,
    IReadOnlyList<Observation> Observations, Weighting Weights, FitData Data, bool Profiles)
{
    public ScenarioFitModel Model { get; } = new(Parameters, Experiments, Observations);

    /// <summary>True when some parameter is local (one value per experiment).</summary>
    public bool HasLocal => Parameters.Any(p => p.Experiment is not null);
}
