using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Safety;

/// <summary>
/// The clinical rules a ketamine/esketamine regimen applies (system.md §7; Spravato label): hold a dose
/// when the pre-dose blood pressure is above 140/90 mmHg (150 mmHg systolic from age 65), and observe the
/// patient for at least 2 h after each nasal dose.
/// </summary>
public sealed record DoseHoldPolicy
{
    /// <summary>Hold when pre-dose systolic is above this (strictly), mmHg.</summary>
    public double SystolicLimitMmHg { get; init; } = 140;

    /// <summary>Hold when pre-dose diastolic is above this (strictly), mmHg.</summary>
    public double DiastolicLimitMmHg { get; init; } = 90;

    /// <summary>Systolic limit for patients aged <see cref="ElderlyFromAgeYears"/> or more, mmHg.</summary>
    public double ElderlySystolicLimitMmHg { get; init; } = 150;

    public double ElderlyFromAgeYears { get; init; } = 65;

    /// <summary>Observation after each dose before the patient may leave, h (label: at least 2 h after a nasal dose).</summary>
    public double ObservationHours { get; init; } = 2;

    /// <summary>At the end of observation, sedation counts as resolved when MOAA/S is at least this (4.5: the score reads 5, awake).</summary>
    public double AwakeMoaas { get; init; } = 4.5;

