using KetaSim.Biology.Dosing;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;

namespace KetaSim.Design.Schedule;

/// <summary>
/// A schedule-design problem as read from its YAML file (docs/design/schedule.md): the base scenario (patient context,
/// background doses, parameters), the cohort, the horizon and visits, the designed drug and the grid of loading and
/// maintenance settings, the target, the safety limits, the dose-hold rule and the reference schedule.
/// </summary>
public sealed record ScheduleSpec
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required string File { get; init; }

    /// <summary>The base scenario's document (problems in runs are reported against it).</summary>
    public required ScenarioDocument Base { get; init; }

    /// <summary>The base scenario without the designed drug's doses, lasting the horizon, with the spec's dose-hold rule.</summary>
    public required Scenario Template { get; init; }

    public required PopulationDefinition Population { get; init; }
    public int CohortSize { get; init; } = 200;
    public ulong Seed { get; init; } = 1;
    public required double HorizonHours { get; init; }
    public double VisitEveryHours { get; init; } = 168;

    public required string Drug { get; init; }
    public required Route Route { get; init; }
    public double? InfusionHours { get; init; }

    public required IReadOnlyList<int> LoadingCounts { get; init; }
    public required IReadOnlyList<double> LoadingSpacingsHours { get; init; }
    public required IReadOnlyList<DoseAmount> LoadingDoses { get; init; }
    public required IReadOnlyList<double> MaintenanceIntervalsHours { get; init; }
    public required IReadOnlyList<DoseAmount> MaintenanceDoses { get; init; }

    /// <summary>Step-down starts (h from t = 0) and intervals; empty: no step-down. Each candidate is also tried with every longer step-down interval from every start.</summary>
    public IReadOnlyList<double> StepDownFromHours { get; init; } = [];
    public IReadOnlyList<double> StepDownIntervalsHours { get; init; } = [];

    public required RemissionTarget Target { get; init; }
    public SessionLimits Limits { get; init; } = new();

    /// <summary>Between-patient safety covariates (resting BP, BP-rise, CADSS and sedation sensitivities) and resting-BP inclusion, as a trial's safety block.</summary>
    public TrialSafety Safety { get; init; } = new();

    public DoseHoldPolicy? DoseHold { get; init; }

    /// <summary>The reference regimen (the label schedule), or null.</summary>
    public ScheduleRegimen? Reference { get; init; }

    /// <summary>Where each field was written (for messages about the spec found after reading).</summary>
    public required IReadOnlyDictionary<string, int> Lines { get; init; }

    public int LineOf(string field) => Lines.TryGetValue(field, out var l) ? l : 1;

    /// <summary>Visit times: every <see cref="VisitEveryHours"/> from the first to the horizon.</summary>
    public IReadOnlyList<double> Visits()
    {
        var visits = new List<double>();
        for (int k = 1; k * VisitEveryHours <= HorizonHours + 1e-9; k++) visits.Add(k * VisitEveryHours);
        return visits;
    }

    /// <summary>Every grid candidate, in the order loading count, spacing, loading dose, interval, maintenance dose, then
    /// without step-down followed by each step-down start and longer interval.</summary>
    public IReadOnlyList<ScheduleRegimen> Candidates()
    {
        var list = new List<ScheduleRegimen>();
        foreach (var count in LoadingCounts)
            foreach (var spacing in LoadingSpacingsHours)
                foreach (var load in LoadingDoses)
                    foreach (var interval in MaintenanceIntervalsHours)
                        foreach (var dose in MaintenanceDoses)
                        {
                            list.Add(ScheduleRegimen.LoadingThenMaintenance(count, spacing, load, interval, dose, HorizonHours));
                            foreach (var from in StepDownFromHours)
                                foreach (var step in StepDownIntervalsHours.Where(s => s > interval + 1e-9))
                                    list.Add(ScheduleRegimen.LoadingThenMaintenance(count, spacing, load, interval, dose, HorizonHours, from, step));
                        }
        return list;
    }

    public ScheduleProblem Problem(int? cohortSize = null) => new(Visits(), Target, Limits, cohortSize ?? CohortSize);
}
