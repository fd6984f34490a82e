namespace KetaSim.IO.Output;

/// <summary>One observable's time course as written to the outputs.</summary>
/// <param name="Name">Machine name, e.g. <c>ketamine_plasma_ng_per_ml</c> (the CSV column).</param>
/// <param name="Unit">Unit of the values, e.g. <c>ng/mL</c>.</param>
/// <param name="Description">Human description for plot legends; may be empty.</param>
public sealed record ObservableSeries(string Name, string Unit, string Description, double[] Values);

/// <summary>What one simulated scenario produced: the output grid and the chosen observables.</summary>
public sealed record RunResult(string ScenarioName, string Description, double[] TimesHours, IReadOnlyList<ObservableSeries> Series)
{
    /// <summary>Panels of the chain figure (mechanism runs): plasma to symptoms on one time axis; null for PK-only runs.</summary>
    public IReadOnlyList<FigurePanel>? Chain { get; init; }

    /// <summary>Doses the regimen's dose-hold rule did not give (empty without a rule).</summary>
    public IReadOnlyList<KetaSim.Biology.Safety.HeldDose> HeldDoses { get; init; } = [];

    /// <summary>The administrations the run gave (held doses excluded), in time order.</summary>
    public IReadOnlyList<Administration> Administrations { get; init; } = [];

    /// <summary>Where the run leaves the model's validity domain (docs/validity.md); empty inside it. Never changes the results.</summary>
    public IReadOnlyList<KetaSim.Biology.Validity.ValidityWarning> Warnings { get; init; } = [];

    public RunResult Validate()
    {
        foreach (var s in Series)
            if (s.Values.Length != TimesHours.Length)
                throw new ArgumentException($"Observable {s.Name} has {s.Values.Length} values for {TimesHours.Length} times.");
        foreach (var c in (Chain ?? []).SelectMany(p => p.Curves.Concat(p.RightCurves)))
            if (c.Values.Length != TimesHours.Length)
                throw new ArgumentException($"Chain curve {c.Label} has {c.Values.Length} values for {TimesHours.Length} times.");
        return this;
    }
}
