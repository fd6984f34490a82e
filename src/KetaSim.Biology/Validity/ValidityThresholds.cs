namespace KetaSim.Biology.Validity;

/// <summary>
/// Every threshold of the validity domain, in one place (docs/validity.md gives the reasons). The calibration
/// (data/calibration/targets.yaml, ../shared/science/calibration-targets.md) covers: single ketamine infusions of
/// 0.5 mg/kg; esketamine 28-84 mg twice weekly for 4 weeks, then weekly or every other week up to 48 weeks
/// (SUSTAIN-2); oral antidepressants up to 14 weeks; MADRS inside its scale; spine density held below 1.1 × healthy.
/// </summary>
public static class ValidityThresholds
{
    /// <summary>MADRS at or below this (points) counts as the floor of the scale (0).</summary>
    public const double MadrsFloorPoints = 1;

    /// <summary>MADRS at or above this (points) counts as the ceiling of the scale (60).</summary>
    public const double MadrsCeilingPoints = 59;

    /// <summary>A floor or ceiling held longer than this (h, in a row) warns: a day.</summary>
    public const double MadrsStuckHours = 24;

    /// <summary>Spine density (relative to healthy = 1) above this warns: the model's capacity (<c>spine_density_capacity</c>,
    /// 1.05) holds it below 1.1 (MECH-8); past 1.03 the run relies on that bound rather than on calibrated behaviour.</summary>
    public const double SpineDensityNearBound = 1.03;

    /// <summary>Horizons longer than this (h) warn: 52 weeks, the end of SUSTAIN-2's maintenance (CLIN-12).</summary>
    public const double MaxCalibratedHorizonHours = 52 * 168;

    /// <summary>Ketamine or esketamine sessions in any 7-day window above this warn (calibrated: at most twice weekly; six infusions in 12 days are thrice weekly).</summary>
    public const int MaxSessionsPerWeek = 3;

    /// <summary>Weeks with more than <see cref="TwiceWeekly"/> sessions above this count warn: induction is twice weekly for 4 weeks.</summary>
    public const int MaxWeeksAboveTwiceWeekly = 4;

    /// <summary>Sessions per week of the calibrated induction.</summary>
    public const int TwiceWeekly = 2;

    /// <summary>Doses of one compound starting closer than this (h) are one session (e.g. two records at the same visit).</summary>
    public const double SessionMergeHours = 2;

    /// <summary>Esketamine nasal session above this (mg) warns: Spravato label maximum 84 mg (3 devices).</summary>
    public const double EsketamineMaxSessionMg = 84;

    /// <summary>Racemic ketamine IV session above this (mg/kg) warns: the antidepressant trials studied 0.1-1 mg/kg.</summary>
    public const double KetamineIvMaxMgPerKg = 1;

    /// <summary>Compound names whose sessions the frequency rule counts (case-insensitive; the aliases of the built-in models included).</summary>
    public static IReadOnlySet<string> KetamineLike { get; } =
        new HashSet<string>(["ketamine", "esketamine", "racemic-ketamine", "mouse-ketamine"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Names of racemic ketamine (the IV dose rule).</summary>
    public static IReadOnlySet<string> RacemicKetamine { get; } =
        new HashSet<string>(["ketamine", "racemic-ketamine"], StringComparer.OrdinalIgnoreCase);
}
