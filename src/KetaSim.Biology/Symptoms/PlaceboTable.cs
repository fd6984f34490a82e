using KetaSim.Biology.Circuit;
using KetaSim.Biology.Mechanism;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Expectancy amplitudes per treatment context (<see cref="PlaceboKind"/>), in relief odds (the drive of the relief
/// fraction z/(1 + z), <see cref="SymptomsModule.Relief"/>): a sustained amplitude per session's worth of expectancy
/// built by contacts with care, and an acute amplitude at the peak of each session's own effect. The context arrives
/// as a number (patient_placebo_kind) so that a trial can change it between phases without recompiling; each
/// amplitude is a derived parameter selected by indicator steps.
/// </summary>
public static class PlaceboTable
{
    public sealed record Amplitudes(double SustainedPerSession, double AcuteAtPeak, Provenance Provenance);

    public static IReadOnlyDictionary<PlaceboKind, Amplitudes> Defaults { get; } = new Dictionary<PlaceboKind, Amplitudes>
    {
        [PlaceboKind.None] = new(0, 0, Provenance.Assume("no treatment context (mechanistic runs)")),
        [PlaceboKind.Saline] = new(0.075, 0.15, Provenance.Assume(
            "inert infusion or spray without an oral antidepressant: less than an active placebo or a spray with an antidepressant (system.md §5); no calibration target isolates it, taken as two thirds of the continued-antidepressant spray")),
        [PlaceboKind.ActivePlacebo] = new(0.50, 0.15, Provenance.Calibrated(
            "virtual cohorts of CLIN-1 (midazolam arm −8.8 at 24 h after one session, Murrough 2013) and CLIN-2/3 (the ketamine arm's day-7 response and remission, Han 2016); acute part as for saline")),
        [PlaceboKind.NewOralAntidepressant] = new(0.125, 0.30, Provenance.Assume(
            "taken as the continued-antidepressant spray plus the hope of a new tablet (system.md §5: larger with a newly started oral antidepressant); no blinded target isolates it since CLIN-5..7 continued their antidepressant")),
        [PlaceboKind.Tablet] = new(1.15, 0, Provenance.Calibrated(
            "CLIN-10: placebo-arm response 35-40% at 8 weeks in MDD trials (Furukawa 2016), population mean of the mdd-adult cohort; the contacts are visits only (no sessions), so the amplitude per session's worth is larger")),
        [PlaceboKind.ContinuedOralAntidepressant] = new(0.105, 0.30, Provenance.Calibrated(
            "CLIN-5/6/7 placebo arm (Daly 2018: −9.7 at 2 h, −5.7 at 24 h, −4.9 at day 8 after two sessions) with CLIN-14 (Takahashi 2021: −15.3 at day 28 after eight sessions), both on a continued oral antidepressant")),
        [PlaceboKind.OpenLabel] = new(0.06, 0.30, Provenance.Calibrated(
            "CLIN-11 (SUSTAIN-2 open-label induction: remission and response at day 28): patient and rater know an active treatment is given; CLIN-13 (SYNAPSE open label) still misses")),
        [PlaceboKind.HospitalStandardOfCare] = new(0.30, 0.45, Provenance.Calibrated(
            "CLIN-16 (ASPIRE I, Fu 2020): the placebo-spray arm on standard of care (psychiatric hospitalisation, a newly started or optimised oral antidepressant, intensive contact) fell by 12.8 MADRS points at 24 h from 41.0, twice the relative fall of a placebo spray alone (CLIN-6)")),
    };

    /// <summary>(sustained per session's worth, acute at peak) amplitude expressions for the patient's context code.</summary>
    public static (Expr Sustained, Expr Acute) Contribute(ModelBuilder b)
    {
        var code = MechanismExpr.GetOrAdd(b, MechanismNames.Patient.PlaceboKindCode, 0, "1",
            Provenance.Assume("no treatment context unless the scenario says (the runner sets it from PatientState.Placebo)"),
            "Placebo kind: 0 none, 1 saline, 2 active placebo, 3 newly started oral antidepressant, 4 tablet, 5 continued oral antidepressant, 6 open label, 7 hospital standard of care");
        Expr sustained = 0.0, acute = 0.0;
        foreach (var (kind, a) in Defaults)
        {
            if (kind == PlaceboKind.None) continue;
            string name = Name(kind);
            var s = b.Parameter($"placebo_sustained_{name}_per_session", a.SustainedPerSession, "1", a.Provenance, $"Expectancy relief drive per session's worth of expectancy ({kind})");
            var q = b.Parameter($"placebo_acute_{name}", a.AcuteAtPeak, "1", a.Provenance, $"Acute session expectancy drive at its peak ({kind})");
            int k = (int)kind;
            Expr isKind = Expr.Step(code - (k - 0.5)) - Expr.Step(code - (k + 0.5));
            sustained += isKind * s;
            acute += isKind * q;
        }
        // A patient who has failed two or more adequate oral trials expects less from another tablet (expectancy
        // models of antidepressant placebo response: Rutherford & Roose 2013, Am J Psychiatry 170:723), while a new kind
        // of treatment (sessions in clinic) keeps its own amplitude.
        var trd = MechanismExpr.GetOrAdd(b, MechanismNames.Patient.TreatmentResistant, 1, "1", Provenance.Assume("typical TRD patient"), "Treatment-resistant depression (0/1)");
        var tabletTrd = b.Parameter("placebo_tablet_trd_factor", 0.7, "1", Provenance.Calibrated(
            "CLIN-15 (STAR*D level 3, remission 13.7% after two failed trials) against CLIN-8 (level 1, 28%) in the same MDD population and tablet context: the serotonergic TRD factor alone leaves level 3 near level 1"),
            "Share of the tablet context's expectancy left in treatment-resistant patients");
        int tablet = (int)PlaceboKind.Tablet;
        Expr isTablet = Expr.Step(code - (tablet - 0.5)) - Expr.Step(code - (tablet + 0.5));
        sustained *= 1.0 - isTablet * (1.0 - tabletTrd) * trd;
        var sSel = b.Derived("placebo_sustained_per_session", sustained, "1", "Expectancy relief drive per session's worth in this patient's treatment context");
        var aSel = b.Derived("placebo_acute_at_peak", acute, "1", "Acute session expectancy drive (peak) in this patient's treatment context");
        return (sSel, aSel);
    }

    /// <summary>The context's name in parameter names (snake case).</summary>
    public static string Name(PlaceboKind kind) => kind switch
    {
        PlaceboKind.ActivePlacebo => "active_placebo",
        PlaceboKind.NewOralAntidepressant => "new_oral_antidepressant",
        PlaceboKind.ContinuedOralAntidepressant => "continued_oral_antidepressant",
        PlaceboKind.OpenLabel => "open_label",
        PlaceboKind.HospitalStandardOfCare => "hospital_standard_of_care",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
