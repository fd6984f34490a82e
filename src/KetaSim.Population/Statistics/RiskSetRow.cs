namespace KetaSim.Population.Statistics;

/// <summary>
/// One distinct event time of a two-arm comparison: subjects at risk just before it and events at it,
/// per arm. Arm 1 ("treated") is the covariate x = 1, so hazard ratios are arm 1 / arm 0.
/// This is the sufficient statistic for log-rank and for a one-binary-covariate Cox model.
/// </summary>
public readonly record struct RiskSetRow(double Time, long AtRisk0, long AtRisk1, long Events0, long Events1)
{
    public long AtRisk => AtRisk0 + AtRisk1;
    public long Events => Events0 + Events1;
}

public static class RiskSets
{
    /// <summary>
    /// Builds rows for the distinct event times of two arms. At risk at t = subjects whose time is >= t,
    /// so subjects censored at t count as at risk there (the convention of R's survival package).
    /// Times with censoring only produce no row: they carry no information beyond shrinking later risk sets.
    /// </summary>
    public static RiskSetRow[] FromArms(EventCountTable control, EventCountTable treated)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treated);
        var rows0 = control.Rows().ToArray();
        var rows1 = treated.Rows().ToArray();
        var result = new List<RiskSetRow>();
        long atRisk0 = control.SubjectCount, atRisk1 = treated.SubjectCount;
        int i = 0, j = 0;
        while (i < rows0.Length || j < rows1.Length)
        {
            double t = Math.Min(i < rows0.Length ? rows0[i].Time : double.PositiveInfinity,
                                j < rows1.Length ? rows1[j].Time : double.PositiveInfinity);
            EventCounts c0 = i < rows0.Length && rows0[i].Time == t ? rows0[i++] : new EventCounts(t, 0, 0);
            EventCounts c1 = j < rows1.Length && rows1[j].Time == t ? rows1[j++] : new EventCounts(t, 0, 0);
            if (c0.Events + c1.Events > 0)
                result.Add(new RiskSetRow(t, atRisk0, atRisk1, c0.Events, c1.Events));
            atRisk0 -= c0.Events + c0.Censored;
            atRisk1 -= c1.Events + c1.Censored;
        }
        return result.ToArray();
    }

    internal static void Validate(IReadOnlyList<RiskSetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (int k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            if (r.Events0 < 0 || r.Events1 < 0 || r.Events0 > r.AtRisk0 || r.Events1 > r.AtRisk1)
                throw new ArgumentException($"risk-set row {k} (time {r.Time}): need 0 <= events <= at risk per arm, got at risk {r.AtRisk0}/{r.AtRisk1}, events {r.Events0}/{r.Events1}", nameof(rows));
        }
    }
}
