using KetaSim.Design.Sensitivity;

namespace KetaSim.Design.Tests.Sensitivity;

public class MorrisScreeningTests
{
    /// <summary>x1 linear (EE = 4 everywhere), x2 quadratic (μ* = 2 on average over the grid), x3 inert, x4 interacting with x1.</summary>
    private static double[] Model(double[] u) => [4 * u[0] + 3 * u[1] * u[1] + 0 * u[2] + 2 * u[0] * u[3]];

    [Fact]
    public void An_inert_parameter_ranks_last_with_mu_star_zero()
    {
        var r = MorrisScreening.Compute(Model, 4, trajectories: 30, seed: 3, threads: 2);
        Assert.Equal(30 * 5, r.Evaluations);
        var muStar = r.MuStar[0];
        Assert.Equal(0, muStar[2], 12);
        Assert.Equal(0, r.Sigma[0][2], 12);
        Assert.Equal(2, Enumerable.Range(0, 4).OrderBy(i => muStar[i]).First());
        // x1: EE = 4 + 2·x4 ∈ [4, 6]; its μ* lies there and it has the largest effect.
        Assert.InRange(muStar[0], 4, 6);
        Assert.Equal(0, Enumerable.Range(0, 4).OrderByDescending(i => muStar[i]).First());
        // x4 acts only through x1: σ > 0. x1 is linear in itself but interacts with x4: σ > 0 too.
        Assert.True(r.Sigma[0][3] > 0);
        Assert.InRange(muStar[0], r.MuStarLow[0][0], r.MuStarHigh[0][0]);
    }

    [Fact]
    public void Trajectories_move_one_input_by_delta_at_a_time_and_stay_in_the_cube()
    {
        var (points, order) = MorrisScreening.Trajectories(5, 6, 4, seed: 9);
        double delta = MorrisScreening.DeltaFor(4);
        Assert.Equal(2.0 / 3, delta, 12);
        for (int t = 0; t < 6; t++)
        {
            Assert.Equal([0, 1, 2, 3, 4], order[t].Order());
            for (int s = 0; s < 5; s++)
            {
                var a = points[t * 6 + s];
                var b = points[t * 6 + s + 1];
                var moved = Enumerable.Range(0, 5).Where(i => a[i] != b[i]).ToArray();
                Assert.Equal([order[t][s]], moved);
                Assert.Equal(delta, Math.Abs(b[moved[0]] - a[moved[0]]), 12);
                Assert.All(b, x => Assert.InRange(x, 0, 1));
            }
        }
    }

    [Fact]
    public void Same_seed_same_result_for_any_thread_count()
    {
        var one = MorrisScreening.Compute(Model, 4, 12, seed: 4, threads: 1);
        var many = MorrisScreening.Compute(Model, 4, 12, seed: 4, threads: 4);
        Assert.Equal(one.MuStar[0], many.MuStar[0]);
        Assert.Equal(one.MuStarLow[0], many.MuStarLow[0]);
        var other = MorrisScreening.Compute(Model, 4, 12, seed: 5, threads: 1);
        Assert.NotEqual(one.Mu[0], other.Mu[0]);
    }
}
