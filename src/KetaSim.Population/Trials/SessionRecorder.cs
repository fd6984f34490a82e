using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;

namespace KetaSim.Population.Trials;

/// <summary>
/// Records the safety read-outs of one subject's dosing sessions on a <see cref="SegmentedRun"/>: a session registered at
/// time t adds output times t, t + 5 min, … t + window to the segments that cover them; the row at t (values just before the
/// dose) gives the pre-dose values, later rows the peaks. One instance per subject; not thread-safe.
/// </summary>
internal sealed class SessionRecorder
{
    private readonly TrialSafety _safety;
    private readonly double[] _offsets;
    private readonly List<SessionSafety> _sessions = [];
    private readonly List<int> _open = [];        // indices in _sessions whose window is not yet past
    private readonly bool _has;

    public SessionRecorder(TrialSafety safety, SegmentedRun run)
    {
        _safety = safety;
        _offsets = safety.WindowOffsetsHours();
        _has = run.Has(MechanismNames.SystolicMmHg) && run.Has(MechanismNames.Cadss) && run.Has(MechanismNames.Moaas) && run.Has(MechanismNames.DrugLiking);
    }

    public IReadOnlyList<SessionSafety> Sessions => _sessions;

    /// <summary>A session at <paramref name="timeHours"/> (now or later). Pre-dose values are read now when the session is now.</summary>
    public void Given(double timeHours, SegmentedRun run)
    {
        double n = double.NaN;
        var s = new SessionSafety(timeHours, false, n, n, double.NegativeInfinity, double.NegativeInfinity, n, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity);
        // Two session doses at one time (two compounds, or a dose record and a rule's) are one session.
        foreach (var x in _sessions) if (!x.Held && Math.Abs(x.TimeHours - timeHours) < 1e-9) return;
        if (_has && Math.Abs(timeHours - run.TimeHours) < 1e-9) s = WithPre(s, run);
        _open.Add(Insert(s));
    }

    /// <summary>A session the dose-hold rule held at the current time: its pre-dose blood pressure, nothing after.</summary>
    public void Held(SegmentedRun run)
    {
        double n = double.NaN;
        var s = new SessionSafety(run.TimeHours, true, n, n, n, n, n, n, n, n);
        if (_has) s = WithPre(s, run) with { PeakSystolicMmHg = n, PeakDiastolicMmHg = n, PeakCadss = n, MinMoaas = n, PeakDrugLiking = n };
        Insert(s);
    }

    private static SessionSafety WithPre(SessionSafety s, SegmentedRun run) => s with
    {
        PreSystolicMmHg = run.Observable(MechanismNames.SystolicMmHg),
        PreDiastolicMmHg = run.Observable(MechanismNames.DiastolicMmHg),
        PreCadss = run.Observable(MechanismNames.Cadss),
    };

    /// <summary>Sessions in time order (held and given at one time: held first); open indices shift with an insert.</summary>
    private int Insert(SessionSafety s)
    {
        int at = _sessions.Count;
        while (at > 0 && _sessions[at - 1].TimeHours > s.TimeHours) at--;
        _sessions.Insert(at, s);
        for (int k = 0; k < _open.Count; k++) if (_open[k] >= at) _open[k]++;
        return at;
    }

    /// <summary>The output times a segment from <paramref name="fromHours"/> to <paramref name="untilHours"/> needs: <paramref name="visits"/> plus the open windows' grid, sorted, no repeats.</summary>
    public IReadOnlyList<double> OutputTimes(IReadOnlyList<double> visits, double fromHours, double untilHours)
    {
        if (_open.Count == 0 || !_has) return visits;
        var times = new List<double>();
        foreach (var v in visits) if (v >= fromHours && v < untilHours) times.Add(v);
        foreach (int i in _open)
        {
            double t0 = _sessions[i].TimeHours;
            if (t0 >= fromHours && t0 < untilHours) times.Add(t0);
            foreach (var o in _offsets)
            {
                double t = t0 + o;
                if (t >= fromHours && t < untilHours) times.Add(t);
            }
        }
        times.Sort();
        int w = 0;
        for (int k = 0; k < times.Count; k++)
            if (w == 0 || times[k] - times[w - 1] > 1e-9) times[w++] = times[k];
        times.RemoveRange(w, times.Count - w);
        return times;
    }

    /// <summary>Takes the rows of a finished segment into the open sessions' pre-dose values and peaks; closes windows that ended.</summary>
    public void Take(SimulationResult r)
    {
        if (_open.Count == 0 || !_has) return;
        var times = r.TimesHours;
        double[]? sbp = null, dbp = null, cadss = null, moaas = null, liking = null;
        for (int k = _open.Count - 1; k >= 0; k--)
        {
            int i = _open[k];
            var s = _sessions[i];
            double end = s.TimeHours + _safety.WindowHours;
            for (int j = 0; j < times.Length; j++)
            {
                double t = times[j];
                if (t < s.TimeHours - 1e-9 || t > end + 1e-9) continue;
                sbp ??= r.Observable(MechanismNames.SystolicMmHg);
                dbp ??= r.Observable(MechanismNames.DiastolicMmHg);
                cadss ??= r.Observable(MechanismNames.Cadss);
                moaas ??= r.Observable(MechanismNames.Moaas);
                liking ??= r.Observable(MechanismNames.DrugLiking);
                if (Math.Abs(t - s.TimeHours) <= 1e-9)
                {
                    // The row at the dose time holds the values just before it (the dose is applied by the next segment).
                    if (double.IsNaN(s.PreSystolicMmHg)) s = s with { PreSystolicMmHg = sbp[j], PreDiastolicMmHg = dbp[j], PreCadss = cadss[j] };
                    continue;
                }
                s = s with
                {
                    PeakSystolicMmHg = Math.Max(s.PeakSystolicMmHg, sbp[j]),
                    PeakDiastolicMmHg = Math.Max(s.PeakDiastolicMmHg, dbp[j]),
                    PeakCadss = Math.Max(s.PeakCadss, cadss[j]),
                    MinMoaas = Math.Min(s.MinMoaas, moaas[j]),
                    PeakDrugLiking = Math.Max(s.PeakDrugLiking, liking[j]),
                };
            }
            _sessions[i] = s;
            if (times.Length > 0 && times[^1] >= end - 1e-9) _open.RemoveAt(k);
        }
    }

    /// <summary>The sessions, with peaks never reached (a window cut by the trial's end) set to NaN.</summary>
    public SessionSafety[] Finish()
    {
        var all = _sessions.ToArray();
        for (int i = 0; i < all.Length; i++)
        {
            var s = all[i];
            static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;
            all[i] = s with
            {
                PeakSystolicMmHg = Finite(s.PeakSystolicMmHg), PeakDiastolicMmHg = Finite(s.PeakDiastolicMmHg),
                PeakCadss = Finite(s.PeakCadss), MinMoaas = Finite(s.MinMoaas), PeakDrugLiking = Finite(s.PeakDrugLiking),
            };
        }
        return all;
    }
}
