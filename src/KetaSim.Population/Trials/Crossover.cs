using KetaSim.Biology.Symptoms;
using KetaSim.Population.Statistics;

namespace KetaSim.Population.Trials;

/// <summary>
/// A crossover design (docs/trial-format.md, "crossover"): every subject receives the treatments in the order of its
/// sequence, one per period of <see cref="PeriodHours"/>, with a washout of <see cref="WashoutHours"/> between periods.
/// The trial runs it as a phased design whose arms are the sequences; visits are rated at the same offsets in every
/// period, plus a pre-dose rating at the start of every period after the first (its baseline), so each subject is
/// compared with itself.
/// Visit layout in <see cref="TrialDefinition.VisitTimesHours"/>: period 0 at indices 0..J−1; period k ≥ 1 has its
/// baseline at index k(J+1) − 1 and its offsets at k(J+1) + j.
/// </summary>
public sealed record CrossoverDesign(
    IReadOnlyList<string> Treatments,
    IReadOnlyList<IReadOnlyList<int>> Sequences,
    double PeriodHours,
    double WashoutHours,
    IReadOnlyList<double> VisitOffsetsHours)
{
    /// <summary>The treatment every other one is compared with (index in <see cref="Treatments"/>).</summary>
    public int ControlTreatment { get; init; }

    public int Periods => Sequences[0].Count;

    public double PeriodStartHours(int period) => period * (PeriodHours + WashoutHours);

    /// <summary>Visit index of period <paramref name="period"/>'s baseline; −1 for the first period (the trial baseline).</summary>
    public int BaselineVisit(int period) => period == 0 ? -1 : period * (VisitOffsetsHours.Count + 1) - 1;

    /// <summary>Visit index of offset <paramref name="offset"/> in period <paramref name="period"/>.</summary>
    public int Visit(int period, int offset) => period == 0 ? offset : period * (VisitOffsetsHours.Count + 1) + offset;

    /// <summary>Every visit of the trial, in time order, by the layout above.</summary>
    public IReadOnlyList<double> VisitTimesHours()
    {
        var times = new List<double>();
        for (int k = 0; k < Periods; k++)
        {
            if (k > 0) times.Add(PeriodStartHours(k));
            foreach (var o in VisitOffsetsHours) times.Add(PeriodStartHours(k) + o);
        }
        return times;
    }

    /// <summary>The name of sequence <paramref name="s"/> (its arm): the treatments joined by "-then-".</summary>
    public string SequenceName(int s) => string.Join("-then-", Sequences[s].Select(t => Treatments[t]));

    /// <summary>
    /// A subject's change in period <paramref name="period"/> at offset <paramref name="offset"/> from that period's
    /// baseline, and the baseline; null when either rating was not observed (dropout, or left the trial).
    /// </summary>
    public (double Change, double Baseline)? PeriodChange(SubjectOutcome o, int period, int offset)
    {
        ArgumentNullException.ThrowIfNull(o);
        int b = BaselineVisit(period);
        double? baseline = b < 0 ? o.Baseline : o.Scores[b];
        if (baseline is not { } x || o.Scores[Visit(period, offset)] is not { } y) return null;
        return (y - x, x);
    }
}

/// <summary>
/// Within-subject sums of a crossover, mergeable chunk by chunk in a fixed order: per treatment and offset the change
/// from the period baseline and response (a fall of at least the response fraction of the period baseline); per
/// non-control treatment the paired difference from the control in the same subject; and, for two periods, per
/// sequence half the period-1 minus period-2 difference, the basis of the 2×2 treatment and period estimates.
/// </summary>
public sealed class CrossoverTally
{
    public CrossoverDesign Design { get; }
    /// <summary>[treatment][offset].</summary>
    public RunningMoments[][] Change { get; }
    public ProportionCounter[][] Response { get; }
    /// <summary>[treatment][offset]: change under the treatment minus change under the control, same subject (empty for the control).</summary>
    public RunningMoments[][] Paired { get; }
    /// <summary>[sequence][offset]: (change in period 1 − change in period 2) / 2, subjects with both (two-period designs).</summary>
    public RunningMoments[][] HalfPeriodDifference { get; }

