namespace KetaSim.Population.Tests.Statistics;

/// <summary>
/// The aml data set of R's survival package (Miller 1981): remission times in weeks of 23 acute
/// myelogenous leukaemia patients; event = relapse, false = censored ("+" in print).
/// </summary>
internal static class AmlData
{
    public static readonly (double Time, bool Event)[] Maintained =
    [
        (9, true), (13, true), (13, false), (18, true), (23, true), (28, false),
        (31, true), (34, true), (45, false), (48, true), (161, false),
    ];

    public static readonly (double Time, bool Event)[] Nonmaintained =
    [
        (5, true), (5, true), (8, true), (8, true), (12, true), (16, false),
        (23, true), (27, true), (30, true), (33, true), (43, true), (45, true),
    ];
}
