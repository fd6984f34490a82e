using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Serotonin;

/// <summary>The SSRI-course scenarios of MECH-6 and CLIN-9 (and the tests).</summary>
public static class SerotoninScenarios
{
    /// <summary>Course length of the SSRI-vs-placebo comparison (Taylor 2006 pooled 6-week trials), days.</summary>
    public const int CourseDays = 42;

    /// <summary>
    /// A typical MDD patient of an SSRI-versus-placebo trial: depressed (stress severity 1, MADRS 30 at
    /// baseline), not treatment-resistant (such trials exclude TRD), full serotonergic responsiveness,
    /// and an inert-pill placebo context (the same in both arms, so it cancels in the difference).
    /// </summary>
    public static PatientState MddPatient { get; } = new()
    {
        StressSeverity = 1.0,
        BaselineMadrs = 30,
        TreatmentResistant = false,
        SerotonergicResponsiveness = 1.0,
        Placebo = PlaceboKind.Saline,
    };

    /// <summary>
    /// Escitalopram once daily from t = 0 for <paramref name="doseDays"/> days, followed to
    /// <paramref name="durationDays"/>; with <paramref name="placebo"/> the same tablets are inert (nothing is
    /// absorbed: esc_ka = 0), which is the placebo arm of the same patient. <paramref name="patientTag"/> names
    /// the patient in the scenario name (runs are cached by name), so give each patient state its own tag.
    /// </summary>
    public static Scenario EscitalopramCourse(double dailyMg = 10, int doseDays = CourseDays, double? durationDays = null,
        bool placebo = false, PatientState? patient = null, string patientTag = "mdd", double outputStepHours = 0.5)
    {
        double days = durationDays ?? doseDays;
        string arm = placebo ? "placebo" : $"escitalopram-{dailyMg:G}mg";
        return new Scenario
        {
            Name = $"{arm}-daily-{doseDays}d-of-{days:G}d-{patientTag}",
            Description = placebo
                ? $"Placebo tablet once daily for {doseDays} days (escitalopram schedule, nothing absorbed), followed {days:G} days"
                : $"Escitalopram {dailyMg:G} mg once daily for {doseDays} days, followed {days:G} days",
            Subject = Subject.TypicalAdult,
            Doses = [new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(dailyMg), IntervalHours = 24, AdditionalDoses = doseDays - 1 }],
            DurationHours = days * 24,
            OutputStepHours = outputStepHours,
            Mechanism = new MechanismSettings { Patient = patient ?? MddPatient },
            ParameterOverrides = placebo ? new Dictionary<string, double> { ["esc_ka"] = 0 } : new Dictionary<string, double>(),
        };
    }
}
