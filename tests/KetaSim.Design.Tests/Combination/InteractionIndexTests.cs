using KetaSim.Design.Combination;

namespace KetaSim.Design.Tests.Combination;

/// <summary>Loewe combination index and Bliss excess against analytic interaction models.</summary>
public class InteractionIndexTests
{
    [Fact]
    public void Loewe_index_is_one_for_a_drug_split_in_two()
    {
        var r = ComboSearch.Run(SyntheticProblems.SameDrugSplit(), SyntheticProblems.Settings());
        var best = Assert.IsType<ComboPoint>(r.BestPoint);
        Assert.True(best.Exact);
        Assert.Equal(1, best.CiLow, 3);
        Assert.Equal(best.CiLow, best.CiHigh);
        // Interpolated on the solo curves, every combination with an effect: close to 1.
        // (where both halves alone reach the point's effect; log-linear interpolation between 9 solo doses: a few per cent).
        var combos = r.Points.Where(p => p.Stage != ComboStage.Solo && double.IsFinite(p.CiLow) && p.CiLow == p.CiHigh).ToArray();
        Assert.True(combos.Length > 10, $"{combos.Length} points");
        Assert.All(combos, p => Assert.InRange(p.CiLow, 0.92, 1.08));
        // Solo effective dose of each half: u = 1 at d = 2.
        Assert.All(r.Solo, s => Assert.Equal(2, s.EffectiveDose, 3));
    }

    [Fact]
    public void Loewe_index_is_below_one_for_a_synergistic_pair_and_matches_the_analytic_value()
    {
        var r = ComboSearch.Run(SyntheticProblems.Synergistic(), SyntheticProblems.Settings());
        var best = Assert.IsType<ComboPoint>(r.BestPoint);
        double x1 = best.Doses[0] / 1, x2 = best.Doses[1] / 2;
        double u = x1 + x2 + 2 * x1 * x2;
        // At the point's own effect E = h(u), the solo doses are u·a: CI = (x1 + x2) / u.
        Assert.Equal((x1 + x2) / u, best.CiLow, 3);
        Assert.True(best.CiLow < 0.95, $"CI {best.CiLow} should show synergy");
        // Points whose effect both compounds reach alone (elsewhere the index is an interval).
        var isobole = r.Points.Where(p => p.Stage is ComboStage.Isobole or ComboStage.Refine && p.Reaches && p.CiLow == p.CiHigh).ToArray();
        Assert.True(isobole.Length > 10, $"{isobole.Length} isobole points");
        Assert.All(isobole, p =>
        {
            double a = p.Doses[0], b = p.Doses[1] / 2, uu = a + b + 2 * a * b;
            Assert.InRange(p.CiLow, (a + b) / uu - 0.03, (a + b) / uu + 0.03);
        });
    }

    [Fact]
    public void Bliss_excess_is_zero_under_independent_action()
    {
        var r = ComboSearch.Run(SyntheticProblems.Independent(), SyntheticProblems.Settings());
        Assert.Equal(20, r.MaxEffect);
        var best = Assert.IsType<ComboPoint>(r.BestPoint);
        Assert.Equal(0, best.BlissExcess, 6);
        var combos = r.Points.Where(p => p.Stage != ComboStage.Solo).ToArray();
        Assert.All(combos, p => Assert.InRange(p.BlissExcess, -0.02, 0.02));
    }

    [Fact]
    public void Bliss_excess_is_positive_for_the_synergistic_pair()
    {
        var r = ComboSearch.Run(SyntheticProblems.Synergistic() is var p ? new ComboProblem
        {
            Compounds = p.Compounds, Evaluate = p.Evaluate, EffectMetric = p.EffectMetric, Sense = p.Sense, TargetEffect = p.TargetEffect,
            Tolerance = p.Tolerance, Burden = p.Burden, MaxEffect = 30,
        } : null!, SyntheticProblems.Settings());
        var best = r.BestPoint!;
        double x1 = best.Doses[0], x2 = best.Doses[1] / 2, u = x1 + x2 + 2 * x1 * x2;
        double expected = u / (1 + u) - (1 - 1 / (1 + x1) / (1 + x2));   // f = u/(1+u) of Emax 30; solo fᵢ = xᵢ/(1+xᵢ)
        Assert.Equal(expected, best.BlissExcess, 4);
        Assert.True(best.BlissExcess > 0.01, $"Bliss excess {best.BlissExcess}");
    }

    [Fact]
    public void Loewe_interval_when_a_compound_alone_cannot_reach_the_effect()
    {
        // Compound 2 alone tops out below the effect: its term is only bounded by dose / range top.
        var problem = SyntheticProblems.SameDrugSplit();
        var (lo, hi) = ComboAnalysis.Loewe([1, 4], benefit: 12, b0: 0, c => c == 0 ? 2.0 : double.PositiveInfinity, problem);
        Assert.Equal(0.5, lo, 12);
        Assert.Equal(0.5 + 4 / 20.0, hi, 12);
    }
}
