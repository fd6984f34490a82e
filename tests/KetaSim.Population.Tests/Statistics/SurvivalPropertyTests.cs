using FsCheck.Xunit;
using KetaSim.Population.Statistics;

namespace KetaSim.Population.Tests.Statistics;

public class SurvivalPropertyTests
{
    private static (double Time, bool Event)[] Subjects(byte[] times, bool[] events) =>
        times.Select((t, i) => ((double)(t % 20), i < events.Length && events[i])).ToArray();

    // Survival is a probability, never rises, and (log transform) lies inside its band where defined.
    [Property(MaxTest = 300)]
    public bool Kaplan_meier_is_monotone_and_inside_its_band(byte[] times, bool[] events)
    {
        if (times.Length == 0) return true;
        var curve = KaplanMeierCurve.Estimate(EventCountTable.FromSubjects(Subjects(times, events)));
        double previous = 1;
        foreach (var p in curve.Points)
        {
            if (p.Survival > previous || p.Survival < 0) return false;
            if (!double.IsNaN(p.Lower) && !(p.Lower <= p.Survival + 1e-15 && p.Survival <= p.Upper + 1e-15 && p.Upper <= 1)) return false;
            previous = p.Survival;
        }
        return true;
    }

    // Tables from any split of the subjects merge to the same rows: integer counts make merging exact,
    // so survival outputs do not depend on how subjects were spread over threads.
    [Property(MaxTest = 200)]
    public bool Event_table_merge_is_order_free(byte[] times, bool[] events, byte splitByte)
    {
        var subjects = Subjects(times, events);
        int split = subjects.Length == 0 ? 0 : splitByte % (subjects.Length + 1);
        var a = EventCountTable.FromSubjects(subjects.Take(split));
        var b = EventCountTable.FromSubjects(subjects.Skip(split));
        var ab = EventCountTable.FromSubjects([]);
        ab.Merge(b);
        ab.Merge(a);
        var whole = EventCountTable.FromSubjects(subjects);
        return ab.SubjectCount == whole.SubjectCount && ab.Rows().SequenceEqual(whole.Rows());
    }

    // Log-rank O - E is the sum of per-time hypergeometric deviations, so its chi-square is symmetric in the arms.
    [Property(MaxTest = 200)]
    public bool Log_rank_is_symmetric_in_arms(byte[] times, bool[] events, byte splitByte)
    {
        var subjects = Subjects(times, events);
        if (subjects.Length < 2) return true;
        int split = 1 + splitByte % (subjects.Length - 1);
        var arm0 = EventCountTable.FromSubjects(subjects.Take(split));
        var arm1 = EventCountTable.FromSubjects(subjects.Skip(split));
        var forward = LogRankTest.Compute(RiskSets.FromArms(arm0, arm1));
        var backward = LogRankTest.Compute(RiskSets.FromArms(arm1, arm0));
        if (double.IsNaN(forward.ChiSquare)) return double.IsNaN(backward.ChiSquare);
        return Math.Abs(forward.ChiSquare - backward.ChiSquare) <= 1e-9 * (1 + forward.ChiSquare);
    }
}
