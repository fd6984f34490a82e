using KetaSim.Biology.Calibration;
using KetaSim.Biology.Circuit;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Plasticity;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Modeling.Simulation;
using Xunit;
using static KetaSim.Biology.Tests.Mechanism.MechanismRuns;

namespace KetaSim.Biology.Tests.Weeks;

/// <summary>The model over weeks: consolidation, relapse after stopping, tolerance, expectancy as a process, bounds.</summary>
public class WeeksModelTests(ITestOutputHelper output)
{
    private static DoseRecord Ketamine(double t) => new()
    { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40.0 / 60, TimeHours = t };

    private static Scenario KetamineCourse(string name, string schedule, double days, PlaceboKind placebo = PlaceboKind.None) => new()
    {
        Name = "weeks-" + name,
        Doses = [.. DosingSchedule.Parse(schedule).Select(Ketamine)],
        DurationHours = days * 24,
        OutputStepHours = 6,
        Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { BaselineMadrs = 33, Placebo = placebo } },
    };

    [Fact]
    public void A_six_infusion_series_consolidates_what_one_infusion_forms_and_it_relapses_over_weeks_after_stopping()
    {
        var single = Run(KetamineCourse("single", "once", 70));
        var series = Run(KetamineCourse("series", "three times weekly x 6", 70));
        double Consolidated(SimulationResult r, double day) => At(r, PlasticityModule.SpineConsolidatedObservable, day * 24);
        double Drug(SimulationResult r, double day) => At(r, MechanismNames.MadrsFast, day * 24) + At(r, MechanismNames.MadrsSlow, day * 24);
        output.WriteLine($"consolidated spines at day 14: single {Consolidated(single, 14):F4}, series {Consolidated(series, 14):F4}");
        output.WriteLine($"drug relief (points): single day 14 {Drug(single, 14):F2}; series day 14 {Drug(series, 14):F2}, day 28 {Drug(series, 28):F2}, day 42 {Drug(series, 42):F2}, day 70 {Drug(series, 70):F2}");
        Assert.True(Consolidated(series, 14) > 5 * Consolidated(single, 14), "a loading series consolidates, one dose barely");
        Assert.True(Drug(series, 14) > 3 * Drug(single, 14));
        // Relapse over weeks, not days: still most of the gain 2 weeks after the last infusion, under half of it after
        // 8 weeks, by which time the patient who responded at the end of the series no longer does (MADRS above half
        // of baseline 33).
        double Madrs(SimulationResult r, double day) => At(r, MechanismNames.Madrs, day * 24);
        output.WriteLine($"MADRS: series day 14 {Madrs(series, 14):F1}, day 70 {Madrs(series, 70):F1}");
        Assert.True(Drug(series, 28) > 0.5 * Drug(series, 14));
        Assert.True(Drug(series, 42) < Drug(series, 28) && Drug(series, 70) < Drug(series, 42), "relief falls steadily after stopping");
        Assert.True(Drug(series, 70) < 0.5 * Drug(series, 14));
        Assert.True(Madrs(series, 14) < 0.5 * 33 && Madrs(series, 70) > 0.5 * 33, "a responder at the end of the series has lost the response 8 weeks later");
    }

    [Fact]
    public void Weekly_maintenance_keeps_what_the_series_consolidated_and_stopping_loses_it()
    {
        var stop = Run(KetamineCourse("stop", "three times weekly x 6", 84));
        var maintain = Run(KetamineCourse("maintain", "three times weekly x 6, then weekly for 10 weeks", 84));
        double Spines(SimulationResult r, double day) => At(r, MechanismNames.SpineDensityRel, day * 24) - r.Observable(MechanismNames.SpineDensityRel)[0];
        output.WriteLine($"new spines: end of series {Spines(stop, 14):F4}; day 84 stopped {Spines(stop, 84):F4}, weekly maintenance {Spines(maintain, 84):F4}");
        // Weekly sessions keep several times what stopping keeps (the model does not yet hold the whole gain: CLIN-12 is open).
        Assert.True(Spines(maintain, 84) > 3 * Spines(stop, 84), "maintenance keeps what stopping loses");
        Assert.True(Spines(stop, 84) < 0.4 * Spines(stop, 14));
    }

    [Fact]
    public void Spine_density_cannot_pass_its_capacity_however_strong_the_drive()
    {
        var strong = KetamineCourse("capacity", "daily for 4 weeks", 28) with
        {
            ParameterOverrides = new Dictionary<string, double> { ["spine_formation_gain"] = 36.0 * 4.5 / 3.5 * 50 },
        };
        var r = Run(strong);
        double max = r.Observable(MechanismNames.SpineDensityRel).Max();
        output.WriteLine($"spine density with 50× formation, daily ketamine 4 weeks: max {max:F4} (capacity 1.05)");
        Assert.InRange(max, 0.95, 1.05 + 1e-3);
    }

    [Fact]
    public void Symptoms_scale_with_severity_and_never_leave_zero_to_baseline()
    {
        double Change(double baseline)
        {
            var s = KetamineCourse($"severity-{baseline}", "once", 2) with
            { Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { BaselineMadrs = baseline } } };
            return At(Run(s), SymptomNames.MadrsChange, 24);
        }
        double mild = Change(20), severe = Change(40);
        output.WriteLine($"24-h change: baseline 20 → {mild:F2}, baseline 40 → {severe:F2}");
        Assert.Equal(2.0, severe / mild, 3);
        var r = Run(KetamineCourse("bounds", "daily for 4 weeks", 28, PlaceboKind.OpenLabel) with
        { Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { BaselineMadrs = 60, Responsiveness = 10, PlaceboResponsiveness = 10, Placebo = PlaceboKind.OpenLabel } } });
        var raw = r.Observable(SymptomNames.MadrsUnclamped);
        Assert.True(raw.Min() > 0 && raw.Max() <= 60 + 1e-9, $"raw MADRS {raw.Min():F3}..{raw.Max():F3}");
    }

    [Fact]
    public void Expectancy_builds_with_sessions_and_visits_and_wanes_after_they_stop()
    {
        Scenario Inert(string name, string sessions, double days) => new()
        {
            Name = "weeks-expectancy-" + name,
            Doses = [],
            DurationHours = days * 24,
            OutputStepHours = 12,
            Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { BaselineMadrs = 33, Placebo = PlaceboKind.ContinuedOralAntidepressant } },
            CareContacts = [.. DosingSchedule.Parse(sessions).Select(t => new CareContact(t, CareContactKind.Session))],
        };
        var two = Run(Inert("two", "on days 1, 4", 84));
        var eight = Run(Inert("eight", "twice weekly for 4 weeks", 84));
        double E(SimulationResult r, double day) => At(r, SymptomNames.Expectancy, day * 24);
        output.WriteLine($"expectancy (sessions' worth): 2 sessions day 8 {E(two, 8):F2}; 8 sessions day 28 {E(eight, 28):F2}, day 84 {E(eight, 84):F2}");
        Assert.True(E(eight, 28) > 3 * E(two, 8) * 0.8, "reinforced by each session");
        Assert.True(E(eight, 84) < 0.5 * E(eight, 28), "wanes after sessions stop");
        // A visit reinforces less than a session.
        var visits = Run(Inert("visits", "on days 1, 4", 14) with
        { CareContacts = [.. DosingSchedule.Parse("on days 1, 4").Select(t => new CareContact(t, CareContactKind.Visit))] });
        Assert.True(E(visits, 8) < 0.5 * E(two, 8));
    }

    [Fact]
    public void Care_contacts_merge_the_devices_of_one_session_and_count_oral_doses_as_no_session()
    {
        var s = new Scenario
        {
            Name = "contacts",
            Doses =
            [
                new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(84), TimeHours = 0 },
                new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 6 },
            ],
            DurationHours = 168,
            CareContacts = [new CareContact(1, CareContactKind.Visit), new CareContact(72, CareContactKind.Visit)],
        };
        var contacts = CareContacts.Of(s);
        Assert.Equal([new CareContact(0, CareContactKind.Session), new CareContact(72, CareContactKind.Visit)], contacts);
    }

    [Fact]
    public void Repeated_GPCR_agonism_desensitises_and_recovers_over_days()
    {
        DoseRecord Oral(string c, double t) => new() { Compound = c, Route = Route.Oral, Amount = DoseAmount.MgPerKg(1), TimeHours = t };
        var daily = new Scenario
        {
            Name = "weeks-tolerance",
            Doses = [.. DosingSchedule.Parse("daily for 4 weeks").SelectMany(t => new[] { Oral("illustrative-mor-agonist", t), Oral("illustrative-rxfp3-agonist", t) })],
            DurationHours = 42 * 24,
            OutputStepHours = 1,
            Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd },
        };
        var r = Run(daily);
        double Reduction(double day)
        {
            var x = r.Observable(CircuitModule.SstDriveReduction);
            return Enumerable.Range(0, r.TimesHours.Length).Where(k => r.TimesHours[k] >= day * 24 && r.TimesHours[k] < day * 24 + 24).Max(k => x[k]);
        }
        double d27 = At(r, "desensitisation_MOR_SST", 27 * 24 + 20), d42 = At(r, "desensitisation_MOR_SST", 42 * 24);
        output.WriteLine($"peak SST drive reduction day 1 {Reduction(0):F4}, day 27 {Reduction(27):F4}; MOR desensitisation day 27 {d27:F3}, 2 weeks after the last dose {d42:F3}");
        Assert.True(Reduction(27) < 0.85 * Reduction(0), "tolerance to the daily agonists");
        Assert.True(d42 < 0.1 * d27, "recovers over days once dosing stops");
    }

    [Fact]
    public void NonNegative_is_zero_at_zero_and_never_below_it()
    {
        foreach (double v in new[] { -1e3, -1, -1e-3, -1e-9, 0, 1e-9, 1e-3, 1, 1e3 })
        {
            double f = KetaSim.Modeling.Expressions.Evaluate.At(MechanismExpr.NonNegative(new KetaSim.Modeling.Expressions.Constant(v), 1e-3), 0, [], []);
            Assert.True(f >= 0, $"NonNegative({v}) = {f}");
            if (v == 0) Assert.Equal(0, f);
            if (v >= 1) Assert.Equal(v - 1e-3, f, 6);
        }
    }
}
