using KetaSim.Biology.Dosing;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Plasticity;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Modeling.Simulation;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;

namespace KetaSim.IO.Calibration;

/// <summary>
/// MECH-8, the bounded-dynamics grid (calibration-targets.md): ketamine 0.5 mg/kg IV thrice weekly × 6 and daily for
/// 4 weeks; esketamine 84 mg twice weekly for 16 weeks; the illustrative three-drug combination daily for 4 weeks; an
/// illustrative NMDA blocker holding about 90% NMDA occupancy for 2 weeks — each for the typical patient and for the
/// 5th and 95th percentile of every parameter the trd-adult population varies (one at a time, the others typical).
/// Biology bounds them: spine density ≤ 1.1 × healthy, MADRS inside 0-60 before the guard (and the guard idle), no
/// state that cannot be negative below zero.
/// </summary>
public static class BoundedDynamicsGrid
{
    /// <summary>The population whose varied parameters span the grid.</summary>
    public const string PopulationName = "trd-adult";

    /// <summary>Standard-normal quantile of the 95th percentile.</summary>
    public const double Z95 = 1.6448536269514722;

    /// <summary>One grid point: regimen, patient variant ("typical", "responsiveness p05", ...) and the scenario.</summary>
    public sealed record Case(string Regimen, string Variant, Scenario Scenario);

    /// <summary>The worst value of each bound over the grid, with where it occurred.</summary>
    public sealed record Extremes(
        int Cases, double MaxSpineDensity, string MaxSpineAt, double MinRawMadrs, double MaxRawMadrs, string RawMadrsAt,
        double MaxGuardDeviation, double MinGuardedState, string MinStateAt)
    {
        public bool SpineBounded => MaxSpineDensity <= 1.1;
        public bool MadrsBounded => MinRawMadrs >= 0 && MaxRawMadrs <= 60 && MaxGuardDeviation < GuardTolerancePoints;
        public bool StatesNonNegative => MinGuardedState >= -NegativeTolerance;
    }

    /// <summary>The guard may differ from the raw score by its own smoothing only where it acts; idle means below this, points.</summary>
    public const double GuardTolerancePoints = 0.05;

    /// <summary>States that cannot be negative may dip this far below zero through solver tolerance (relative density, amounts).</summary>
    public const double NegativeTolerance = 1e-6;

    private static readonly MechanismSettings OpenLabel = new() { Patient = PatientState.TypicalTrd with { BaselineMadrs = 37, Placebo = PlaceboKind.OpenLabel } };

    private static DoseRecord Ketamine(double timeHours) => new()
    { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40.0 / 60, TimeHours = timeHours };

    private static IEnumerable<DoseRecord> At(string schedule, Func<double, DoseRecord> dose) => DosingSchedule.Parse(schedule).Select(dose);

