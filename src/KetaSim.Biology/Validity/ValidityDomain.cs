using System.Globalization;
using KetaSim.Biology.Compounds;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Validity;

/// <summary>
/// The validity-domain checker: what a run does that the calibration does not cover. Two parts: the regimen
/// (<see cref="CheckRegimen"/>: compounds, horizon, session frequency and dose, species, parameter overrides),
/// known before the run, and the trajectory (<see cref="CheckTrajectory"/>: MADRS stuck at the floor or ceiling,
/// spine density near its bound), known after it. Thresholds: <see cref="ValidityThresholds"/>; docs/validity.md.
/// Pure functions of their inputs; warnings never change results.
/// </summary>
public static class ValidityDomain
{
    /// <summary>Regimen and trajectory warnings of a finished run, regimen ones first.</summary>
    public static IReadOnlyList<ValidityWarning> Check(ScenarioRun run, CompoundLibrary? library = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. CheckRegimen(run.Scenario, run.Result.Model, library), .. CheckTrajectory(run.Result)];
    }

    /// <summary>
    /// What the scenario asks for beyond the calibration. <paramref name="model"/> supplies the parameters' plausible
    /// ranges for the override check (null: the model the scenario runs); <paramref name="library"/> the compounds
    /// (null: <see cref="CompoundLibrary.Active"/>).
    /// </summary>
    public static IReadOnlyList<ValidityWarning> CheckRegimen(Scenario scenario, Model? model = null, CompoundLibrary? library = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        library ??= CompoundLibrary.Active;
        var warnings = new List<ValidityWarning>();
        CheckCompounds(scenario, library, warnings);
        if (scenario.Subject.Species == Species.Mouse)
            warnings.Add(new ValidityWarning(ValidityCodes.Preclinical,
                "mouse run: the preclinical model is calibrated on mechanism targets only (MECH-*, PK-8); its behaviour index is not a clinical score"));
        if (scenario.DurationHours > ValidityThresholds.MaxCalibratedHorizonHours * (1 + 1e-12))
            warnings.Add(new ValidityWarning(ValidityCodes.HorizonBeyondCalibration,
                $"horizon {Weeks(scenario.DurationHours)} weeks is beyond the longest calibrated course ({Weeks(ValidityThresholds.MaxCalibratedHorizonHours)} weeks, SUSTAIN-2)"));
        CheckSessions(scenario, warnings);
        if (scenario.Mechanism is { Suicidality: true })
            warnings.Add(new ValidityWarning(ValidityCodes.SuicidalityNotRiskPrediction, SuicidalityWarning));
        if (scenario.ParameterOverrides.Count > 0)
            CheckOverrides(scenario, model ?? ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(scenario), ScenarioRunner.MechanismFor(scenario)).Model, warnings);
        return warnings;
    }

    /// <summary>
    /// Said whenever a run produces the suicidality outputs (MADRS item 10, the CGI-SS-r style severity): the model describes how
    /// ideation ratings of virtual cohorts respond to treatment; it is not, and cannot be read as, a prediction of any person's risk.
    /// </summary>
    public const string SuicidalityWarning =
        "suicidality outputs (MADRS item 10, CGI-SS-r) describe how suicidal-ideation ratings of virtual patients respond to treatment; " +
        "KetaSim does not predict any individual's risk of suicide and must not be used to judge or manage a real person's risk";

    /// <summary>MADRS at the floor or ceiling for more than a day in a row, spine density near its bound (observables the model lacks are skipped).</summary>
    public static IReadOnlyList<ValidityWarning> CheckTrajectory(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CheckTrajectory(result.TimesHours,
            result.Model.HasObservable(MechanismNames.Madrs) ? result.Observable(MechanismNames.Madrs) : null,
            result.Model.HasObservable(MechanismNames.SpineDensityRel) ? result.Observable(MechanismNames.SpineDensityRel) : null);
    }

    /// <summary>The same checks on a trajectory given as arrays (a run simulated in segments joins them first); null = not in the model.</summary>
    public static IReadOnlyList<ValidityWarning> CheckTrajectory(double[] t, double[]? madrs, double[]? spines)
    {
        ArgumentNullException.ThrowIfNull(t);
        var warnings = new List<ValidityWarning>();
        if (madrs is not null)
        {
            if (LongestRun(t, madrs, v => v <= ValidityThresholds.MadrsFloorPoints) is { } floor)
                warnings.Add(new ValidityWarning(ValidityCodes.MadrsFloor,
                    $"MADRS at the floor (≤ {N(ValidityThresholds.MadrsFloorPoints)} point) for {N(floor.Hours)} h in a row from {N(floor.Start)} h: the model's symptom drive saturates the scale; effects beyond it are not represented")
                { TimeHours = floor.Start });
            if (LongestRun(t, madrs, v => v >= ValidityThresholds.MadrsCeilingPoints) is { } ceiling)
                warnings.Add(new ValidityWarning(ValidityCodes.MadrsCeiling,
                    $"MADRS at the ceiling (≥ {N(ValidityThresholds.MadrsCeilingPoints)} points) for {N(ceiling.Hours)} h in a row from {N(ceiling.Start)} h: outside the severities of the calibration trials")
                { TimeHours = ceiling.Start });
        }
        if (spines is not null)
        {
            int first = Array.FindIndex(spines, v => v > ValidityThresholds.SpineDensityNearBound);
            if (first >= 0)
                warnings.Add(new ValidityWarning(ValidityCodes.SpineNearBound,
                    $"spine density reaches {N(spines.Max())} × healthy (above {N(ValidityThresholds.SpineDensityNearBound)} from {N(t[first])} h), near or past the model's bound of 1.1 (MECH-8): outside what imaging has measured")
                { TimeHours = t[first] });
        }
        return warnings;
    }

    /// <summary>The trajectory checks as bits, for a trial subject (aggregated per code over subjects).</summary>
    public static SubjectValidityFlags SubjectFlags(SimulationResult result) => Flags(CheckTrajectory(result));

    /// <summary>The trajectory checks as bits, on arrays (a phased subject's segments joined).</summary>
    public static SubjectValidityFlags SubjectFlags(double[] t, double[]? madrs, double[]? spines) => Flags(CheckTrajectory(t, madrs, spines));

    private static SubjectValidityFlags Flags(IReadOnlyList<ValidityWarning> warnings)
    {
        var flags = SubjectValidityFlags.None;
        foreach (var w in warnings)
            flags |= w.Code switch
            {
                ValidityCodes.MadrsFloor => SubjectValidityFlags.MadrsFloor,
                ValidityCodes.MadrsCeiling => SubjectValidityFlags.MadrsCeiling,
                ValidityCodes.SpineNearBound => SubjectValidityFlags.SpineNearBound,
                _ => SubjectValidityFlags.None,
            };
        return flags;
    }

    /// <summary>Each per-subject flag with its code and the phrase a trial summary counts it with.</summary>
    public static IReadOnlyList<(SubjectValidityFlags Flag, string Code, string Phrase)> SubjectFlagCodes { get; } =
    [
        (SubjectValidityFlags.MadrsFloor, ValidityCodes.MadrsFloor, $"MADRS at the floor (≤ {N(ValidityThresholds.MadrsFloorPoints)} point) for more than a day"),
        (SubjectValidityFlags.MadrsCeiling, ValidityCodes.MadrsCeiling, $"MADRS at the ceiling (≥ {N(ValidityThresholds.MadrsCeilingPoints)} points) for more than a day"),
        (SubjectValidityFlags.SpineNearBound, ValidityCodes.SpineNearBound, $"spine density above {N(ValidityThresholds.SpineDensityNearBound)} × healthy (near the model's bound of 1.1)"),
    ];

    /// <summary>
    /// The longest stretch of consecutive samples meeting <paramref name="at"/> that lasts more than
    /// <see cref="ValidityThresholds.MadrsStuckHours"/> (from its first to its last sample; on a sparse grid such as a
    /// trial's visits, a stretch between two samples counts as held); null when none does.
    /// </summary>
    private static (double Start, double Hours)? LongestRun(double[] t, double[] y, Func<double, bool> at)
    {
        (double Start, double Hours)? best = null;
        int start = -1;
        for (int k = 0; k <= y.Length; k++)
        {
            bool inside = k < y.Length && at(y[k]);
            if (inside && start < 0) start = k;
            if (!inside && start >= 0)
            {
                double hours = t[k - 1] - t[start];
                if (hours > ValidityThresholds.MadrsStuckHours && (best is null || hours > best.Value.Hours)) best = (t[start], hours);
                start = -1;
            }
        }
        return best;
    }

    private static void CheckCompounds(Scenario scenario, CompoundLibrary library, List<ValidityWarning> warnings)
    {
        var builtIn = CompoundLibrary.BuiltIn;
        foreach (var name in scenario.Doses.Select(d => d.Compound).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!library.TryGetCompound(name, out var compound)) continue;   // an alias of a built-in model
            bool user = !builtIn.TryGetCompound(name, out var shipped) || !ReferenceEquals(shipped, compound)
                || compound.Pk.Values.SelectMany(p => p.Moieties).Any(m =>
                    !library.Ligands.TryGetValue(m.Ligand, out var l) || !builtIn.Ligands.TryGetValue(m.Ligand, out var b) || !ReferenceEquals(l, b));
            if (user)
                warnings.Add(new ValidityWarning(ValidityCodes.UserCompound,
                    $"'{compound.Name}' comes from a user compound library ({compound.Location.File}): it is calibrated against no target; its effects are extrapolated from its binding and PK data"));
            else if (compound.Illustrative)
                warnings.Add(new ValidityWarning(ValidityCodes.IllustrativeCompound,
                    $"'{compound.Name}' is an illustrative compound (a stand-in, system.md §8): calibrated against no target; its numbers are not predictions for any real drug"));
        }
    }

    private static void CheckSessions(Scenario scenario, List<ValidityWarning> warnings)
    {
        double weight = scenario.Subject.WeightKg;
        var sessions = new List<double>();
        foreach (var record in scenario.Doses)
        {
            if (!ValidityThresholds.KetamineLike.Contains(record.Compound)) continue;
            IReadOnlyList<DoseOccurrence> occurrences;
            try { occurrences = DoseExpansion.Expand(record, weight); }
            catch (DoseValidationException) { continue; }   // the run reports a bad record itself
            foreach (var o in occurrences.Where(o => o.TimeHours < scenario.DurationHours))
            {
                sessions.Add(o.TimeHours);
                if (string.Equals(record.Compound, "esketamine", StringComparison.OrdinalIgnoreCase) && record.Route == Route.Intranasal
                    && o.AmountMg > ValidityThresholds.EsketamineMaxSessionMg * (1 + 1e-9))
                    Once(warnings, ValidityCodes.DoseAboveStudied, o.TimeHours,
                        $"esketamine {N(o.AmountMg)} mg in one nasal session (first at {N(o.TimeHours)} h) is above the label maximum of {N(ValidityThresholds.EsketamineMaxSessionMg)} mg");
                if (ValidityThresholds.RacemicKetamine.Contains(record.Compound) && record.Route is Route.IvBolus or Route.IvInfusion
                    && scenario.Subject.Species == Species.Human && o.AmountMg / weight > ValidityThresholds.KetamineIvMaxMgPerKg * (1 + 1e-9))
                    Once(warnings, ValidityCodes.DoseAboveStudied, o.TimeHours,
                        $"ketamine IV {N(o.AmountMg / weight)} mg/kg in one session (first at {N(o.TimeHours)} h) is above the {N(ValidityThresholds.KetamineIvMaxMgPerKg)} mg/kg studied in the antidepressant trials");
            }
        }
        sessions.Sort();
        var merged = new List<double>();
        foreach (var s in sessions)
            if (merged.Count == 0 || s - merged[^1] >= ValidityThresholds.SessionMergeHours) merged.Add(s);
        if (merged.Count == 0) return;

        // Any 7-day window (starting at a session) with more than three sessions.
        int j = 0, most = 0;
        double mostAt = 0;
        for (int i = 0; i < merged.Count; i++)
        {
            while (j < merged.Count && merged[j] < merged[i] + 168 - 1e-9) j++;
            if (j - i > most) { most = j - i; mostAt = merged[i]; }
        }
        if (most > ValidityThresholds.MaxSessionsPerWeek)
            warnings.Add(new ValidityWarning(ValidityCodes.SessionFrequency,
                $"{most} ketamine/esketamine sessions in the week from {N(mostAt)} h: the calibrated regimens give at most {ValidityThresholds.MaxSessionsPerWeek} a week")
            { TimeHours = mostAt });

        // Weeks (counted from the first session) with more than two sessions.
        double origin = merged[0];
        var weeks = merged.GroupBy(s => (int)Math.Floor((s - origin) / 168 + 1e-9)).Where(g => g.Count() > ValidityThresholds.TwiceWeekly).Select(g => g.Key).ToArray();
        if (weeks.Length > ValidityThresholds.MaxWeeksAboveTwiceWeekly)
            warnings.Add(new ValidityWarning(ValidityCodes.SessionFrequency,
                $"ketamine/esketamine more often than twice weekly in {weeks.Length} weeks: the calibrated induction is twice weekly for {ValidityThresholds.MaxWeeksAboveTwiceWeekly} weeks")
            { TimeHours = origin + 168 * weeks[0] });
    }

    private static void CheckOverrides(Scenario scenario, Model model, List<ValidityWarning> warnings)
    {
        var byName = model.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in scenario.ParameterOverrides.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!byName.TryGetValue(name, out var p)) continue;
            var range = p.Range ?? PlausibleRange.ForProvenance(p.Value, p.Provenance.Kind);
            if (range.Contains(value)) continue;
            string unit = p.Unit is "1" or "" ? "" : " " + p.Unit;
            warnings.Add(new ValidityWarning(ValidityCodes.ParameterOutOfRange,
                $"parameter {name} = {N(value)}{unit} is outside its plausible range {range.Bounds}{unit} ({range.Basis})")
            { Parameter = name });
        }
    }

    /// <summary>Adds the warning unless one with this code already names this compound (the first session above the maximum is reported).</summary>
    private static void Once(List<ValidityWarning> warnings, string code, double time, string message)
    {
        string compound = message[..message.IndexOf(' ')];
        if (!warnings.Any(w => w.Code == code && w.Message.StartsWith(compound + " ", StringComparison.Ordinal)))
            warnings.Add(new ValidityWarning(code, message) { TimeHours = time });
    }

    private static string Weeks(double hours) => N(hours / 168);

    private static string N(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
