using KetaSim.Biology.Circuit;
using KetaSim.Biology.Mechanism;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Symptoms;

/// <summary>
/// Expectancy amplitudes (MADRS points) per <see cref="PlaceboKind"/>: a sustained part that sets in
/// over about an hour and stays, and an acute session part that peaks ~1.4 h after the first session
/// and fades within a day. The kind arrives as a number (patient_placebo_kind); each amplitude is a
/// derived parameter selected by indicator steps, so a new kind needs no recompile.
/// </summary>
public static class PlaceboTable
{
    /// <param name="OnsetTauHours">The kind's own onset time of the sustained part; null = the shared <c>placebo_onset_tau_h</c>.</param>
    public sealed record Amplitudes(double SustainedPoints, double AcutePoints, Provenance Provenance, double? OnsetTauHours = null, Provenance? OnsetProvenance = null);

    public static IReadOnlyDictionary<PlaceboKind, Amplitudes> Defaults { get; } = new Dictionary<PlaceboKind, Amplitudes>
    {
        [PlaceboKind.None] = new(0, 0, Provenance.Assume("no treatment context (mechanistic runs)")),
        [PlaceboKind.Saline] = new(3.0, 3.0, Provenance.Assume(
            "inert infusion/spray without an oral antidepressant: less than an active placebo (system.md §5); no calibration target isolates it")),
        [PlaceboKind.ActivePlacebo] = new(11.75, 3.0, Provenance.Calibrated(
            "virtual cohorts of CLIN-1 and CLIN-2/3 together: the midazolam arm's mean (−8.8 MADRS at 24 h, band −11.8 to −5.8, Murrough 2013) and the ketamine arm's day-7 response and remission (Han 2016), which need an expectancy that outlasts the drug effect; the population mean (the typical patient) of a blinded infusion trial; the acute part taken as for saline")),
        [PlaceboKind.NewOralAntidepressant] = new(6.1, 6.3, Provenance.Calibrated(
            "CLIN-5/6/7 placebo arm (Daly 2018): −9.7 at 2 h, −5.7 at 24 h, −4.9 at day 8; population-mean amplitudes (the trd-adult median patient's are 1/1.166 of these)")),
        [PlaceboKind.Tablet] = new(TabletSustainedPoints, 0, Provenance.Calibrated(
            "CLIN-10: placebo-arm response 35-40% at 8 weeks in MDD trials (Furukawa 2016), population mean of the mdd-adult cohort; no session effect (no infusion or spray)"),
            OnsetTauHours: 14 * 24, OnsetProvenance: Provenance.Assume(
                "placebo response in antidepressant trials accrues over the first weeks of visits, not within hours; 2 weeks taken (no calibration target resolves the onset)")),
    };

    /// <summary>Sustained expectancy of a daily tablet in an antidepressant trial, MADRS points (calibrated, see the table).</summary>
    public const double TabletSustainedPoints = 14.0;

    /// <summary>(sustained, acute) amplitude expressions and the onset time of the sustained part for the patient's placebo kind code.</summary>
    public static (Expr Sustained, Expr Acute, Expr OnsetTauHours) Contribute(ModelBuilder b, Expr sharedOnsetTauHours)
    {
        var code = MechanismExpr.GetOrAdd(b, MechanismNames.Patient.PlaceboKindCode, 0, "1",
            Provenance.Assume("no treatment context unless the scenario says (the runner sets it from PatientState.Placebo)"),
            "Placebo kind: 0 none, 1 saline, 2 active placebo, 3 newly started oral antidepressant, 4 tablet");
        Expr sustained = 0.0, acute = 0.0, onsetTau = sharedOnsetTauHours;
        foreach (var (kind, a) in Defaults)
        {
            if (kind == PlaceboKind.None) continue;
            string name = kind.ToString().ToLowerInvariant();
            var s = b.Parameter($"placebo_sustained_{name}_points", a.SustainedPoints, "points", a.Provenance, $"Sustained expectancy ({kind}), MADRS points");
            var q = b.Parameter($"placebo_acute_{name}_points", a.AcutePoints, "points", a.Provenance, $"Acute session expectancy at its peak ({kind}), MADRS points");
            int k = (int)kind;
            Expr isKind = Expr.Step(code - (k - 0.5)) - Expr.Step(code - (k + 0.5));
            sustained += isKind * s;
            acute += isKind * q;
            if (a.OnsetTauHours is { } tau)
            {
                var t = b.Parameter($"placebo_onset_{name}_tau_h", tau, "h", a.OnsetProvenance ?? a.Provenance, $"Onset time of the sustained expectancy ({kind})");
                onsetTau += isKind * (t - sharedOnsetTauHours);
            }
        }
        var sSel = b.Derived("placebo_sustained_points", sustained, "points", "Sustained expectancy of this patient's treatment context");
        var aSel = b.Derived("placebo_acute_points", acute, "points", "Acute session expectancy (peak) of this patient's treatment context");
        var tSel = b.Derived("placebo_onset_selected_tau_h", onsetTau, "h", "Onset time of the sustained expectancy in this patient's treatment context");
        return (sSel, aSel, tSel);
    }
}
