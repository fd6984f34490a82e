using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Output;

/// <summary>One arm's points on a trial figure: times (h), values and their 95% interval (NaN where there is none).</summary>
internal sealed record ArmPoints(string Arm, int ArmIndex, string Legend, double[] TimesHours, double[] Values, double[] Lower, double[] Upper);

/// <summary>One arm's Kaplan-Meier curve as drawn: a step function starting at (0, 1), its pointwise band and the censorings.</summary>
internal sealed record ArmSurvival(string Arm, int ArmIndex, string Legend, double[] TimesDays, double[] Survival, double[] Lower, double[] Upper,
    double[] CensoredDays, double[] CensoredSurvival, SurvivalQuantile Median);

/// <summary>One subject's line: baseline at t = 0, then each visit up to the first missed one.</summary>
internal sealed record SubjectLine(long Index, int ArmIndex, double[] TimesHours, double[] Scores);

/// <summary>The trajectories figure: subjects drawn, and per arm the mean of the drawn subjects observed at each visit.</summary>
internal sealed record TrajectoryData(IReadOnlyList<SubjectLine> Subjects, IReadOnlyList<ArmPoints> Means);

public static partial class TrialPlots
{
    /// <summary>At most this many subjects per arm are drawn on trajectories.png (the lowest subject indices of the sample).</summary>
    public const int MaxTrajectoriesPerArm = 100;

    private static string ArmLegend(ArmSummary arm) => Inv($"{arm.Name} (N = {arm.Randomised})");