    public CrossoverTally(CrossoverDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        Design = design;
        int t = design.Treatments.Count, j = design.VisitOffsetsHours.Count;
        Change = [.. Enumerable.Range(0, t).Select(_ => new RunningMoments[j])];
        Response = [.. Enumerable.Range(0, t).Select(_ => new ProportionCounter[j])];
        Paired = [.. Enumerable.Range(0, t).Select(_ => new RunningMoments[j])];
        HalfPeriodDifference = [.. Enumerable.Range(0, design.Sequences.Count).Select(_ => new RunningMoments[j])];
    }

    public void Add(SubjectOutcome o, double responseFraction)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Arm < 0) return;
        var d = Design;
        var sequence = d.Sequences[o.Arm];
        for (int j = 0; j < d.VisitOffsetsHours.Count; j++)
        {
            var byTreatment = new double?[d.Treatments.Count];
            for (int k = 0; k < sequence.Count; k++)
            {
                if (d.PeriodChange(o, k, j) is not { } c) continue;
                int t = sequence[k];
                byTreatment[t] = c.Change;
                Change[t][j].Add(c.Change);
                Response[t][j].Add(c.Baseline > 0 && Endpoints.IsResponse(c.Baseline, c.Baseline + c.Change, responseFraction));
            }
            if (byTreatment[d.ControlTreatment] is { } control)
                for (int t = 0; t < byTreatment.Length; t++)
                    if (t != d.ControlTreatment && byTreatment[t] is { } x) Paired[t][j].Add(x - control);
            if (sequence.Count == 2 && byTreatment[sequence[0]] is { } p1 && byTreatment[sequence[1]] is { } p2)
                HalfPeriodDifference[o.Arm][j].Add((p1 - p2) / 2);
        }
    }

    public void Merge(CrossoverTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int t = 0; t < Change.Length; t++)
            for (int j = 0; j < Change[t].Length; j++)
            {
                Change[t][j].Merge(other.Change[t][j]);
                Response[t][j].Merge(other.Response[t][j]);
                Paired[t][j].Merge(other.Paired[t][j]);
            }
        for (int s = 0; s < HalfPeriodDifference.Length; s++)
            for (int j = 0; j < HalfPeriodDifference[s].Length; j++)
                HalfPeriodDifference[s][j].Merge(other.HalfPeriodDifference[s][j]);
    }

    /// <summary>
    /// The classical 2×2 crossover estimates at offset <paramref name="offset"/> (two sequences AB and BA, two periods):
    /// treatment effect (second treatment of the first sequence minus its first, i.e. B − A, as −(d̄_AB − d̄_BA)) and
    /// period effect (period 2 − period 1), each with a Welch interval; null when the design is not 2×2 or a sequence has
    /// fewer than two subjects.
    /// </summary>
    public (MeanDifference Treatment, MeanDifference Period)? TwoByTwo(int offset)
    {
        if (Design.Sequences.Count != 2 || Design.Periods != 2 || Design.Treatments.Count != 2) return null;
        var ab = HalfPeriodDifference[0][offset];
        var ba = HalfPeriodDifference[1][offset];
        if (ab.Count < 2 || ba.Count < 2) return null;
        // d = (P1 − P2)/2. E[d | AB] = (A − B)/2 + (π1 − π2)/2, E[d | BA] = (B − A)/2 + (π1 − π2)/2:
        // d̄_BA − d̄_AB estimates B − A; −d̄_BA − d̄_AB estimates π2 − π1 (Welch of the negated BA samples against AB).
        var treatment = MeanDifference.Welch(ba, ab);
        return (treatment, MeanDifference.Welch(RunningMoments.Negated(ba), ab));
    }
}
