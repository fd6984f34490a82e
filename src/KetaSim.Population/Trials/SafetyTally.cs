using KetaSim.Population.Statistics;

namespace KetaSim.Population.Trials;

/// <summary>
/// One arm's safety endpoints, summed over subjects (<see cref="Add"/>) and merged chunk by chunk in chunk order (so the
/// moments are the same for any thread count). Subject-level shares count a subject once if any of its given sessions
/// met the criterion, among subjects given at least one session; session-level shares count sessions given.
/// </summary>
public struct SafetyTally
{
    /// <summary>Subjects of the arm given at least one session, among all subjects of the arm.</summary>
    public ProportionCounter Dosed;
    public ProportionCounter SystolicRise, DiastolicRise, AbsoluteBp, Dissociation, Sedation;
    public ProportionCounter SessionSystolicRise, SessionDiastolicRise, SessionAbsoluteBp, SessionDissociation, SessionSedation;

    /// <summary>Per dosed subject: the largest systolic and diastolic rise (mmHg) and drug liking (0-100) over its sessions.</summary>
    public RunningMoments PeakSystolicRiseMmHg, PeakDiastolicRiseMmHg, PeakDrugLiking;

    /// <summary>Sessions given per subject of the arm.</summary>
    public RunningMoments SessionsGiven;

    /// <summary>Sessions given and sessions held by the dose-hold rule, over the arm.</summary>
    public long Given, Held;

    /// <summary>Adds one subject's sessions.</summary>
    public void Add(IReadOnlyList<SessionSafety> sessions, TrialSafety safety)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(safety);
        int given = 0;
        bool sr = false, dr = false, ab = false, di = false, se = false;
        double sys = double.NegativeInfinity, dia = double.NegativeInfinity, liking = double.NegativeInfinity;
        foreach (var s in sessions)
        {
            if (s.Held) { Held++; continue; }
            given++;
            bool a = s.SystolicRise(safety), b = s.DiastolicRise(safety), c = s.AbsoluteBp(safety), d = s.Dissociation(safety), e = s.Sedation(safety);
            SessionSystolicRise.Add(a);
            SessionDiastolicRise.Add(b);
            SessionAbsoluteBp.Add(c);
            SessionDissociation.Add(d);
            SessionSedation.Add(e);
            sr |= a; dr |= b; ab |= c; di |= d; se |= e;
            if (double.IsFinite(s.SystolicRiseMmHg)) sys = Math.Max(sys, s.SystolicRiseMmHg);
            if (double.IsFinite(s.DiastolicRiseMmHg)) dia = Math.Max(dia, s.DiastolicRiseMmHg);
            if (double.IsFinite(s.PeakDrugLiking)) liking = Math.Max(liking, s.PeakDrugLiking);
        }
        Given += given;
        SessionsGiven.Add(given);
        Dosed.Add(given > 0);
        if (given == 0) return;
        SystolicRise.Add(sr);
        DiastolicRise.Add(dr);
        AbsoluteBp.Add(ab);
        Dissociation.Add(di);
        Sedation.Add(se);
        if (double.IsFinite(sys)) PeakSystolicRiseMmHg.Add(sys);
        if (double.IsFinite(dia)) PeakDiastolicRiseMmHg.Add(dia);
        if (double.IsFinite(liking)) PeakDrugLiking.Add(liking);
    }

    public void Merge(in SafetyTally o)
    {
        Dosed.Merge(o.Dosed);
        SystolicRise.Merge(o.SystolicRise);
        DiastolicRise.Merge(o.DiastolicRise);
        AbsoluteBp.Merge(o.AbsoluteBp);
        Dissociation.Merge(o.Dissociation);
        Sedation.Merge(o.Sedation);
        SessionSystolicRise.Merge(o.SessionSystolicRise);
        SessionDiastolicRise.Merge(o.SessionDiastolicRise);
        SessionAbsoluteBp.Merge(o.SessionAbsoluteBp);
        SessionDissociation.Merge(o.SessionDissociation);
        SessionSedation.Merge(o.SessionSedation);
        PeakSystolicRiseMmHg.Merge(o.PeakSystolicRiseMmHg);
        PeakDiastolicRiseMmHg.Merge(o.PeakDiastolicRiseMmHg);
        PeakDrugLiking.Merge(o.PeakDrugLiking);
        SessionsGiven.Merge(o.SessionsGiven);
        Given += o.Given;
        Held += o.Held;
    }

    /// <summary>The subject- and session-level shares by name, in the order summary.json and safety.csv list them.</summary>
    public readonly IReadOnlyList<(string Measure, string Level, ProportionCounter Count)> Shares() =>
    [
        ("dosed", "subject", Dosed),
        ("sbp_rise", "subject", SystolicRise),
        ("dbp_rise", "subject", DiastolicRise),
        ("bp_absolute", "subject", AbsoluteBp),
        ("dissociation", "subject", Dissociation),
        ("sedation", "subject", Sedation),
        ("sbp_rise", "session", SessionSystolicRise),
        ("dbp_rise", "session", SessionDiastolicRise),
        ("bp_absolute", "session", SessionAbsoluteBp),
        ("dissociation", "session", SessionDissociation),
        ("sedation", "session", SessionSedation),
    ];

    /// <summary>The per-subject means by name (unit in the name).</summary>
    public readonly IReadOnlyList<(string Measure, RunningMoments Moments)> Means() =>
    [
        ("peak_sbp_rise_mmhg", PeakSystolicRiseMmHg),
        ("peak_dbp_rise_mmhg", PeakDiastolicRiseMmHg),
        ("peak_drug_liking", PeakDrugLiking),
        ("sessions_given", SessionsGiven),
    ];
}
