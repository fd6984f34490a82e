namespace KetaSim.Design.Combination;

/// <summary>The non-dominated points of (benefit: more is better, burden: less is better).</summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices of the points no other point dominates (at least as much benefit and at most as much burden, one strictly), in
    /// order of decreasing benefit. Of exact duplicates the first index stays.
    /// </summary>
    public static IReadOnlyList<int> Of(IEnumerable<(int Index, double Benefit, double Burden)> points)
    {
        var sorted = points.Where(x => double.IsFinite(x.Benefit) && double.IsFinite(x.Burden))
            .OrderByDescending(x => x.Benefit).ThenBy(x => x.Burden).ThenBy(x => x.Index).ToArray();
        var front = new List<int>();
        double lowest = double.PositiveInfinity;
        foreach (var x in sorted)
        {
            if (x.Burden >= lowest) continue;   // a point with at least this benefit has no more burden
            front.Add(x.Index);
            lowest = x.Burden;
        }
        return front;
    }
}
