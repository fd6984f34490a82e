using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;

namespace KetaSim.Biology.Calibration;

/// <summary>The scenarios the calibration targets name, built in so `ketasim validate` needs no files.</summary>
public static class BuiltInScenarios
{
    private const double Minute = 1.0 / 60.0;

    /// <summary>PK-1..PK-3: racemic ketamine 0.5 mg/kg IV over 40 min, 70 kg adult, followed 24 h.</summary>
    public static Scenario KetamineIv05 { get; } = new()
    {
        Name = "ketamine-iv-0.5mgkg-40min",
        Description = "Racemic ketamine 0.5 mg/kg IV over 40 min, 70 kg (PK-1..PK-3)",
        Subject = Subject.TypicalAdult,
        Doses = [new DoseRecord { Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.5), DurationHours = 40 * Minute }],
        DurationHours = 24,
        OutputStepHours = Minute,
    };

    /// <summary>PK-4..PK-6: esketamine nasal session of 28, 56 or 84 mg, typical adult (40 y), followed 24 h.</summary>
    public static Scenario EsketamineNasal(double sessionMg) => new()
    {
        Name = $"esketamine-nasal-{sessionMg:G}mg",
        Description = $"Esketamine {sessionMg:G} mg nasal ({sessionMg / NasalSession.DeviceMg:G} devices, 5 min apart), typical adult 40 y (PK-4..PK-6)",
        Subject = Subject.TypicalAdult,
        Doses = [new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(sessionMg) }],
        DurationHours = 24,
        OutputStepHours = Minute,
    };

    /// <summary>Day of the last escitalopram dose (doses on days 1..14, the first at t = 0).</summary>
    public const int EscitalopramDays = 14;

    /// <summary>Time of the last (day-14) escitalopram dose, h.</summary>
    public const double EscitalopramLastDoseHours = (EscitalopramDays - 1) * 24.0;

    /// <summary>PK-7: escitalopram once daily for 14 days, then 8 days without drug for the terminal phase.</summary>
    public static Scenario EscitalopramDaily(double dailyMg) => new()
    {
        Name = $"escitalopram-{dailyMg:G}mg-daily",
        Description = $"Escitalopram {dailyMg:G} mg once daily for {EscitalopramDays} days, followed 8 more days (PK-7)",
        Subject = Subject.TypicalAdult,
        Doses = [new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(dailyMg), IntervalHours = 24, AdditionalDoses = EscitalopramDays - 1 }],
        DurationHours = EscitalopramLastDoseHours + 24 + 8 * 24,
        OutputStepHours = 0.25,
    };

    /// <summary>PK-8: mouse ketamine 10 mg/kg i.p., 25 g, followed 6 h.</summary>
    public static Scenario MouseKetamineIp10 { get; } = new()
    {
        Name = "mouse-ketamine-ip-10mgkg",
        Description = "Mouse (25 g) racemic ketamine 10 mg/kg i.p. (PK-8)",
        Subject = Subject.TypicalMouse,
        Doses = [new DoseRecord { Compound = "ketamine", Route = Route.Intraperitoneal, Amount = DoseAmount.MgPerKg(10) }],
        DurationHours = 6,
        OutputStepHours = Minute,
    };
}