    /// <summary>Compounds whose doses the rule may hold (the sympathomimetic ones); other doses (an oral SSRI) always go ahead.</summary>
    public IReadOnlySet<string> HeldCompounds { get; init; } =
        new HashSet<string>(["ketamine", "racemic-ketamine", "esketamine", "arketamine"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The label's rule.</summary>
    public static DoseHoldPolicy Label { get; } = new();

    public double SystolicLimitFor(double ageYears) => ageYears >= ElderlyFromAgeYears ? ElderlySystolicLimitMmHg : SystolicLimitMmHg;

    /// <summary>Whether a dose is held at this pre-dose blood pressure and age (limits themselves are allowed).</summary>
    public bool ShouldHold(double systolicMmHg, double diastolicMmHg, double ageYears) =>
        systolicMmHg > SystolicLimitFor(ageYears) || diastolicMmHg > DiastolicLimitMmHg;
}

/// <summary>A dose the rule held: when it was due, what, and the pre-dose blood pressure that broke the rule.</summary>
public sealed record HeldDose(double TimeHours, string Compound, Route Route, DoseAmount Amount, double SystolicMmHg, double DiastolicMmHg,
    double SystolicLimitMmHg, double DiastolicLimitMmHg);

/// <summary>
/// The patient at the end of the observation period after a given dose (dose time + ObservationHours).
/// <see cref="Evaluated"/> is false when the run ends before then (the readings are NaN).
/// </summary>
public sealed record ObservationCheck(
    double DoseTimeHours, string Compound, Route Route, double CheckTimeHours, bool Evaluated,
    double SystolicMmHg, double DiastolicMmHg, double SystolicRiseMmHg, double DiastolicRiseMmHg, double Moaas, double Cadss,
    bool BloodPressureAcceptable, bool SedationResolved, bool DissociationResolved)
{
    /// <summary>Required by the label (nasal esketamine), rather than reported for information.</summary>
    public bool RequiredByLabel => Route == Route.Intranasal;

    /// <summary>Blood pressure at or below the hold limits, awake, not dissociated: the patient may leave.</summary>
    public bool Stable => Evaluated && BloodPressureAcceptable && SedationResolved && DissociationResolved;
}

/// <summary>
/// What the rule did: the regimen actually given (<see cref="Scenario"/>), its run (null when every dose was
/// held, leaving nothing to simulate), the held doses in time order, and the observation check of every given
/// dose the rule covers.
/// </summary>
public sealed record DoseHoldResult(Scenario Scenario, ScenarioRun? Run, IReadOnlyList<HeldDose> Held, IReadOnlyList<ObservationCheck> Checks)
{
    public SimulationResult? Result => Run?.Result;

    /// <summary>Every evaluated check that the label requires (nasal doses) found the patient stable.</summary>
    public bool StableAfterEveryNasalDose => Checks.Where(c => c.RequiredByLabel && c.Evaluated).All(c => c.Stable);
}

/// <summary>
/// Applies <see cref="DoseHoldPolicy"/> to a scenario: simulate; take the first covered dose (in time order)
/// whose pre-dose blood pressure breaks the rule; remove it; simulate again; repeat until every remaining dose
/// passes. Pre-dose pressure is the model's at the dose time, so it includes the patient's baseline (the
/// <see cref="SafetyParameters.BaselineSystolic"/>/<see cref="SafetyParameters.BaselineDiastolic"/> parameters)
/// and any residual effect of earlier doses. Records with repeats (II/ADDL) are split into single doses so one
/// occurrence can be held. A scenario without mechanism settings runs with the default ones (the safety layer
/// needs the mechanism on).
/// </summary>
public static class DoseHoldRule
{
    /// <summary>The scenario with the patient's baseline blood pressure set (a patient attribute).</summary>
    public static Scenario WithBaselineBloodPressure(Scenario scenario, double systolicMmHg, double diastolicMmHg)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var overrides = new Dictionary<string, double>(scenario.ParameterOverrides, StringComparer.Ordinal)
        {
            [SafetyParameters.BaselineSystolic] = systolicMmHg,
            [SafetyParameters.BaselineDiastolic] = diastolicMmHg,
        };
        return scenario with { ParameterOverrides = overrides };
    }

    public static DoseHoldResult Apply(Scenario scenario, ScenarioRunner? runner = null, DoseHoldPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        runner ??= ScenarioRunner.Shared;
        policy ??= DoseHoldPolicy.Label;
        var current = scenario.Mechanism is null ? scenario with { Mechanism = new MechanismSettings() } : scenario;
        double age = current.Subject.AgeYears;

        var doses = SingleDoses(current.Doses);
        var held = new List<HeldDose>();
        int checkedBefore = 0;
        while (true)
        {
            current = current with { Doses = doses };
            if (doses.Count == 0) return new DoseHoldResult(current, null, held, []);
            var run = runner.RunDetailed(current);
            var r = run.Result;
            if (!run.Compiled.Model.HasObservable(MechanismNames.SystolicMmHg))
                throw new ArgumentException($"Scenario '{scenario.Name}': the dose-hold rule needs blood pressure, which the safety layer gives for human subjects only.");
            int violating = -1;
            for (int i = checkedBefore; i < doses.Count && violating < 0; i++)
            {
                var d = doses[i];
                if (!policy.HeldCompounds.Contains(d.Compound) || d.TimeHours > current.DurationHours) continue;
                double s = SafetyMeasures.At(r, MechanismNames.SystolicMmHg, d.TimeHours);
                double dia = SafetyMeasures.At(r, MechanismNames.DiastolicMmHg, d.TimeHours);
                if (policy.ShouldHold(s, dia, age))
                {
                    violating = i;
                    held.Add(new HeldDose(d.TimeHours, d.Compound, d.Route, d.Amount, s, dia, policy.SystolicLimitFor(age), policy.DiastolicLimitMmHg));
                }
            }
            if (violating < 0) return new DoseHoldResult(current, run, held, Checks(run, doses, policy, age));
            // Doses before the held one are unchanged by removing it, so later passes start from it.
            doses = [.. doses.Take(violating), .. doses.Skip(violating + 1)];
            checkedBefore = violating;
        }
    }

    /// <summary>Each record's occurrences as single-dose records, in time order (stable for equal times).</summary>
    public static List<DoseRecord> SingleDoses(IEnumerable<DoseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var singles = new List<DoseRecord>();
        foreach (var record in records)
            for (int k = 0; k <= record.AdditionalDoses; k++)
                singles.Add(record with { TimeHours = record.TimeHours + k * record.IntervalHours, AdditionalDoses = 0, IntervalHours = 0 });
        return [.. singles.OrderBy(d => d.TimeHours)];
    }

    private static List<ObservationCheck> Checks(ScenarioRun run, IReadOnlyList<DoseRecord> doses, DoseHoldPolicy policy, double age)
    {
        var r = run.Result;
        var model = run.Compiled.Model;
        double s0 = run.Parameters[model.ParameterIndex(SafetyParameters.BaselineSystolic)];
        double d0 = run.Parameters[model.ParameterIndex(SafetyParameters.BaselineDiastolic)];
        var checks = new List<ObservationCheck>();
        foreach (var d in doses)
        {
            if (!policy.HeldCompounds.Contains(d.Compound)) continue;
            double t = d.TimeHours + policy.ObservationHours;
            if (t > r.TimesHours[^1] + 1e-9)
            {
                checks.Add(new ObservationCheck(d.TimeHours, d.Compound, d.Route, t, false, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, false, false, false));
                continue;
            }
            double s = SafetyMeasures.At(r, MechanismNames.SystolicMmHg, t), dia = SafetyMeasures.At(r, MechanismNames.DiastolicMmHg, t);
            double moaas = SafetyMeasures.At(r, MechanismNames.Moaas, t), cadss = SafetyMeasures.At(r, MechanismNames.Cadss, t);
            checks.Add(new ObservationCheck(d.TimeHours, d.Compound, d.Route, t, true, s, dia, s - s0, dia - d0, moaas, cadss,
                BloodPressureAcceptable: !policy.ShouldHold(s, dia, age),
                SedationResolved: moaas >= policy.AwakeMoaas,
                DissociationResolved: cadss <= SafetyMeasures.DissociationCadss));
        }
        return checks;
    }
}
