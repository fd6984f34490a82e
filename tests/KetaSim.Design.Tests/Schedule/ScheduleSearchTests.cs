using KetaSim.Biology.Dosing;
using KetaSim.Design.Schedule;

namespace KetaSim.Design.Tests.Schedule;

/// <summary>
/// The search on a surrogate response with a known answer, without the model: subject i (u_i = (i + 0.5)/N) is in remission at a
/// visit when u_i &lt; exp(−ln 2 · Δ / t½), Δ the time since the last session before the visit, so the cohort's remission share is
/// about 2^(−Δ/t½). Loading: 4 sessions 3.5 d apart (0, 84, 168, 252 h); maintenance every I (a whole number of weeks) after
/// the last, and weekly visits: the longest Δ over the visits from week 4 is I − 3.5 d, so the largest feasible interval for a
/// target share of 0.5 is the largest I with I − 3.5 d ≤ t½.
/// </summary>
public class ScheduleSearchTests
{
    private const double Week = 168, Day = 24;
    private static readonly DoseAmount Dose56 = DoseAmount.Mg(56), Dose84 = DoseAmount.Mg(84);

    private static ScheduleProblem Problem(double share = 0.5, int n = 200, SessionLimits? limits = null) =>
        new([.. Enumerable.Range(1, 16).Select(k => k * Week)], new RemissionTarget(share, 4 * Week, 10), limits ?? new SessionLimits(), n);

    private static ScheduleRegimen[] Grid(params double[] intervalWeeks) =>
        [.. intervalWeeks.Select(w => ScheduleRegimen.LoadingThenMaintenance(4, 3.5 * Day, Dose56, w * Week, Dose56, 16 * Week))];

    /// <summary>The surrogate; <paramref name="halfLifeFor"/> gives each regimen's t½ (h), <paramref name="riseWhen"/> marks sessions with a BP rise.</summary>
    private static SubjectEvaluator Surrogate(ScheduleProblem p, Func<ScheduleRegimen, double> halfLifeFor, Func<PlannedSession, bool>? riseWhen = null) => (g, i) =>
    {
        double u = (i + 0.5) / p.CohortSize, half = halfLifeFor(g);
        var madrs = new double[p.VisitHours.Count];
        for (int k = 0; k < madrs.Length; k++)
        {
            double t = p.VisitHours[k];
            var before = g.Sessions.Where(s => s.TimeHours < t).ToArray();
            madrs[k] = before.Length > 0 && u < Math.Exp(-Math.Log(2) * (t - before[^1].TimeHours) / half) ? 5 : 30;
        }
        int rises = riseWhen is null ? 0 : g.Sessions.Count(riseWhen);
        return new SubjectOutcome(madrs, g.SessionCount, 0, rises, 0);
    };

    /// <summary>Subjects remitting at Δ: those with (i + 0.5)/N &lt; 2^(−Δ/t½), counted directly.</summary>
    private static double ShareAt(double delta, double half, int n) => Enumerable.Range(0, n).Count(i => (i + 0.5) / n < Math.Exp(-Math.Log(2) * delta / half)) / (double)n;

    [Theory]
    [InlineData(7, 1)]
    [InlineData(14, 2)]
    [InlineData(21, 3)]
    public void Recovers_the_largest_feasible_maintenance_interval_computed_by_hand(double halfLifeDays, int expectedWeeks)
    {
        var p = Problem();
        double half = halfLifeDays * Day;
        var grid = Grid(1, 2, 3, 4);
        var r = ScheduleSearch.Run(p, grid, null, Surrogate(p, _ => half), maxThreads: 2, cancel: TestContext.Current.CancellationToken);

        // By hand: the largest I (weeks) with I − 3.5 d ≤ t½.
        int byHand = new[] { 1, 2, 3, 4 }.Where(w => w * Week - 3.5 * Day <= half).Max();
        Assert.Equal(expectedWeeks, byHand);
        Assert.True(r.TargetMet);
        Assert.Equal(byHand * Week, r.Chosen!.Regimen.MaintenanceIntervalHours);
        // Every candidate's worst share is the share at Δ = I − 3.5 d, and feasibility follows the target.
        foreach (var c in r.Candidates)
        {
            double expected = ShareAt(c.Regimen.MaintenanceIntervalHours!.Value - 3.5 * Day, half, p.CohortSize);
            Assert.Equal(expected, c.MinWindowRemission, 12);
            Assert.Equal(expected >= 0.5, c.Feasible);
        }
        // Sessions: 4 loading + maintenance sessions before week 16 after 252 h.
        int maintenance = (int)Math.Floor((16 * Week - 252 - 1e-9) / (byHand * Week));
        Assert.Equal(4 + maintenance, r.Chosen.Sessions);
    }

