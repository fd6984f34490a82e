using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Safety;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// SAFE-1..SAFE-7 (calibration-targets.md): blood pressure, dissociation, sedation. Typical-patient targets
/// run the built-in scenarios of <see cref="SafetyScenarios"/>; incidence targets run the seeded
/// <see cref="SmallCohort"/> (200 subjects, default seed), once per calibration context.
/// </summary>
public sealed class SafetyCalibration : ICalibrationSet
{
    /// <summary>BP counts as back at baseline within this many mmHg (SAFE-2's definition, also used for SAFE-3's duration).</summary>
    public const double BackWithinMmHg = 3;

    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(shapes);
        void Add(string id, Func<CalibrationContext, double> f) => bands.Add(new CalibrationEvaluator(id, f));

        Add("SAFE-1/Systolic", c => IvBloodPressure(c).Systolic.Value);
        Add("SAFE-1/Diastolic", c => IvBloodPressure(c).Diastolic.Value);
        Add("SAFE-1/PeakTime", c => IvBloodPressure(c).Systolic.TimeHours * 60);
        Add("SAFE-2", c => IvBloodPressure(c).BackAfterEndHours);
        Add("SAFE-3/Systolic", c => NasalBloodPressure(c).Systolic);
        Add("SAFE-3/Diastolic", c => NasalBloodPressure(c).Diastolic);
        Add("SAFE-3/Duration", c => NasalBloodPressure(c).DurationHours);
        foreach (var mg in new[] { 56, 84 })
        {
            Add($"SAFE-5/{mg}mg", c => FirstSession(c, mg).DissociationPercent);
            Add($"SAFE-7/{mg}mg", c => FirstSession(c, mg).SedationPercent);
        }
        shapes.Add(new ShapeEvaluator("SAFE-4", DissociationShape));
        shapes.Add(new ShapeEvaluator("SAFE-6", DissociationOverSessions));
    }

    // ---------------------------------------------------------------- blood pressure (typical patient)

    public readonly record struct IvBloodPressureFigures(Peak Systolic, Peak Diastolic, double BackAfterEndHours);

    /// <summary>SAFE-1/SAFE-2: peak rises above the pre-dose value and the time after the end of infusion until both are back within 3 mmHg.</summary>
    public static IvBloodPressureFigures IvBloodPressure(CalibrationContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var r = c.Run(SafetyScenarios.KetamineIv05);
        double s0 = r.Observable(MechanismNames.SystolicMmHg)[0], d0 = r.Observable(MechanismNames.DiastolicMmHg)[0];
        var sys = SafetyMeasures.PeakRise(r, MechanismNames.SystolicMmHg, s0);
        var dia = SafetyMeasures.PeakRise(r, MechanismNames.DiastolicMmHg, d0);
        double back = SafetyMeasures.BloodPressureBackAt(r, s0, d0, Math.Max(sys.TimeHours, dia.TimeHours), BackWithinMmHg);
        return new IvBloodPressureFigures(sys, dia, back - SafetyScenarios.IvInfusionEndHours);
    }

    public readonly record struct NasalBloodPressureFigures(double Systolic, double Diastolic, double DurationHours);

    /// <summary>
    /// SAFE-3 ("esketamine 56-84 mg"): the mean over the 56- and 84-mg sessions of the peak systolic and
    /// diastolic rises, and of the duration (from the first spray until both are back within 3 mmHg).
    /// </summary>
    public static NasalBloodPressureFigures NasalBloodPressure(CalibrationContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        double s = 0, d = 0, duration = 0;
        int[] doses = [56, 84];
        foreach (var mg in doses)
        {
            var r = c.Run(SafetyScenarios.EsketamineNasal(mg));
            double s0 = r.Observable(MechanismNames.SystolicMmHg)[0], d0 = r.Observable(MechanismNames.DiastolicMmHg)[0];
            var sys = SafetyMeasures.PeakRise(r, MechanismNames.SystolicMmHg, s0);
            s += sys.Value;
            d += SafetyMeasures.PeakRise(r, MechanismNames.DiastolicMmHg, d0).Value;
            duration += SafetyMeasures.BloodPressureBackAt(r, s0, d0, sys.TimeHours, BackWithinMmHg);
        }
        return new NasalBloodPressureFigures(s / doses.Length, d / doses.Length, duration / doses.Length);
    }

    // ---------------------------------------------------------------- dissociation shape (typical patient)

    /// <summary>
    /// SAFE-4: CADSS peaks at the end of the infusion (within 5 min), is near baseline at 2 h (below the
    /// label's dissociation threshold of 4 points and below 20% of the peak rise), and rises with plasma
    /// ketamine over 50-200 ng/mL (positive slope, linear fit R² ≥ 0.9 over the grid points in that range).
    /// The concentration is arterial plasma, the one the brain equilibrates with in under a minute (Sleigh 2019)
    /// and so the one CADSS (driven by cortical NMDA block) is a function of: Bowdle 1998's 50-200 ng/mL were
    /// steady-state concentrations, where arterial and venous agree. Against venous plasma the same run traces a
    /// hysteresis loop (venous lags arterial by t½ ≈ 4.5 min); that fit is reported too, not judged.
    /// </summary>
    public static ShapeVerdict DissociationShape(CalibrationContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var r = c.Run(SafetyScenarios.KetamineIv05);
        var cadss = r.Observable(MechanismNames.Cadss);
        double baseline = cadss[0];
        var peak = SafetyMeasures.PeakRise(r, MechanismNames.Cadss, baseline);
        double endMin = SafetyScenarios.IvInfusionEndHours * 60, peakMin = peak.TimeHours * 60;
        double at2h = SafetyMeasures.At(r, MechanismNames.Cadss, 2.0) - baseline;

        (double Slope, double R2, int N) Fit(string plasmaObservable)
        {
            var plasma = r.Observable(plasmaObservable);
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < plasma.Length; i++)
                if (plasma[i] is >= 50 and <= 200) { xs.Add(plasma[i]); ys.Add(cadss[i] - baseline); }
            var (slope, r2) = LinearFit(xs, ys);
            return (slope, r2, xs.Count);
        }
        var arterial = Fit("ketamine_arterial_ng_per_ml");
        var venous = Fit("ketamine_plasma_ng_per_ml");

        bool peakAtEnd = Math.Abs(peakMin - endMin) <= 5;
        bool nearBaseline = at2h < SafetyMeasures.DissociationCadss && at2h < 0.2 * peak.Value;
        bool linear = arterial.N >= 5 && arterial.Slope > 0 && arterial.R2 >= 0.9;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"CADSS peak {peak.Value:F1} at {peakMin:F0} min (end of infusion {endMin:F0} min); at 2 h {at2h:F2} ({100 * at2h / peak.Value:F0}% of peak); " +
            $"over 50-200 ng/mL arterial plasma ketamine: slope {10 * arterial.Slope:F2} points per 10 ng/mL, R² {arterial.R2:F3} ({arterial.N} points) " +
            $"[venous plasma, hysteresis loop, not judged: slope {10 * venous.Slope:F2}, R² {venous.R2:F3}]");
        return new ShapeVerdict(peakAtEnd && nearBaseline && linear, text);
    }

    private static (double Slope, double R2) LinearFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < 2) return (double.NaN, double.NaN);
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return (sxy / sxx, sxy * sxy / (sxx * syy));
    }

    // ---------------------------------------------------------------- cohort targets

    public readonly record struct CohortSessionFigures(double DissociationPercent, double SedationPercent);

    private static readonly ConditionalWeakTable<CalibrationContext, ConcurrentDictionary<string, Lazy<object>>> CohortRuns = new();

    private static T Cached<T>(CalibrationContext c, string key, Func<T> compute) where T : notnull =>
        (T)CohortRuns.GetOrCreateValue(c).GetOrAdd(key, _ => new Lazy<object>(() => compute())).Value;

    /// <summary>SAFE-5/SAFE-7: share of the cohort with dissociation (CADSS &gt; 4 and above pre-dose) and with MOAA/S ≤ 3 in the first session.</summary>
    public static CohortSessionFigures FirstSession(CalibrationContext c, double sessionMg)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Cached(c, $"first-session-{sessionMg:G}", () =>
        {
            var cohort = new SmallCohort();
            var outcomes = cohort.Run(SafetyScenarios.EsketamineCohortSession(sessionMg),
                r => (SafetyMeasures.Dissociation(r, 0).Dissociated, SafetyMeasures.Sedation(r, 0).Sedated));
            return new CohortSessionFigures(100.0 * outcomes.Count(o => o.Dissociated) / cohort.Size, 100.0 * outcomes.Count(o => o.Sedated) / cohort.Size);
        });
    }

    /// <summary>Dissociation incidence (%) in each of the 8 twice-weekly 56-mg sessions (SAFE-6).</summary>
    public static double[] IncidenceBySession(CalibrationContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Cached(c, "twice-weekly-56", () =>
        {
            var cohort = new SmallCohort();
            var days = SafetyScenarios.TwiceWeeklySessionDays;
            var bySubject = cohort.Run(SafetyScenarios.EsketamineTwiceWeekly56,
                r => days.Select(d => SafetyMeasures.Dissociation(r, d * 24.0).Dissociated).ToArray());
            return Enumerable.Range(0, days.Count).Select(k => 100.0 * bySubject.Count(s => s[k]) / cohort.Size).ToArray();
        });
    }

    /// <summary>
    /// SAFE-6: incidence never rises from one session to the next, the week-2-4 sessions are all below the
    /// first, and the last is below the first.
    /// </summary>
    public static ShapeVerdict DissociationOverSessions(CalibrationContext c)
    {
        var incidence = IncidenceBySession(c);
        bool nonIncreasing = incidence.Zip(incidence.Skip(1)).All(p => p.Second <= p.First);
        bool fallsAfterWeek1 = incidence.Skip(2).All(x => x < incidence[0]);
        bool declines = incidence[^1] < incidence[0];
        string text = "dissociation incidence by session (56 mg twice weekly, days " +
            string.Join(", ", SafetyScenarios.TwiceWeeklySessionDays.Select(d => (d + 1).ToString(CultureInfo.InvariantCulture))) + "): " +
            string.Join(" → ", incidence.Select(x => x.ToString("F1", CultureInfo.InvariantCulture) + "%")) +
            string.Create(CultureInfo.InvariantCulture, $"; week 1 mean {(incidence[0] + incidence[1]) / 2:F1}%, week 4 mean {(incidence[^2] + incidence[^1]) / 2:F1}%");
        return new ShapeVerdict(nonIncreasing && fallsAfterWeek1 && declines, text);
    }
}
