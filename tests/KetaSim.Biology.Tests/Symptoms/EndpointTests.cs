using KetaSim.Biology.Symptoms;
using Xunit;

namespace KetaSim.Biology.Tests.Symptoms;

public class EndpointTests
{
    [Theory]
    [InlineData(32, 16, true)]
    [InlineData(32, 16.01, false)]
    [InlineData(30, 10, true)]
    public void Response_is_a_fall_of_at_least_half(double baseline, double score, bool response) =>
        Assert.Equal(response, Endpoints.IsResponse(baseline, score));

    [Fact]
    public void Response_needs_a_positive_baseline() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Endpoints.IsResponse(0, 0));

    [Fact]
    public void Remission_threshold_is_configurable()
    {
        Assert.True(Endpoints.IsRemission(10));
        Assert.False(Endpoints.IsRemission(11));
        Assert.True(Endpoints.IsRemission(12, Endpoints.EsketamineRemissionMadrs));
        Assert.False(Endpoints.IsRemission(8, Endpoints.Hamd17Remission));
    }

    [Fact]
    public void Relapse_needs_consecutive_visits_at_or_above_the_threshold()
    {
        Assert.Null(Endpoints.RelapseVisit([10, 22, 15, 23, 12]));
        Assert.Equal(3, Endpoints.RelapseVisit([10, 15, 22, 25, 30]));
        Assert.Equal(1, Endpoints.RelapseVisit([30, 30, 5], consecutive: 2));
        Assert.Null(Endpoints.RelapseVisit([30, 30, 5], fromVisit: 1));
        Assert.Equal(0, Endpoints.RelapseVisit([22], consecutive: 1));
    }

    [Fact]
    public void Visits_interpolate_the_trajectory()
    {
        var v = Endpoints.AtVisits([0, 24, 48], [30, 20, 10], [0, 12, 48]);
        Assert.Equal([30, 25, 10], v);
    }

    [Fact]
    public void Measurement_noise_is_seeded_per_subject_and_visit_and_stays_a_valid_rating()
    {
        double[] scores = [32, 20, 0.4, 59.8];
        var a = MeasurementNoise.Apply(scores, 7, 3);
        Assert.Equal(a, MeasurementNoise.Apply(scores, 7, 3));
        Assert.NotEqual(a, MeasurementNoise.Apply(scores, 7, 4));
        Assert.All(a, x => Assert.True(x >= 0 && x <= 60 && x == Math.Round(x)));
        // Unbiased and of the stated spread over many subjects.
        var draws = Enumerable.Range(0, 4000).Select(i => MeasurementNoise.Apply([30.0], 11, i)[0]).ToArray();
        double mean = draws.Average(), sd = Math.Sqrt(draws.Select(d => (d - mean) * (d - mean)).Average());
        Assert.InRange(mean, 29.8, 30.2);
        Assert.InRange(sd, 2.3, 2.9);
    }
}
