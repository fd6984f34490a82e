using KetaSim.Population.Statistics;

namespace KetaSim.Population.Trials;

/// <summary>
/// The suicidality endpoints of a trial (docs/trial-format.md, <c>endpoints.suicidality</c>): MADRS item 10 (suicidal
/// thoughts, 0-6) and the clinician-rated severity of suicidality (CGI-SS-r style, 0-6) at every visit, their change
/// from baseline, the share with item 10 at or below <paramref name="Item10Max"/> (no more than fleeting thoughts) and
/// resolution of suicidality (severity at or below <paramref name="CgiMax"/>). A population statement about ideation
/// ratings, never a prediction of any person's risk of suicide (docs/model/suicidal-ideation.md).
/// </summary>
public sealed record SuicidalityEndpoints(double Item10Max = 1, double CgiMax = 1)
{
    /// <summary>Rater noise of one item-10 rating, points (before rounding): assumption, a single 0-6 item rated twice by
    /// trained raters rarely differs by more than one point.</summary>
    public const double Item10NoiseSdPoints = 0.5;

    /// <summary>Rater noise of one CGI-SS-r rating, points (before rounding): assumption, as for item 10.</summary>
    public const double CgiNoiseSdPoints = 0.5;
}

/// <summary>One subject's suicidality ratings: baseline, then each visit (null once dropped out).</summary>
public sealed record SuicidalityScores(double BaselineItem10, double BaselineCgi, IReadOnlyList<double?> Item10, IReadOnlyList<double?> Cgi)
{
    public double? Item10Change(int visit) => Item10[visit] is { } s ? s - BaselineItem10 : null;
    public double? CgiChange(int visit) => Cgi[visit] is { } s ? s - BaselineCgi : null;
}

/// <summary>One arm at one visit: item-10 and severity change, the share with item 10 ≤ its threshold, and resolution.</summary>
public sealed record SuicidalityVisit(RunningMoments Item10Change, RunningMoments CgiChange, ProportionCounter Item10Low, ProportionCounter Resolved);

/// <summary>
/// An arm against the control at one visit on the suicidality ratings: Welch differences of mean change and Cohen's d
/// (control's mean change minus the arm's, over the pooled SD of change: positive when the arm relieves more).
/// </summary>
public sealed record SuicidalityComparison(MeanDifference? Item10Difference, double Item10CohensD, MeanDifference? CgiDifference, double CgiCohensD,
    double Item10LowDifference, double ResolvedDifference)
{
    /// <summary>(mean change of the control − mean change of the arm) / pooled SD of change; NaN when either arm has fewer than two.</summary>
    public static double CohensD(in RunningMoments arm, in RunningMoments control)
    {
        if (arm.Count < 2 || control.Count < 2) return double.NaN;
        double pooled = ((arm.Count - 1) * arm.Variance + (control.Count - 1) * control.Variance) / (arm.Count + control.Count - 2);
        return pooled > 0 ? (control.Mean - arm.Mean) / Math.Sqrt(pooled) : double.NaN;
    }

    public static SuicidalityComparison Of(SuicidalityVisit arm, SuicidalityVisit control) => new(
        arm.Item10Change.Count >= 2 && control.Item10Change.Count >= 2 ? MeanDifference.Welch(arm.Item10Change, control.Item10Change) : null,
        CohensD(arm.Item10Change, control.Item10Change),
        arm.CgiChange.Count >= 2 && control.CgiChange.Count >= 2 ? MeanDifference.Welch(arm.CgiChange, control.CgiChange) : null,
        CohensD(arm.CgiChange, control.CgiChange),
        arm.Item10Low.Proportion - control.Item10Low.Proportion,
        arm.Resolved.Proportion - control.Resolved.Proportion);
}
