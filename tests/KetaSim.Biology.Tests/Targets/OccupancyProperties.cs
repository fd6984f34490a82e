using FsCheck;
using FsCheck.Xunit;
using KetaSim.Biology.Targets;
using KetaSim.Modeling;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Tests.Targets;

/// <summary>Properties of the occupancy and operational expressions, evaluated from the expression trees themselves.</summary>
public class OccupancyProperties
{
    /// <summary>A random positive number spread over many decades, from an integer seed.</summary>
    private static double Decades(int seed, double lowExponent, double highExponent) =>
        Math.Pow(10, lowExponent + (highExponent - lowExponent) * ((seed & 0x7fffffff) % 10_001) / 10_000.0);

    private sealed record Ligands(Expr[] Occupancies, double[] Parameters, double[] Concentrations, double[] Affinities, double[] Hills);

    /// <summary>n ligands (concentration, Ki, Hill as parameters) competing, with an optional endogenous ratio.</summary>
    private static Ligands Build(int[] seeds, double endogenousRatio, bool zeroFirst = false)
    {
        int n = Math.Clamp(seeds.Length / 3, 1, 6);
        var b = new ModelBuilder("occupancy-property");
        var c = new double[n]; var k = new double[n]; var h = new double[n];
        var ratios = new Expr[n];
        Expr sum = 1.0 + endogenousRatio;
        for (int i = 0; i < n; i++)
        {
            int s(int j) => 3 * i + j < seeds.Length ? seeds[3 * i + j] : 7919 * (i + 1) * (j + 3);
            c[i] = zeroFirst && i == 0 ? 0 : Decades(s(0), -6, 4);
            k[i] = Decades(s(1), -4, 3);
            h[i] = 0.5 + 1.5 * ((s(2) & 0x7fffffff) % 1001) / 1000.0;
            var pc = b.Parameter($"c{i}", c[i], "uM", Provenance.Assume("test"), "conc");
            var pk = b.Parameter($"k{i}", k[i], "uM", Provenance.Assume("test"), "Ki");
            var pn = b.Parameter($"n{i}", h[i], "1", Provenance.Assume("test"), "Hill");
            ratios[i] = ReceptorPharmacology.BindingRatio(pc, pk, pn);
            sum += ratios[i];
        }
        var p = b.Build().DefaultParameters();
        return new Ligands([.. ratios.Select(r => ReceptorPharmacology.Occupancy(r, sum))], p, c, k, h);
    }

    private static double[] Eval(Ligands l) => [.. l.Occupancies.Select(o => Evaluate.At(o, 0, [], l.Parameters))];

    [Property(MaxTest = 300)]
    public bool Each_occupancy_is_in_0_1_and_they_sum_to_at_most_1(int[] seeds, NonNegativeInt endogenous)
    {
        var occ = Eval(Build(seeds ?? [], endogenous.Get % 5));
        return occ.All(o => o >= 0 && o <= 1 && double.IsFinite(o)) && occ.Sum() <= 1 + 1e-12;
    }

    [Property(MaxTest = 300)]
    public bool Occupancy_matches_the_closed_form(int[] seeds)
    {
        var l = Build(seeds ?? [], 0);
        var r = l.Concentrations.Select((c, i) => ReceptorPharmacology.BindingRatio(c, l.Affinities[i], l.Hills[i])).ToArray();
        var occ = Eval(l);
        return occ.Select((o, i) => Math.Abs(o - r[i] / (1 + r.Sum()))).All(d => d <= 1e-9);
    }

    [Property(MaxTest = 300)]
    public bool Adding_a_competitor_lowers_every_other_ligands_occupancy(int[] seeds)
    {
        var arr = seeds ?? [];
        if (arr.Length < 6) return true;
        // The same ligands with the first one's concentration set to zero, then present: all others fall (or stay, if negligible).
        var without = Eval(Build(arr, 0, zeroFirst: true));
        var with = Eval(Build(arr, 0));
        return without.Skip(1).Zip(with.Skip(1)).All(p => p.Second <= p.First + 1e-15) && with.Sum() <= 1 + 1e-12;
    }

    [Property(MaxTest = 300)]
    public bool Operational_activation_is_in_0_1_and_rises_with_stimulus(NonNegativeInt a, NonNegativeInt b, PositiveInt tauSeed)
    {
        double s1 = a.Get % 1001 / 1000.0, s2 = b.Get % 1001 / 1000.0, tau = Decades(tauSeed.Get, -2, 3);
        double r1 = ReceptorPharmacology.Operational(s1, tau), r2 = ReceptorPharmacology.Operational(s2, tau);
        return r1 >= 0 && r1 <= 1 + 1e-12 && (s1 <= s2 ? r1 <= r2 + 1e-12 : r1 >= r2 - 1e-12);
    }

    [Property(MaxTest = 100)]
    public bool The_binding_ratio_has_a_finite_slope_at_zero_concentration(PositiveInt kSeed, PositiveInt nSeed)
    {
        var b = new ModelBuilder("slope");
        var x = b.State("x", "uM", "conc");
        double n = 0.3 + 2.0 * (nSeed.Get % 1001) / 1000.0;
        var r = ReceptorPharmacology.BindingRatio(x, Decades(kSeed.Get, -3, 3), n);
        var slope = Differentiate.ByState(r, x.Index);
        double at0 = Evaluate.At(slope, 0, [0.0], []);
        double below = Evaluate.At(r, 0, [-1e-9], []);
        return double.IsFinite(at0) && below == 0;
    }
}
