using System.Collections.Concurrent;
using KetaSim.IO.Input;
using KetaSim.IO.Runs;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

/// <summary>A two-period crossover: how it reads into sequences and phases, within-subject pairing against a hand count,
/// the 2×2 estimates, thread-count identity, and one located line for each bad crossover.</summary>
public sealed class CrossoverTests
{
    private const string Text = """
        name: crossover
        population: trd-ketamine-rct
        duration: 4 weeks
        visits: [24 h, 7 d]
        placebo: active-placebo
        measurement_noise: true
        arms:
          - name: ketamine
            doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }]
          - name: midazolam
            doses: [{ drug: midazolam, route: iv-infusion, amount: 0.045 mg/kg, duration: 40 min }]
        control: midazolam
        crossover:
          period: 1 week
          washout: 2 weeks
        """;

    private static TrialDefinition Trial(string text = Text) => TrialReader.Read(text, "crossover.yaml");

    [Fact]
    public void Reads_into_sequence_arms_period_and_washout_phases_and_repeated_visits()
    {
        var t = Trial();
        Assert.Equal(["ketamine-then-midazolam", "midazolam-then-ketamine"], t.Arms.Select(a => a.Name));
        Assert.Equal([("period-1", 0.0, 168.0), ("washout-1", 168.0, 504.0), ("period-2", 504.0, 672.0)], t.Phases.Select(p => (p.Name, p.StartHours, p.EndHours)));
        // Offsets 24 h and 7 d in each period, and period 2's pre-dose baseline at its start.
        Assert.Equal([24.0, 168, 504, 528, 672], t.VisitTimesHours);
        var x = t.Crossover!;
        Assert.Equal((1, -1, 2, 3, 4), (x.ControlTreatment, x.BaselineVisit(0), x.BaselineVisit(1), x.Visit(1, 0), x.Visit(1, 1)));
        // Each period gives its treatment's dose at the period start; the arms themselves carry no doses.
        var p2 = t.Phases[2].ArmRegimens["ketamine-then-midazolam"];
        Assert.Equal(("midazolam", 504.0), (Assert.Single(p2.Doses).Compound, p2.Doses[0].TimeHours));
        Assert.Equal("ketamine", Assert.Single(t.Phases[0].ArmRegimens["ketamine-then-midazolam"].Doses).Compound);
        Assert.All(t.Arms, a => Assert.Empty(a.RegimenTemplate.Doses));
    }

    [Fact]
    public void Within_subject_changes_pairs_and_the_2x2_estimates_match_a_hand_count()
    {
        var trial = Trial();
        var seen = new ConcurrentDictionary<long, SubjectOutcome>();
        var result = new TrialRunner(chunkSize: 4).Run(trial, 16, 9, onSubject: o => seen[o.Index] = o);
        var x = result.Crossover!;
        var d = x.Design;
        for (int j = 0; j < 2; j++)
        {
            // Change from each period's own baseline, by treatment; paired ketamine − midazolam in the same subject.
            var byTreatment = new List<double>[2] { [], [] };
            var paired = new List<double>();
            var half = new List<double>[2] { [], [] };
            foreach (var o in seen.Values.OrderBy(o => o.Index))
            {
                var seq = d.Sequences[o.Arm];
                int b = d.BaselineVisit(1);
                double c1 = o.Scores[d.Visit(0, j)]!.Value - o.Baseline;
                double c2 = o.Scores[d.Visit(1, j)]!.Value - o.Scores[b]!.Value;
                byTreatment[seq[0]].Add(c1);
                byTreatment[seq[1]].Add(c2);
                double ket = seq[0] == 0 ? c1 : c2, mid = seq[0] == 0 ? c2 : c1;
                paired.Add(ket - mid);
                half[o.Arm].Add((c1 - c2) / 2);
            }
            Assert.Equal(16, x.Change[0][j].Count);
            Assert.Equal(byTreatment[0].Average(), x.Change[0][j].Mean, 10);
            Assert.Equal(byTreatment[1].Average(), x.Change[1][j].Mean, 10);
            Assert.Equal(paired.Average(), x.Paired[0][j].Mean, 10);
            Assert.Equal(0, x.Paired[1][j].Count);   // the control is not paired with itself
            var e = x.TwoByTwo(j)!.Value;
            // Treatment effect midazolam − ketamine = mean d(BA) − mean d(AB); period effect = −(mean d(AB) + mean d(BA)).
            Assert.Equal(half[1].Average() - half[0].Average(), e.Treatment.Difference, 10);
            Assert.Equal(-(half[0].Average() + half[1].Average()), e.Period.Difference, 10);
            Assert.True(e.Treatment.Interval.Lower < e.Treatment.Difference && e.Treatment.Difference < e.Treatment.Interval.Upper);
        }
        Assert.Contains("\"two_by_two\"", TrialSummary.ToJson(trial, result));
    }

    [Fact]
    public void Thread_count_does_not_change_the_crossover_analysis()
    {
        var trial = Trial();
        var one = new TrialRunner(chunkSize: 3).Run(trial, 12, 4, maxThreads: 1);
        var two = new TrialRunner(chunkSize: 3).Run(trial, 12, 4, maxThreads: 2);
        Assert.Equal(TrialSummary.ToJson(trial, one), TrialSummary.ToJson(trial, two));
        Assert.Contains("\"crossover\"", TrialSummary.ToJson(trial, one));
    }

    [Theory]
    [InlineData("\n  washout: 2 weeks", "", "crossover.period", "1 week", "needs a washout")]
    [InlineData("  washout: 2 weeks", "  washout: 0 h", "crossover.washout", "0 h", "without washout carries one treatment")]
    [InlineData("duration: 4 weeks", "duration: 5 weeks", "duration", "5 weeks", "2 periods of 1 week with washouts of 2 week last 4 week")]
    [InlineData("visits: [24 h, 7 d]", "visits: [24 h, 8 d]", "visits", "[24 h, 8 d]", "times inside each period")]
    [InlineData("amount: 0.5 mg/kg, duration: 40 min }]", "amount: 0.5 mg/kg, duration: 40 min, start: 7.5 d }]", "arms[0].doses", null, "past the end of the 1 week period")]
    [InlineData("  washout: 2 weeks", "  washout: 2 weeks\n  sequences: [[ketamine, midazolan]]", "crossover.sequences[0][1]", "midazolan", "did you mean 'midazolam'?")]
    public void Bad_crossovers_are_located(string good, string bad, string field, string? value, string fragment)
    {
        Assert.Contains(good, Text);
        var yaml = Text.Replace(good, bad, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => TrialReader.Read(yaml, "crossover.yaml"));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(field, e.Field);
        if (value is not null) Assert.Contains($"'{value}'", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.Contains("allowed: ", e.Message);
    }
}
