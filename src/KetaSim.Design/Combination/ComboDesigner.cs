using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Validity;
using KetaSim.Design.Evaluation;
using KetaSim.Design.Outputs;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Combination;

/// <summary>A finished design: the spec, the search result, the validity warnings and each compound's modelled and missing liabilities.</summary>
public sealed record ComboReport(ComboSpec Spec, ComboResult Result, IReadOnlyList<ValidityWarning> Warnings, IReadOnlyList<CompoundLiabilities.Entry> Liabilities)
{
    /// <summary>The searched compounds flagged illustrative in the library.</summary>
    public IReadOnlyList<string> IllustrativeCompounds => Spec.Compounds.Where(c => c.Illustrative).Select(c => c.Template.Compound).ToArray();
}

/// <summary>
/// Binds a spec to the model: a dose vector becomes the base scenario with the searched compounds' doses (plus any background
/// medication), run on the typical patient or the cohort; the effect and burden metrics are read from it.
/// </summary>
public static class ComboDesigner
{
    public static ComboReport Run(ComboSpec spec, ComboSettings settings)
    {
        var document = spec.Scenario;
        var metrics = new List<OutputMetric> { spec.Target.Metric };
        metrics.AddRange(spec.Burden.Select(b => b.Metric));
        // The Bliss normalisation of a MADRS change: the whole baseline score (the change cannot go beyond it).
        // (madrs_change is also an observable of its own, read at a time.)
        var effect = spec.Target.Metric;
        bool madrsChange = effect.Statistic == MetricStatistic.ChangeAt && effect.Observable == "madrs"
            || effect.Statistic == MetricStatistic.ValueAt && effect.Observable == "madrs_change";
        bool baselineNeeded = spec.Target.MaxEffect is null && madrsChange;
        if (baselineNeeded) metrics.Add(new OutputMetric("madrs@0h", "madrs", MetricStatistic.ValueAt, 0));
        var baseScenario = document.Scenario with { Doses = spec.Background };
        var objective = new ScenarioObjective(document, [], metrics, spec.Cohort, baseScenario);
        int nb = spec.Burden.Count;

        Scenario ScenarioOf(double[] doses)
        {
            var list = new List<DoseRecord>(spec.Background);
            for (int i = 0; i < doses.Length; i++)
                if (doses[i] > 0) list.Add(spec.Compounds[i].Template with { Amount = new DoseAmount(doses[i], spec.Compounds[i].Unit) });
            return objective.Template with { Doses = list };
        }
        ComboOutcome Outcome(double[] v) => new(v[0], v[1..(1 + nb)]);

        var drugFreeValues = objective.Evaluate(ScenarioOf(new double[spec.Compounds.Count]), settings.Threads);
        ComboReference? reference = null;
        double target;
        if (spec.Reference is { } r)
        {
            var refValues = objective.Evaluate(objective.Template with { Doses = [.. spec.Background, r] }, settings.Threads);
            reference = new ComboReference(ReferenceLabel(r), Outcome(refValues));
            target = spec.Target.Value ?? refValues[0];
        }
        else target = spec.Target.Value!.Value;
        double tolerance = spec.Target.ToleranceAbsolute ?? (spec.Target.ToleranceRelative ?? 0.01) * Math.Abs(target);
        double? maxEffect = spec.Target.MaxEffect;
        string maxEffectSource = "target.max_effect";
        if (maxEffect is null && baselineNeeded)
        {
            maxEffect = drugFreeValues[^1];
            maxEffectSource = spec.Cohort is null ? "the patient's baseline MADRS (the largest possible fall)" : "the cohort's mean baseline MADRS (the largest possible fall)";
        }
        else if (maxEffect is null && spec.Target.Metric.Statistic is MetricStatistic.ResponseAt or MetricStatistic.RemissionAt)
        {
            maxEffect = 1;
            maxEffectSource = "a share of 1 (every patient)";
        }
        var problem = new ComboProblem
        {
            Compounds = spec.Compounds.Select(c => new ComboCompound(c.Template.Compound, c.MinDose, c.MaxDose, UnitText(c.Unit))
                { Label = c.Template.Compound.StartsWith("illustrative-", StringComparison.Ordinal) ? c.Template.Compound["illustrative-".Length..] : c.Template.Compound }).ToArray(),
            Evaluate = d => Outcome(objective.Evaluate(ScenarioOf(d), 1)),
            EffectMetric = spec.Target.Metric.Text,
            Sense = spec.Target.Sense,
            TargetEffect = target,
            Tolerance = tolerance,
            Burden = spec.Burden.Select(b => new BurdenTerm(b.Metric.Text, b.Weight, b.Worse)).ToArray(),
            MaxEffect = maxEffect,
            MaxEffectSource = maxEffectSource,
            LowDoseFraction = spec.LowDoseFraction,
        };
        var result = ComboSearch.Run(problem, settings, reference);

        // Warnings: what the combination (every compound at its range top) and the comparator ask beyond the calibration,
        // then the trajectory of the best combination's typical run.
        var warnings = new List<ValidityWarning>();
        void Add(IEnumerable<ValidityWarning> ws)
        {
            foreach (var w in ws)
                if (!warnings.Any(x => x.Code == w.Code && x.Message == w.Message)) warnings.Add(w);
        }
        Add(ValidityDomain.CheckRegimen(ScenarioOf(spec.Compounds.Select(c => c.MaxDose).ToArray())));
        if (spec.Reference is { } rr) Add(ValidityDomain.CheckRegimen(objective.Template with { Doses = [.. spec.Background, rr] }));
        var shown = result.Verdict.LowDosePoint ?? result.Best ?? result.BestReachable;
        var typical = document.Scenario with
        {
            Doses = ScenarioOf(result.Points[shown].Doses).Doses, OutputTimesHours = null,
            Observables = ScenarioObjective.ObservablesOf(document.Scenario).Contains("madrs") ? ["madrs"] : [],
        };
        Add(ValidityDomain.CheckTrajectory(ScenarioEngine.RunScenario(document, typical).Result));
        var liabilities = spec.Compounds.Select(c => CompoundLiabilities.Of(c.Template.Compound, document.Scenario.Subject.Species)).ToArray();
        // A blood-pressure comparison that rests on missing data must say so where the answer is read.
        var unknownPressor = liabilities.Where(l => l.Lacking.Any(x => x.StartsWith("no sympathomimetic data", StringComparison.Ordinal))).Select(l => l.Compound).ToArray();
        if (unknownPressor.Length > 0 && spec.Burden.Any(b => b.Metric.Observable is "sbp_mmhg" or "dbp_mmhg" or "hr_bpm"))
            result = result with
            {
                Verdict = result.Verdict with
                {
                    Text = result.Verdict.Text + $" Caution: {string.Join(", ", unknownPressor)} {(unknownPressor.Length == 1 ? "has" : "have")} no sympathomimetic data in the " +
                        "library, so a predicted blood-pressure or heart-rate rise of 0 from them means unknown, not safe.",
                },
            };
        return new ComboReport(spec, result, warnings, liabilities);
    }

    internal static string UnitText(DoseUnit unit) => unit switch
    {
        DoseUnit.Mg => "mg",
        DoseUnit.MgPerKg => "mg/kg",
        _ => "ug/kg",
    };

    private static string ReferenceLabel(DoseRecord r) =>
        $"{r.Compound} {r.Amount} {RouteNames.NameOf(r.Route)}" + (r.DurationHours is { } h ? $" over {h * 60:G4} min" : "");
}
