namespace KetaSim.Modeling.Simulation;

/// <summary>An instantaneous addition of amount to a state (IV bolus, a nasal spray into its depot).</summary>
public readonly record struct Bolus(double TimeHours, int State, double Amount);

/// <summary>A constant-rate input into a state over [StartHours, EndHours) (infusion, zero-order release).</summary>
public readonly record struct ZeroOrderInput(double StartHours, double EndHours, int State, double RatePerHour);

/// <summary>
/// The primitive events a dosing regimen expands into. Every event time is a breakpoint: the solver
/// integrates up to it, the event is applied, and integration restarts, so no step crosses it.
/// </summary>
public sealed class DoseEvents
{
    private readonly List<Bolus> _boluses = [];
    private readonly List<ZeroOrderInput> _inputs = [];
    private readonly List<double> _breakpoints = [];

    public IReadOnlyList<Bolus> Boluses => _boluses;
    public IReadOnlyList<ZeroOrderInput> Inputs => _inputs;

    /// <summary>Extra discontinuities that are not doses (e.g. a switch in a regimen rule).</summary>
    public IReadOnlyList<double> ExtraBreakpoints => _breakpoints;

    public DoseEvents AddBolus(double timeHours, int state, double amount)
    {
        if (!double.IsFinite(timeHours) || !double.IsFinite(amount) || amount < 0)
            throw new ArgumentException($"Bolus needs a finite time and a non-negative amount, got t={timeHours}, amount={amount}.");
        if (amount > 0) _boluses.Add(new Bolus(timeHours, state, amount));
        return this;
    }

    public DoseEvents AddInput(double startHours, double endHours, int state, double ratePerHour)
    {
        if (!(endHours > startHours) || !double.IsFinite(startHours) || !double.IsFinite(endHours))
            throw new ArgumentException($"Zero-order input needs start < end, got {startHours}..{endHours} h.");
        if (!(ratePerHour >= 0) || !double.IsFinite(ratePerHour))
            throw new ArgumentException($"Zero-order input rate must be finite and non-negative, got {ratePerHour}.");
        if (ratePerHour > 0) _inputs.Add(new ZeroOrderInput(startHours, endHours, state, ratePerHour));
        return this;
    }

    public DoseEvents AddBreakpoint(double timeHours)
    {
        _breakpoints.Add(timeHours);
        return this;
    }

    /// <summary>Total amount each event puts into the system by time <paramref name="untilHours"/>.</summary>
    public double TotalAmountUntil(double untilHours)
    {
        double total = 0;
        foreach (var b in _boluses) if (b.TimeHours <= untilHours) total += b.Amount;
        foreach (var i in _inputs)
            total += i.RatePerHour * Math.Max(0, Math.Min(i.EndHours, untilHours) - i.StartHours);
        return total;
    }

    /// <summary>Sorted, distinct event times strictly inside (t0, t1).</summary>
    public double[] BreakpointsBetween(double t0, double t1)
    {
        var set = new SortedSet<double>();
        foreach (var b in _boluses) set.Add(b.TimeHours);
        foreach (var i in _inputs) { set.Add(i.StartHours); set.Add(i.EndHours); }
        foreach (var t in _breakpoints) set.Add(t);
        return set.Where(t => t > t0 && t < t1).ToArray();
    }
}