    /// <summary>The five regimens for the typical patient (open-label context, baseline MADRS 37).</summary>
    public static IReadOnlyList<Scenario> Regimens()
    {
        Scenario S(string name, double days, IEnumerable<DoseRecord> doses) => new()
        {
            Name = $"mech-8-{name}", Description = $"MECH-8 grid: {name}", Doses = [.. doses], DurationHours = days * 24,
            OutputStepHours = 1, Mechanism = OpenLabel,
        };
        DoseRecord Oral(string compound, double t) => new() { Compound = compound, Route = Route.Oral, Amount = DoseAmount.MgPerKg(1), TimeHours = t };
        return
        [
            S("ketamine-thrice-weekly-x6", 28, At("three times weekly x 6", Ketamine)),
            S("ketamine-daily-4-weeks", 28, At("daily for 4 weeks", Ketamine)),
            S("esketamine-84mg-twice-weekly-16-weeks", 16 * 7, At("twice weekly for 16 weeks",
                t => new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(84), TimeHours = t })),
            S("three-drug-combination-daily-4-weeks", 28, At("daily for 4 weeks", t => Oral("illustrative-mor-agonist", t))
                .Concat(At("daily for 4 weeks", t => Oral("illustrative-rxfp3-agonist", t)))
                .Concat(At("daily for 4 weeks", t => Oral("illustrative-prokr2-antagonist", t)))),
            S("nmda-blocker-90pct-2-weeks", 28, [new DoseRecord
                { Compound = "illustrative-nmda-blocker", Route = Route.IvInfusion, Amount = DoseAmount.Mg(NmdaBlockerMgPerHour * 14 * 24), DurationHours = 14 * 24 }]),
        ];
    }

    /// <summary>Infusion rate of the illustrative NMDA blocker that holds about 90% NMDA occupancy (CL 20 L/h, fu 0.5, Ki 20 nM, 300 g/mol).</summary>
    public const double NmdaBlockerMgPerHour = 20 * 9 * 0.020 / 0.5 * 300 / 1000.0;

    /// <summary>Every grid point: each regimen for the typical patient and each varied parameter at its 5th and 95th percentile.</summary>
    public static IEnumerable<Case> Cases(PopulationDefinition population, Func<Scenario, IReadOnlyDictionary<string, double>> defaults)
    {
        foreach (var regimen in Regimens())
        {
            yield return new Case(regimen.Name, "typical", regimen);
            var typical = defaults(regimen);
            foreach (var effect in population.Effects)
                foreach (var (label, z) in new[] { ("p05", -Z95), ("p95", Z95) })
                {
                    double eta = effect.AppliedEta(z * effect.Omega);
                    if (effect.Patient is { } field)
                    {
                        var patient = WithPatient(regimen.Mechanism!.Patient, field, effect, eta);
                        yield return new Case(regimen.Name, $"{effect.Name} {label}", regimen with { Mechanism = regimen.Mechanism with { Patient = patient } });
                        continue;
                    }
                    var overrides = new Dictionary<string, double>(regimen.ParameterOverrides, StringComparer.Ordinal);
                    foreach (var name in effect.Parameters)
                        if (typical.TryGetValue(name, out double theta)) overrides[name] = EffectMath.Apply(theta, eta, effect.Scale);
                    if (overrides.Count > regimen.ParameterOverrides.Count)
                        yield return new Case(regimen.Name, $"{effect.Name} {label}", regimen with { ParameterOverrides = overrides });
                }
        }
    }

    private static PatientState WithPatient(PatientState p, PatientField field, RandomEffect effect, double eta)
    {
        double Value(double typical)
        {
            double v = EffectMath.Apply(effect.Typical ?? typical, eta, effect.Scale);
            if (effect.Min is { } lo) v = Math.Max(lo, v);
            if (effect.Max is { } hi) v = Math.Min(hi, v);
            return v;
        }
        return field switch
        {
            PatientField.StressSeverity => p with { StressSeverity = Value(p.StressSeverity) },
            PatientField.BaselineMadrs => p with { BaselineMadrs = Value(p.BaselineMadrs) },
            PatientField.Responsiveness => p with { Responsiveness = Value(p.Responsiveness) },
            PatientField.PlaceboResponsiveness => p with { PlaceboResponsiveness = Value(p.PlaceboResponsiveness) },
            PatientField.SerotonergicResponsiveness => p with { SerotonergicResponsiveness = Value(p.SerotonergicResponsiveness) },
            PatientField.BaselineSuicidalThoughts => p with { BaselineSuicidalThoughts = Value(p.BaselineSuicidalThoughts) },
            _ => p,
        };
    }

    /// <summary>States that cannot be negative: drug amounts and the mechanism's pools and fractions.</summary>
    public static bool CannotBeNegative(string name, string unit) =>
        unit is "mg" or "umol" or "µmol" or "nmol" ||
        name is SpineDensity.TransientState or SpineDensity.ConsolidatedState or PlasticityModule.NascentSpineState
            or PlasticityModule.Mglur5InternalState or PlasticityModule.Mglur5DownregulatedState or PlasticityModule.StableSurvivalState
            or SymptomsModule.CareReinforcementState or SymptomsModule.ExpectancyState or SymptomsModule.SessionPendingState or SymptomsModule.SessionState
        || name.StartsWith("circuit_desensitisation_", StringComparison.Ordinal);

    /// <summary>A regimen's model defaults by name: the typical values the percentiles of a varied parameter start from.</summary>
    public static IReadOnlyDictionary<string, double> Defaults(ScenarioRunner runner, Scenario s) =>
        runner.CompiledModelFor(ScenarioRunner.ModulesFor(s), ScenarioRunner.MechanismFor(s)).Model.Parameters
            .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// The whole grid for the <see cref="PopulationName"/> population: each case alone, in parallel, merged in case order,
    /// so the extremes and their text do not depend on the thread count.
    /// </summary>
    public static Extremes EvaluateAll(ScenarioRunner runner)
    {
        var cases = Cases(PopulationLibrary.Get(PopulationName), s => Defaults(runner, s)).ToList();
        var parts = new Extremes[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => parts[i] = Evaluate([cases[i]], runner));
        return Merge(parts);
    }

    /// <summary>The worst of each bound over several evaluations, in their order (ties keep the earlier place).</summary>
    public static Extremes Merge(IReadOnlyList<Extremes> parts)
    {
        var e = parts[0];
        int n = e.Cases;
        for (int i = 1; i < parts.Count; i++)
        {
            var p = parts[i];
            n += p.Cases;
            if (p.MaxSpineDensity > e.MaxSpineDensity) e = e with { MaxSpineDensity = p.MaxSpineDensity, MaxSpineAt = p.MaxSpineAt };
            if (p.MinRawMadrs < e.MinRawMadrs) e = e with { MinRawMadrs = p.MinRawMadrs, RawMadrsAt = p.RawMadrsAt };
            if (p.MaxRawMadrs > e.MaxRawMadrs) e = e with { MaxRawMadrs = p.MaxRawMadrs };
            if (p.MaxGuardDeviation > e.MaxGuardDeviation) e = e with { MaxGuardDeviation = p.MaxGuardDeviation };
            if (p.MinGuardedState < e.MinGuardedState) e = e with { MinGuardedState = p.MinGuardedState, MinStateAt = p.MinStateAt };
        }
        return e with { Cases = n };
    }

    /// <summary>Runs every case and returns the worst of each bound.</summary>
    public static Extremes Evaluate(IEnumerable<Case> cases, ScenarioRunner runner)
    {
        int n = 0;
        double maxSpine = double.NegativeInfinity, minRaw = double.PositiveInfinity, maxRaw = double.NegativeInfinity, maxGuard = 0, minState = double.PositiveInfinity;
        string spineAt = "", rawAt = "", stateAt = "";
        foreach (var c in cases)
        {
            n++;
            var run = runner.RunDetailed(c.Scenario);
            var r = run.Result;
            string where = $"{c.Regimen}, {c.Variant}";
            double spine = r.Observable(MechanismNames.SpineDensityRel).Max();
            if (spine > maxSpine) (maxSpine, spineAt) = (spine, where);
            var raw = r.Observable(SymptomNames.MadrsUnclamped);
            var guarded = r.Observable(MechanismNames.Madrs);
            double lo = raw.Min(), hi = raw.Max();
            if (lo < minRaw) (minRaw, rawAt) = (lo, where + $" (min {lo:F2})");
            if (hi > maxRaw) { maxRaw = hi; if (hi > 60) rawAt = where + $" (max {hi:F2})"; }
            for (int k = 0; k < raw.Length; k++) maxGuard = Math.Max(maxGuard, Math.Abs(raw[k] - guarded[k]));
            var model = run.Compiled.Model;
            foreach (var s in model.States)
            {
                if (!CannotBeNegative(s.Name, s.Unit)) continue;
                double m = r.State(s.Name).Min();
                if (m < minState) (minState, stateAt) = (m, $"{s.Name} in {where}");
            }
        }
        return new Extremes(n, maxSpine, spineAt, minRaw, maxRaw, rawAt, maxGuard, minState, stateAt);
    }
}
