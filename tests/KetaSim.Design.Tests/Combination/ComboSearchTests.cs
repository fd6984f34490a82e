using KetaSim.Design.Combination;

namespace KetaSim.Design.Tests.Combination;

/// <summary>The combination designer on analytic problems whose answers are known.</summary>
public class ComboSearchTests
{
    [Fact]
    public void Finds_the_known_best_combination_and_pareto_front()
    {
        var r = ComboSearch.Run(SyntheticProblems.Quadratic(target: 2), SyntheticProblems.Settings());
        var best = Assert.IsType<ComboPoint>(r.BestPoint);
        // Analytic optimum on the isobole d1 + d2 = 2: (1.6, 0.4), burden 3.2.
        Assert.InRange(best.Effect, 2 - 0.01, 2.05);
        Assert.InRange(best.Burden, 0.8 * best.Effect * best.Effect * (1 - 1e-9), 3.2 * 1.02);
        Assert.InRange(best.Doses[0], 1.52, 1.68);
        Assert.InRange(best.Doses[1], 0.33, 0.47);
        // Solo effective doses are 2 and 2, so the best point's fractions are 0.8 and 0.2.
        Assert.All(r.Solo, s => Assert.Equal(2, s.EffectiveDose, 2));
        Assert.Equal(0.8, best.Fractions[0], 1);
        // The front: no point beats the analytic front burden = 0.8·E², and the front reaches it at the target and beyond.
        Assert.NotEmpty(r.Pareto);
        foreach (var i in r.Pareto)
        {
            var x = r.Points[i];
            Assert.True(x.Reaches);
            Assert.True(x.Burden >= 0.8 * x.Effect * x.Effect * (1 - 1e-9), $"point {i} beats the analytic front");
        }
        foreach (var level in new[] { 2.0, 2.5, 3.2, 4.0, 5.0 })
            Assert.Contains(r.Pareto, i => Math.Abs(r.Points[i].Effect - level) < 0.05 * level && r.Points[i].Burden <= 1.03 * 0.8 * r.Points[i].Effect * r.Points[i].Effect);
        // Pareto: mutually non-dominated, and every reaching point is dominated by (or is) a front point.
        foreach (var i in r.Pareto)
            foreach (var j in r.Pareto)
                if (i != j) Assert.False(r.Points[j].Effect >= r.Points[i].Effect && r.Points[j].Burden <= r.Points[i].Burden);
        foreach (var x in r.Points.Where(x => x.Reaches && x.Doses.All(d => d > 0)))
            Assert.Contains(r.Pareto, i => r.Points[i].Effect >= x.Effect - 1e-12 && r.Points[i].Burden <= x.Burden + 1e-12);
        Assert.All(r.Points, x => Assert.Equal(r.Pareto.Contains(x.Index), x.OnPareto));
    }

    [Fact]
    public void An_unreachable_target_reports_the_best_reachable_point()
    {
        // Effect d1 + d2 is at most 20 in the box: ask for 25.
        var r = ComboSearch.Run(SyntheticProblems.Quadratic(target: 25), SyntheticProblems.Settings());
        Assert.Null(r.Best);
        Assert.False(r.Verdict.TargetReached);
        Assert.StartsWith("NOT REACHED", r.Verdict.Text);
        Assert.All(r.Solo, s => Assert.False(s.Reached));
        Assert.All(r.Solo, s => Assert.InRange(s.BestEffect, 9.99, 10.0001));   // each alone at its range top
        Assert.InRange(r.Points[r.BestReachable].Effect, 17, 20.0001);
        Assert.Contains("Best reachable", r.Verdict.Text);
    }

    [Fact]
    public void The_result_is_the_same_for_one_thread_and_many()
    {
        var one = ComboSearch.Run(SyntheticProblems.Synergistic(), SyntheticProblems.Settings(threads: 1, seed: 3));
        var many = ComboSearch.Run(SyntheticProblems.Synergistic(), SyntheticProblems.Settings(threads: 4, seed: 3));
        Assert.Equal(one.Points.Count, many.Points.Count);
        for (int i = 0; i < one.Points.Count; i++)
        {
            Assert.Equal(one.Points[i].Doses, many.Points[i].Doses);
            Assert.Equal(one.Points[i].Effect, many.Points[i].Effect);
            Assert.Equal(one.Points[i].CiLow, many.Points[i].CiLow);
        }
        Assert.Equal(one.Best, many.Best);
        Assert.Equal(one.Pareto, many.Pareto);
        // Another seed samples other points.
        var other = ComboSearch.Run(SyntheticProblems.Synergistic(), SyntheticProblems.Settings(threads: 1, seed: 4));
        Assert.NotEqual(one.Points.First(p => p.Stage == ComboStage.Sample).Doses, other.Points.First(p => p.Stage == ComboStage.Sample).Doses);
    }

    [Fact]
    public void Pareto_front_of_a_hand_made_set()
    {
        // (benefit, burden): 3 dominates 1 (same benefit, less burden); 4 is dominated by 2.
        var front = ParetoFront.Of([(0, 5, 5), (1, 3, 4), (2, 4, 2), (3, 3, 1), (4, 3.5, 2.5)]);
        Assert.Equal([0, 2, 3], front);
    }
}
