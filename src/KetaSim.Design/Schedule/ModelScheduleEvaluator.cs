using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Validity;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Sampling;
using KetaSim.Population.Trials;

namespace KetaSim.Design.Schedule;

/// <summary>
/// The model behind a schedule design: subject i of the spec's population (drawn from (seed, i), with the safety covariates of a
/// trial's safety block from the same pair) receives the base scenario's background doses plus the regimen's sessions, under the
/// dose-hold rule; MADRS is read at the visits, and each session given is checked for a systolic rise and dissociation within the
/// limits' window. Subjects are drawn once and shared by every regimen (common random numbers). Thread-safe.
/// </summary>
public sealed class ModelScheduleEvaluator
{
    private readonly ScheduleSpec _spec;
    private readonly ScheduleProblem _problem;
    private readonly VirtualSubject[] _subjects;
    private readonly SafetyCovariates.Values?[] _safety;
    private readonly IReadOnlyDictionary<string, double> _typical;
    private readonly string[] _observables;
    private readonly double[] _offsets;
    private readonly bool _hasSpines;

    public ModelScheduleEvaluator(ScheduleSpec spec, ScheduleProblem problem, int maxThreads = 1)
    {
        _spec = spec;
        _problem = problem;
        int n = problem.CohortSize;
        _subjects = PopulationSampler.SampleMany(spec.Population, spec.Seed, n, 0, Math.Max(1, maxThreads));
        var patient = spec.Template.Mechanism?.Patient;
        _safety = new SafetyCovariates.Values?[n];
        if (spec.Safety.BetweenPatientVariability || spec.Safety.RestingSystolicMaxMmHg is not null || spec.Safety.RestingDiastolicMaxMmHg is not null)
            for (int i = 0; i < n; i++)
                _safety[i] = SafetyCovariates.Draw(spec.Safety, spec.Seed, i, _subjects[i].Subject.AgeYears, patient?.BaselineSystolicMmHg, patient?.BaselineDiastolicMmHg);
        var probe = WithSessions(spec.Template, [new PlannedSession(0, spec.MaintenanceDoses[0])]);
        var model = ScenarioEngine.ModelOf(probe);
        _typical = model.Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        string[] wanted = [MechanismNames.Madrs, MechanismNames.SystolicMmHg, MechanismNames.DiastolicMmHg, MechanismNames.Cadss, MechanismNames.SpineDensityRel];
        _observables = [.. wanted.Where(model.HasObservable)];
        if (!model.HasObservable(MechanismNames.Madrs))
            throw new InvalidOperationException($"The model of scenario '{spec.Template.Name}' has no MADRS.");
        _hasSpines = model.HasObservable(MechanismNames.SpineDensityRel);
        _offsets = new TrialSafety { WindowHours = problem.Limits.WindowHours }.WindowOffsetsHours();
    }

    /// <summary>Validity warnings of a regimen itself (compounds, horizon, session frequency and dose), for a typical subject.</summary>
    public IReadOnlyList<ValidityWarning> RegimenWarnings(ScheduleRegimen regimen) =>
        ValidityDomain.CheckRegimen(WithSessions(_spec.Template, regimen.Sessions) with { ParameterOverrides = _spec.Template.ParameterOverrides });

    /// <summary>The base scenario with the regimen's sessions added (one dose record per session).</summary>
    public Scenario WithSessions(Scenario template, IReadOnlyList<PlannedSession> sessions) => template with
    {
        Doses = [.. template.Doses, .. sessions.Select(s => new DoseRecord
        {
            Compound = _spec.Drug, Route = _spec.Route, Amount = s.Amount, TimeHours = s.TimeHours, DurationHours = _spec.InfusionHours,
        })],
    };