    /// <summary>mean-change.png: per arm, a baseline point (0 h, 0) then each visit's mean change and its 95% t interval.</summary>
    internal static IReadOnlyList<ArmPoints> MeanChangeSeries(TrialResult result)
    {
        var series = new List<ArmPoints>();
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            int n = arm.Visits.Count;
            var t = new double[n + 1];
            var y = new double[n + 1];
            var lo = new double[n + 1];
            var hi = new double[n + 1];
            for (int v = 0; v < n; v++)
            {
                var visit = arm.Visits[v];
                t[v + 1] = visit.TimeHours;
                bool observed = visit.N > 0;
                y[v + 1] = observed ? visit.MeanChange : double.NaN;
                var ci = observed ? visit.MeanChangeInterval : new ConfidenceInterval(double.NaN, double.NaN);
                lo[v + 1] = ci.Lower;
                hi[v + 1] = ci.Upper;
            }
            series.Add(new ArmPoints(arm.Name, a, ArmLegend(arm), t, y, lo, hi));
        }
        return series;
    }

    /// <summary>response-rates.png: per arm, the responder (or remitter) proportion at each visit and its Wilson 95% interval.</summary>
    internal static IReadOnlyList<ArmPoints> ProportionSeries(TrialResult result, bool remission)
    {
        var series = new List<ArmPoints>();
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            int n = arm.Visits.Count;
            var t = new double[n];
            var y = new double[n];
            var lo = new double[n];
            var hi = new double[n];
            for (int v = 0; v < n; v++)
            {
                var visit = arm.Visits[v];
                var counter = remission ? visit.Remission : visit.Response;
                var ci = remission ? visit.RemissionInterval : visit.ResponseInterval;
                t[v] = visit.TimeHours;
                y[v] = counter.Proportion; // NaN when nobody was observed
                lo[v] = ci.Lower;
                hi[v] = ci.Upper;
            }
            series.Add(new ArmPoints(arm.Name, a, ArmLegend(arm), t, y, lo, hi));
        }
        return series;
    }

    /// <summary>
    /// relapse-km.png: the Kaplan-Meier estimate (log-transformed 95% band, as R's survfit) of each arm with at least one
    /// relapse-evaluable subject. Empty when no arm has one: then the figure is not drawn.
    /// </summary>
    internal static IReadOnlyList<ArmSurvival> RelapseSeries(TrialResult result)
    {
        var series = new List<ArmSurvival>();
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            var table = arm.RelapseDays;
            if (table.SubjectCount == 0) continue;
            var curve = KaplanMeierCurve.Estimate(table);
            var points = curve.Points;
            var t = new double[points.Count + 1];
            var s = new double[points.Count + 1];
            var lo = new double[points.Count + 1];
            var hi = new double[points.Count + 1];
            (s[0], lo[0], hi[0]) = (1, 1, 1);
            var censoredT = new List<double>();
            var censoredS = new List<double>();
            long events = 0;
            for (int i = 0; i < points.Count; i++)
            {
                var p = points[i];
                (t[i + 1], s[i + 1], lo[i + 1], hi[i + 1]) = (p.Time, p.Survival, p.Lower, p.Upper);
                events += p.Events;
                if (p.Censored > 0)
                {
                    censoredT.Add(p.Time);
                    censoredS.Add(p.Survival);
                }
            }
            var median = curve.Median();
            string medianText = double.IsNaN(median.Time)
                ? "median not reached"
                : Inv($"median {Days(median.Time)} d [{Days(median.Interval.Lower)}, {Days(median.Interval.Upper)}]");
            string legend = Inv($"{arm.Name} (n = {table.SubjectCount}, {events} relapse{(events == 1 ? "" : "s")}; {medianText})");
            series.Add(new ArmSurvival(arm.Name, a, legend, t, s, lo, hi, censoredT.ToArray(), censoredS.ToArray(), median));
        }
        return series;
    }

    private static string Days(double d) => double.IsNaN(d) ? "NA" : Inv($"{d:0.##}");

    /// <summary>
    /// trajectories.png: each sampled subject's baseline and observed visits (up to <see cref="MaxTrajectoriesPerArm"/> per
    /// arm, lowest indices first), and per arm the mean rating of those drawn subjects observed at each time.
    /// A subject not randomised (arm &lt; 0) or whose arm is not one of the result's arms is left out.
    /// </summary>
    internal static TrajectoryData TrajectorySeries(TrialResult result, IReadOnlyList<SubjectOutcome> sample)
    {
        var visits = result.VisitTimesHours;
        var lines = new List<SubjectLine>();
        var perArm = new int[result.Arms.Count];
        foreach (var s in sample.Where(s => s is not null).OrderBy(s => s.Index))
        {
            int a = ArmIndexOf(result, s);
            if (a < 0 || perArm[a] >= MaxTrajectoriesPerArm || !double.IsFinite(s.Baseline)) continue;
            perArm[a]++;
            var t = new List<double> { 0 };
            var y = new List<double> { s.Baseline };
            int n = Math.Min(visits.Count, s.Scores?.Count ?? 0);
            for (int v = 0; v < n && s.Scores![v] is { } score && double.IsFinite(score); v++)
            {
                t.Add(visits[v]);
                y.Add(score);
            }
            lines.Add(new SubjectLine(s.Index, a, t.ToArray(), y.ToArray()));
        }

        var means = new List<ArmPoints>();
        var times = new double[visits.Count + 1];
        for (int v = 0; v < visits.Count; v++) times[v + 1] = visits[v];
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = lines.Where(l => l.ArmIndex == a).ToArray();
            if (arm.Length == 0) continue;
            var mean = new double[times.Length];
            for (int k = 0; k < times.Length; k++)
            {
                var observed = arm.Where(l => l.Scores.Length > k).Select(l => l.Scores[k]).ToArray();
                mean[k] = observed.Length > 0 ? observed.Average() : double.NaN;
            }
            var nan = Enumerable.Repeat(double.NaN, times.Length).ToArray();
            string legend = Inv($"{result.Arms[a].Name} (N = {result.Arms[a].Randomised}): mean of the {arm.Length} shown");
            means.Add(new ArmPoints(result.Arms[a].Name, a, legend, (double[])times.Clone(), mean, nan, nan));
        }
        return new TrajectoryData(lines, means);
    }

    /// <summary>The subject's arm in <paramref name="result"/>, by index when its name agrees, else by name; −1 when not randomised or unknown.</summary>
    private static int ArmIndexOf(TrialResult result, SubjectOutcome s)
    {
        if (s.Arm < 0) return -1;
        if (s.Arm >= 0 && s.Arm < result.Arms.Count && string.Equals(result.Arms[s.Arm].Name, s.ArmName, StringComparison.Ordinal)) return s.Arm;
        for (int a = 0; a < result.Arms.Count; a++)
            if (string.Equals(result.Arms[a].Name, s.ArmName, StringComparison.Ordinal)) return a;
        return -1;
    }

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
