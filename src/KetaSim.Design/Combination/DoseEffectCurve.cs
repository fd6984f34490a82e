namespace KetaSim.Design.Combination;

/// <summary>
/// One compound's solo dose–benefit curve from the doses evaluated (the drug-free run at dose 0 included), sorted by dose.
/// Between evaluated doses it interpolates linearly in log dose (linearly in dose below the smallest), which is how a
/// sigmoid dose–effect curve is nearly straight. Benefit is the effect signed so that larger is better.
/// </summary>
public sealed class DoseEffectCurve
{
    private readonly double[] _doses, _benefits;

    public DoseEffectCurve(IEnumerable<(double Dose, double Benefit)> points)
    {
        var sorted = points.Where(p => p.Dose >= 0 && double.IsFinite(p.Benefit)).GroupBy(p => p.Dose).Select(g => g.First())
            .OrderBy(p => p.Dose).ToArray();
        if (sorted.Length < 2 || sorted[0].Dose != 0) throw new ArgumentException("A solo curve needs the drug-free point (dose 0) and at least one dose.");
        _doses = sorted.Select(p => p.Dose).ToArray();
        _benefits = sorted.Select(p => p.Benefit).ToArray();
    }

    public IReadOnlyList<double> Doses => _doses;
    public IReadOnlyList<double> Benefits => _benefits;

    /// <summary>The largest dose evaluated (the top of the searched range).</summary>
    public double MaxDose => _doses[^1];

    /// <summary>The largest benefit over the evaluated doses.</summary>
    public double MaxBenefit => _benefits.Max();

    /// <summary>The benefit at <paramref name="dose"/> (0 ≤ dose; beyond the largest dose: the last value).</summary>
    public double BenefitAt(double dose)
    {
        if (dose <= 0) return _benefits[0];
        if (dose >= _doses[^1]) return _benefits[^1];
        int hi = Array.BinarySearch(_doses, dose);
        if (hi >= 0) return _benefits[hi];
        hi = ~hi;
        int lo = hi - 1;
        double w = lo == 0 ? dose / _doses[hi] : Math.Log(dose / _doses[lo]) / Math.Log(_doses[hi] / _doses[lo]);
        return _benefits[lo] + w * (_benefits[hi] - _benefits[lo]);
    }

    /// <summary>
    /// The smallest dose whose benefit reaches <paramref name="benefit"/> (the first upward crossing), or +∞ when no
    /// evaluated dose reaches it; 0 when the drug-free run already does.
    /// </summary>
    public double DoseFor(double benefit)
    {
        if (_benefits[0] >= benefit) return 0;
        for (int k = 1; k < _doses.Length; k++)
        {
            if (_benefits[k] < benefit) continue;
            double b0 = _benefits[k - 1], b1 = _benefits[k];
            double w = (benefit - b0) / (b1 - b0);
            return k == 1 ? w * _doses[1] : _doses[k - 1] * Math.Pow(_doses[k] / _doses[k - 1], w);
        }
        return double.PositiveInfinity;
    }

    /// <summary>The evaluated doses just below and at-or-above the first crossing of <paramref name="benefit"/>; null when none reaches it.</summary>
    public (double Lo, double LoBenefit, double Hi, double HiBenefit)? Bracket(double benefit)
    {
        for (int k = 1; k < _doses.Length; k++)
            if (_benefits[k] >= benefit && _benefits[k - 1] < benefit) return (_doses[k - 1], _benefits[k - 1], _doses[k], _benefits[k]);
        return null;
    }
}
