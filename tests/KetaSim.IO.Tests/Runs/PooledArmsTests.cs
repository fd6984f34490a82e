using KetaSim.IO.Input;
using KetaSim.IO.Runs;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

/// <summary>Pooled arms: the same statistics as one arm of all their subjects, compared with the control, in every output.</summary>
public sealed class PooledArmsTests
{
    private const string Text = """
        name: pooled
        population: trd-adult
        duration: 1 week
        visits: [1 d, 1 week]
        placebo: new-oral-antidepressant
        arms:
          - name: esk-56
            doses: [{ drug: esketamine, route: intranasal, amount: 56 mg, schedule: twice weekly for 1 week }]
          - name: esk-84
            doses: [{ drug: esketamine, route: intranasal, amount: 84 mg, schedule: twice weekly for 1 week }]
          - name: placebo
            doses: []
            sessions: twice weekly for 1 week
        control: placebo
        pooled:
          - { name: esketamine, arms: [esk-56, esk-84] }
        """;

    [Fact]
    public void A_pooled_arm_is_its_members_merged_and_is_compared_with_the_control()
    {
        var trial = TrialReader.Read(Text, "pooled.yaml");
        var result = new TrialRunner(chunkSize: 4).Run(trial, 18, 2);
        var pool = Assert.Single(result.Pooled);
        var (a, b) = (result.Arm("esk-56"), result.Arm("esk-84"));
        Assert.Equal(["esk-56", "esk-84"], pool.PooledFrom);
        Assert.Equal(a.Randomised + b.Randomised, pool.Randomised);
        for (int v = 0; v < 2; v++)
        {
            var (x, y, p) = (a.Visits[v], b.Visits[v], pool.Visits[v]);
            Assert.Equal(x.N + y.N, p.N);
            Assert.Equal((x.MeanChange * x.N + y.MeanChange * y.N) / (x.N + y.N), p.MeanChange, 10);
            Assert.Equal(x.Response.Successes + y.Response.Successes, p.Response.Successes);
            Assert.Equal(x.Remission.Successes + y.Remission.Successes, p.Remission.Successes);
            Assert.Equal(a.Efficacy!.LocfChange[v].Count + b.Efficacy!.LocfChange[v].Count, pool.Efficacy!.LocfChange[v].Count);
        }
        Assert.Equal(2, result.PooledComparisons.Count);
        Assert.All(result.PooledComparisons, c => Assert.Equal(("esketamine", "placebo"), (c.Arm, c.Control)));
        Assert.Equal(4, result.Comparisons.Count);   // the arms alone are still compared, the pool is not among them
        var json = TrialSummary.ToJson(trial, result);
        Assert.Contains("\"pooled_arms\"", json);
        Assert.Contains("\"pooled_comparisons\"", json);
        Assert.Contains("\nesketamine,", TrialSummary.ToCsv(result));
    }

    [Theory]
    [InlineData("arms: [esk-56, esk-84] }", "arms: [esk-56, esk-48] }", "pooled[0].arms[1]", "esk-48", "no arm is called 'esk-48'")]
    [InlineData("arms: [esk-56, esk-84] }", "arms: [esk-56, placebo] }", "pooled[0].arms[1]", "placebo", "is the control arm")]
    [InlineData("arms: [esk-56, esk-84] }", "arms: [esk-56] }", "pooled[0].arms", "[esk-56]", "at least two arms")]
    [InlineData("{ name: esketamine,", "{ name: esk-84,", "pooled[0].name", "esk-84", "already the name of an arm")]
    public void Bad_pools_are_located(string good, string bad, string field, string value, string fragment)
    {
        Assert.Contains(good, Text);
        var e = Assert.Throws<InputException>(() => TrialReader.Read(Text.Replace(good, bad, StringComparison.Ordinal), "pooled.yaml"));
        Assert.Equal(field, e.Field);
        Assert.Contains(fragment, e.Message);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Equal(Text.Split('\n').ToList().FindIndex(l => l.Contains("pooled:", StringComparison.Ordinal)) + 2, e.Line);
    }
}