    [Fact]
    public void A_limit_rules_out_the_sparser_schedule_that_needs_the_higher_dose()
    {
        // 84 mg doubles the durability (t½ 28 d instead of 14 d) but every 84-mg session raises systolic BP by >= 40 mmHg.
        var p = Problem(limits: new SessionLimits { SystolicRiseShareMax = 0.10 });
        ScheduleRegimen[] grid =
        [
            .. new[] { 1, 2, 3, 4 }.SelectMany(w => new[] { Dose56, Dose84 }
                .Select(d => ScheduleRegimen.LoadingThenMaintenance(4, 3.5 * Day, Dose56, w * Week, d, 16 * Week))),
        ];
        var evaluate = Surrogate(p, g => g.MaintenanceDose == Dose84 ? 28 * Day : 14 * Day, s => s.Amount == Dose84);

        var limited = ScheduleSearch.Run(p, grid, null, evaluate, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(2 * Week, limited.Chosen!.Regimen.MaintenanceIntervalHours);
        Assert.Equal(Dose56, limited.Chosen.Regimen.MaintenanceDose);
        Assert.All(limited.Candidates.Where(c => c.Regimen.MaintenanceDose == Dose84), c => Assert.False(c.WithinLimits));
        Assert.All(limited.Pareto, c => Assert.True(c.WithinLimits));

        // Without the limit the 84-mg schedule every 4 weeks (Δ 24.5 d ≤ 28 d) is feasible and has the fewest sessions.
        var free = ScheduleSearch.Run(p with { Limits = new SessionLimits() }, grid, null, evaluate, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(4 * Week, free.Chosen!.Regimen.MaintenanceIntervalHours);
        Assert.Equal(Dose84, free.Chosen.Regimen.MaintenanceDose);
    }

    [Fact]
    public void Unreachable_target_reports_the_best_reachable_schedule()
    {
        var p = Problem(share: 0.99);
        var r = ScheduleSearch.Run(p, Grid(1, 2, 3, 4), null, Surrogate(p, _ => 14 * Day), cancel: TestContext.Current.CancellationToken);
        Assert.False(r.TargetMet);
        Assert.Null(r.Chosen);
        // Weekly maintenance keeps Δ at 3.5 d: the highest worst-visit share, below the target.
        Assert.Equal(1 * Week, r.Best.Regimen.MaintenanceIntervalHours);
        Assert.Equal(ShareAt(3.5 * Day, 14 * Day, p.CohortSize), r.Best.MinWindowRemission, 12);
        Assert.True(r.Best.MinWindowRemission < 0.99);
    }

    [Fact]
    public void Ties_in_sessions_go_to_the_higher_worst_visit_remission_and_the_front_and_reference_match_follow()
    {
        var p = Problem(n: 10);
        CandidateResult Make(int index, int sessions, double minShare)
        {
            // Ten subjects: the first round(10 × share) remit at every visit, the rest never.
            int remitters = (int)Math.Round(10 * minShare);
            var outcomes = Enumerable.Range(0, 10).Select(i => new SubjectOutcome(
                [.. p.VisitHours.Select(_ => i < remitters ? 5.0 : 30.0)], sessions, 0, 0, 0)).ToArray();
            var sessionsList = Enumerable.Range(0, sessions).Select(k => new PlannedSession(k * 84, Dose56)).ToArray();
            return ScheduleSearch.Summarise(p, new ScheduleRegimen($"c{index}", sessionsList), index, outcomes);
        }
        var a = Make(0, 10, 0.6);
        var b = Make(1, 10, 0.7);
        var c = Make(2, 12, 0.9);
        var d = Make(3, 8, 0.4);
        var e = Make(4, 12, 0.8);
        var reference = Make(-1, 16, 0.7) with { Index = -1 };

        var r = ScheduleSearch.Decide(p, [a, b, c, d, e], reference);
        Assert.Equal(1, r.Chosen!.Index);                       // 10 sessions each: 0.7 beats 0.6
        Assert.Equal([3, 1, 2], r.Pareto.Select(x => x.Index));  // 8/0.4, 10/0.7, 12/0.9; 12/0.8 and 10/0.6 are dominated
        Assert.Equal(1, r.MatchesReference!.Index);              // fewest sessions with worst share >= 0.7
        Assert.Equal(6, r.SessionsSavedAtReferenceRemission);

        // Exact ties (sessions and remission) keep grid order.
        var twin = Make(5, 10, 0.7);
        Assert.Equal(1, ScheduleSearch.Decide(p, [twin with { Index = 7 }, b], null).Chosen!.Index);
    }

    [Fact]
    public void Same_result_for_any_thread_count()
    {
        var p = Problem(n: 97);
        var grid = Grid(1, 2, 3, 4);
        var eval = Surrogate(p, g => 10 * Day + g.MaintenanceIntervalHours!.Value / 10);
        var one = ScheduleSearch.Run(p, grid, grid[1], eval, maxThreads: 1, cancel: TestContext.Current.CancellationToken);
        var four = ScheduleSearch.Run(p, grid, grid[1], eval, maxThreads: 4, cancel: TestContext.Current.CancellationToken);
        Assert.Equal(ScheduleWriterCsv(one), ScheduleWriterCsv(four));
        Assert.Equal(one.Best.Index, four.Best.Index);
    }

    private static string ScheduleWriterCsv(ScheduleSearchResult r) => ScheduleWriter.Csv(r);

    [Fact]
    public void Loading_then_maintenance_places_sessions_before_the_horizon()
    {
        var g = ScheduleRegimen.LoadingThenMaintenance(4, 3.5 * Day, Dose56, 2 * Week, Dose84, 6 * Week);
        Assert.Equal([0, 84, 168, 252, 588, 924], g.Sessions.Select(s => s.TimeHours));
        Assert.Equal([Dose56, Dose56, Dose56, Dose56, Dose84, Dose84], g.Sessions.Select(s => s.Amount));
        Assert.Equal("load 4x3.5 d 56 mg, then every 2 w 84 mg", g.Label);
    }

    [Fact]
    public void A_step_down_reproduces_the_label_pattern()
    {
        // Eight sessions twice weekly, weekly, then every 2 weeks from week 8: the label's 16 sessions over 16 weeks.
        var g = ScheduleRegimen.LoadingThenMaintenance(8, 3.5 * Day, Dose56, Week, Dose56, 16 * Week, 8 * Week, 2 * Week);
        double[] days = [0, 3.5, 7, 10.5, 14, 17.5, 21, 24.5, 31.5, 38.5, 45.5, 52.5, 66.5, 80.5, 94.5, 108.5];
        Assert.Equal(days, g.Sessions.Select(s => s.TimeHours / Day));
        Assert.Equal("load 8x3.5 d 56 mg, then every 1 w 56 mg, every 2 w from 8 w", g.Label);
        Assert.Throws<ArgumentException>(() => ScheduleRegimen.LoadingThenMaintenance(8, 3.5 * Day, Dose56, Week, Dose56, 16 * Week, 8 * Week, null));
    }
}
