using KetaSim.Biology.Calibration;
using KetaSim.Population.Definitions;
using KetaSim.Population.Trials;
using Xunit;

namespace KetaSim.Population.Tests.Trials;

/// <summary>Time and sessions to response, time in remission and LOCF on hand-computed subjects.</summary>
public class EfficacyEndpointsTests
{
    private const double Week = 168;
    private static readonly double[] Visits = [Week, 2 * Week, 3 * Week, 4 * Week];

    private static TrialDefinition Trial() => new(
        "efficacy", PopulationLibrary.Get("trd-adult"), [new TrialArm("a", MechanismScenarios.EsketamineTrd(56))], Visits, 4 * Week)
    { RemissionThreshold = 12 };

    /// <summary>Baseline 40; ratings per visit (null = not observed); response ≤ 20, remission ≤ 12.</summary>
    private static SubjectOutcome Subject(double?[] scores, int? sessionsToResponse = null, double[]? retreatments = null) => new(
        0, 0, "a", 40, scores, [.. scores.Select(s => s is { } x && x <= 20)], [.. scores.Select(s => s is { } x && x <= 12)],
        null, false, null, 0, 0)
    { SessionsToResponse = sessionsToResponse, RetreatmentHours = retreatments ?? [] };

    [Fact]
    public void First_response_time_in_remission_and_locf_by_hand()
    {
        // 30 at week 1, 18 (response) at week 2, 10 (remission) at week 3, not observed at week 4 (dropped out).
        var o = Subject([30, 18, 10, null]);
        Assert.Equal(1, EfficacyEndpoints.FirstResponseVisit(o));
        Assert.Equal(2, EfficacyEndpoints.LastObservedVisit(o));
        // In remission only from week 3, which is the last observed visit: 0 h; follow-up 3 weeks.
        Assert.Equal(0, EfficacyEndpoints.RemissionHours(o, Visits));
        Assert.Equal(3 * Week, EfficacyEndpoints.FollowUpHours(o, Visits));
        // LOCF: week 4 carries week 3's 10; a visit before any rating carries the baseline.
        Assert.Equal(10, EfficacyEndpoints.LocfScore(o, 3));
        Assert.Equal(18, EfficacyEndpoints.LocfScore(o, 1));
        Assert.Equal(40, EfficacyEndpoints.LocfScore(Subject([null, null, null, null]), 2));

        // Remission at weeks 1 and 2, lost at 3, regained at 4: weeks 1-3 count (two intervals of a week).
        var r = Subject([12, 11, 25, 9]);
        Assert.Equal(2 * Week, EfficacyEndpoints.RemissionHours(r, Visits));
        Assert.Equal(0, EfficacyEndpoints.FirstResponseVisit(r));

        Assert.Equal(3, EfficacyEndpoints.SessionsUpTo([0, 84, 168, 252], 168));
        Assert.Equal(0, EfficacyEndpoints.SessionsUpTo([], 168));
    }

    [Fact]
    public void Tally_of_two_subjects_by_hand()
    {
        var trial = Trial();
        var t = new EfficacyTally(Visits.Length);
        t.Add(Subject([30, 18, 10, null], sessionsToResponse: 4), trial);               // responds at week 2 after 4 sessions; drops out after week 3
        t.Add(Subject([35, 30, 28, 26], retreatments: [2 * Week, 3 * Week]), trial);     // never responds; two re-treatment courses
        // Time to response: one event at 14 d, one censored at 28 d.
        var rows = t.DaysToResponse.Rows().ToArray();
        Assert.Equal([(14.0, 1L, 0L), (28.0, 0L, 1L)], rows.Select(x => (x.Time, x.Events, x.Censored)).ToArray());
        Assert.Equal(1, t.SessionsToResponse.Count);
        Assert.Equal(4, t.SessionsToResponse.Mean);
        Assert.Equal(0, t.RemissionWeeks.Mean);
        Assert.Equal((1L, 2L), (t.Retreated, t.Retreatments));
        // LOCF at week 4: 10 carried (change −30, response, remission) and 26 observed (change −14): mean −22.
        Assert.Equal(-22, t.LocfChange[3].Mean, 12);
        Assert.Equal((1L, 2L), (t.LocfResponse[3].Successes, t.LocfResponse[3].Trials));
        Assert.Equal((1L, 2L), (t.LocfRemission[3].Successes, t.LocfRemission[3].Trials));

        // Merging two halves gives the whole.
        var a = new EfficacyTally(Visits.Length);
        var b = new EfficacyTally(Visits.Length);
        a.Add(Subject([30, 18, 10, null], sessionsToResponse: 4), trial);
        b.Add(Subject([35, 30, 28, 26], retreatments: [2 * Week, 3 * Week]), trial);
        a.Merge(b);
        Assert.Equal(t.LocfChange[3].Mean, a.LocfChange[3].Mean);
        Assert.Equal(t.DaysToResponse.Rows(), a.DaysToResponse.Rows());
        Assert.Equal(t.Retreatments, a.Retreatments);
    }
}
