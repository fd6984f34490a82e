using KetaSim.Biology.Dosing;
using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Combination;

/// <summary>One compound of a design spec: the dose record it is given as (timing from the base scenario) and its searched range.</summary>
public sealed record ComboSpecCompound(DoseRecord Template, double MinDose, double MaxDose, DoseUnit Unit, bool Illustrative);

/// <summary>What the target is measured against: a number, or the reference run's own value of the effect metric.</summary>
public sealed record ComboTargetSpec(OutputMetric Metric, double? Value, EffectSense Sense, double? ToleranceAbsolute, double? ToleranceRelative, double? MaxEffect);

/// <summary>
/// A combination design spec read from YAML (format: docs/design/combination.md): the base scenario (subject, duration,
/// mechanism, background medication), the compounds with dose ranges, the comparator, the target, the weighted burden and
/// optionally a cohort and search sizes.
/// </summary>
public sealed record ComboSpec(
    string File,
    string Name,
    string Description,
    ScenarioDocument Scenario,
    IReadOnlyList<ComboSpecCompound> Compounds,
    DoseRecord? Reference,
    ComboTargetSpec Target,
    IReadOnlyList<(OutputMetric Metric, double Weight, EffectSense Worse)> Burden,
    double LowDoseFraction,
    Cohort? Cohort,
    ComboSettings Search)
{
    /// <summary>The base scenario's doses of compounds the spec does not search, given in every run (<c>keep_background: true</c>).</summary>
    public IReadOnlyList<DoseRecord> Background { get; init; } = [];

    /// <summary>The base scenario's doses of compounds the spec does not search, left out (the default).</summary>
    public IReadOnlyList<DoseRecord> Dropped { get; init; } = [];

    /// <summary>Each background or dropped dose in words, for the report.</summary>
    public static string Describe(DoseRecord d) =>
        $"{d.Compound} {d.Amount} {RouteNames.NameOf(d.Route)} at {d.TimeHours.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} h" +
        (d.AdditionalDoses > 0 ? $" (+{d.AdditionalDoses} repeats)" : "");
}