    public SubjectOutcome Evaluate(ScheduleRegimen regimen, int subjectIndex)
    {
        var visits = _problem.VisitHours;
        var times = new List<double>(visits.Count + regimen.Sessions.Count * (_offsets.Length + 1)) { 0 };
        times.AddRange(visits);
        foreach (var s in regimen.Sessions)
        {
            times.Add(s.TimeHours);
            foreach (var o in _offsets) if (s.TimeHours + o <= _spec.HorizonHours) times.Add(s.TimeHours + o);
        }
        var grid = times.Order().Distinct().ToArray();
        var scenario = WithSessions(_spec.Template, regimen.Sessions) with { Observables = _observables, OutputTimesHours = grid };
        scenario = _subjects[subjectIndex].Apply(scenario);
        if (_safety[subjectIndex] is { } v) scenario = WithSafety(scenario, v);

        var result = ScenarioRunner.Shared.RunWithRules(scenario);
        int held = result.Held.Count(h => string.Equals(h.Compound, _spec.Drug, StringComparison.OrdinalIgnoreCase));
        // Every dose held and no background: the course is the placebo context's alone.
        var run = result.Run ?? ScenarioEngine.RunScenario(_spec.Base, scenario with { Doses = [], DoseHold = null });
        var r = run.Result;
        var madrs = new double[visits.Count];
        for (int k = 0; k < visits.Count; k++) madrs[k] = SafetyMeasures.At(r, MechanismNames.Madrs, visits[k]);

        int given = 0, rises = 0, dissociations = 0;
        double largestRise = double.NaN, largestCadss = double.NaN;
        bool safetyObservables = r.Model.HasObservable(MechanismNames.SystolicMmHg) && r.Model.HasObservable(MechanismNames.Cadss);
        foreach (var d in run.Scenario.Doses)
        {
            if (!string.Equals(d.Compound, _spec.Drug, StringComparison.OrdinalIgnoreCase) || d.TimeHours >= _spec.HorizonHours - 1e-9) continue;
            given++;
            if (!safetyObservables) continue;
            double pre = SafetyMeasures.At(r, MechanismNames.SystolicMmHg, d.TimeHours);
            double end = Math.Min(d.TimeHours + _problem.Limits.WindowHours, _spec.HorizonHours);
            double rise = SafetyMeasures.PeakRise(r, MechanismNames.SystolicMmHg, pre, d.TimeHours + 1e-6, end).Value;
            var (_, peakCadss, dissociated) = SafetyMeasures.Dissociation(r, d.TimeHours, end - d.TimeHours);
            if (double.IsFinite(rise))
            {
                if (rise >= _problem.Limits.SystolicRiseMmHg) rises++;
                largestRise = double.IsNaN(largestRise) ? rise : Math.Max(largestRise, rise);
            }
            if (dissociated) dissociations++;
            if (double.IsFinite(peakCadss)) largestCadss = double.IsNaN(largestCadss) ? peakCadss : Math.Max(largestCadss, peakCadss);
        }
        var flags = ValidityDomain.SubjectFlags(r.TimesHours, r.Observable(MechanismNames.Madrs), _hasSpines ? r.Observable(MechanismNames.SpineDensityRel) : null);
        return new SubjectOutcome(madrs, given, held, rises, dissociations)
        {
            LargestSystolicRiseMmHg = largestRise, LargestCadss = largestCadss, Flags = flags,
        };
    }

    /// <summary>The subject's resting BP and sensitivities as parameter values (as a trial's safety block sets them).</summary>
    private Scenario WithSafety(Scenario scenario, SafetyCovariates.Values v)
    {
        var overrides = new Dictionary<string, double>(scenario.ParameterOverrides, StringComparer.Ordinal);
        void Set(string name, double value) { if (_typical.ContainsKey(name)) overrides[name] = value; }
        void Scale(string name, double factor)
        {
            if (!_typical.TryGetValue(name, out var typical)) return;
            overrides[name] = (overrides.TryGetValue(name, out var current) ? current : typical) * factor;
        }
        Set(SafetyParameters.BaselineSystolic, v.RestingSystolicMmHg);
        Set(SafetyParameters.BaselineDiastolic, v.RestingDiastolicMmHg);
        if (_spec.Safety.BetweenPatientVariability)
        {
            Scale(SafetyParameters.SystolicSlope, v.BloodPressureSensitivity);
            Scale(SafetyParameters.DiastolicSlope, v.BloodPressureSensitivity);
            Scale(SafetyParameters.CadssSensitivity, v.CadssSensitivity);
            Scale(SafetyParameters.SedationSensitivity, v.SedationSensitivity);
        }
        return scenario with { ParameterOverrides = overrides };
    }
}
