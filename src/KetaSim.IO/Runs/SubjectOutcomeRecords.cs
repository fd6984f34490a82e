using System.Globalization;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Store;
using KetaSim.Population.Sampling;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Runs;

/// <summary>
/// A trial subject in the result store and back: <see cref="ToRecord"/> turns a <see cref="SubjectOutcome"/>
/// (plus the subject's sampled covariates) into a <see cref="SubjectRecord"/>; <see cref="Load"/> rebuilds
/// outcomes from the stored rows bit for bit (DOUBLE columns keep every bit), which is what resume relies on.
/// Layout (docs/result-store.md, "How a trial fills the store"):
/// <list type="bullet">
/// <item><c>subjects</c>: covariates of the sampled patient, then the outcome's own per-subject values
/// (<c>baseline_madrs</c> as rated, <c>held_doses</c>, <c>relapse_evaluable</c>, <c>relapse_censored_h</c>,
/// <c>relapse_origin_h</c>, <c>phases_entered</c>: phases of a phased design the subject entered, 0 without phases; <c>validity_flags</c>: the bits of <see cref="Biology.Validity.SubjectValidityFlags"/>). A withdrawal-design subject who was not randomised has arm
/// <see cref="TrialRunner.NotRandomisedArmName"/>.</item>
/// <item><c>visits</c>: one row per scheduled visit; MADRS, change, response and remission NULL after dropout.</item>
/// <item><c>events</c>: <c>dropout</c> (time of dropout), <c>relapse</c> (visit establishing relapse), one
/// <c>dose_held</c> per held dose (time, and compound/amount/blood pressure as JSON detail), one <c>retreatment</c> per
/// re-treatment course a dosing rule started (time of its first session), <c>response</c> at the first response visit
/// (detail: the treatment sessions given up to it).</item>
/// <item><c>ratings</c> (trials with suicidality endpoints): MADRS item 10 and the CGI-SS-r style severity, the baseline
/// as visit −1, then one row per scheduled visit (NULL after dropout).</item>
/// <item><c>sessions</c> (trials with a safety block): one row per dosing session before dropout, given or held, with the
/// pre-dose values and the extremes within the window after the dose; NULL where a value does not exist.</item>
/// </list>
/// </summary>
public static class SubjectOutcomeRecords
{
    /// <summary>The subject's covariates, as sampled from the population (categorical ones as 0/1).</summary>
    public static readonly IReadOnlyList<string> CovariateColumns =
    [
        "weight_kg", "age_y", "female", "east_asian", "treatment_resistant", "stress_severity",
        "model_baseline_madrs", "responsiveness", "placebo_responsiveness", "serotonergic_responsiveness", "inclusion_draws",
    ];

    /// <summary>Per-subject outcome values that are not visits or events but are needed to rebuild the outcome exactly.</summary>
    public static readonly IReadOnlyList<string> OutcomeColumns = ["baseline_madrs", "held_doses", "relapse_evaluable", "relapse_censored_h", "relapse_origin_h", "phases_entered", "validity_flags"];

    /// <summary>Every DOUBLE column of <c>subjects</c> after the fixed ones, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. CovariateColumns, .. OutcomeColumns];

    /// <summary>Builds the store record of one subject. <paramref name="subject"/> supplies the covariates
    /// (<see cref="PopulationSampler.Sample"/> with the run's seed and the subject's index); <paramref name="heldDoses"/>
    /// the times and details of held doses (may be empty when unknown; the count comes from the outcome).</summary>
    public static SubjectRecord ToRecord(TrialDefinition trial, SubjectOutcome outcome, VirtualSubject subject, IReadOnlyList<Biology.Safety.HeldDose> heldDoses)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(subject);
        var s = subject.Subject;
        var p = subject.Patient;
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["weight_kg"] = s.WeightKg,
            ["age_y"] = s.AgeYears,
            ["female"] = s.Sex == Sex.Female ? 1 : 0,
            ["east_asian"] = s.EastAsian ? 1 : 0,
            ["treatment_resistant"] = (trial.Arms[Math.Max(0, outcome.Arm)].TreatmentResistant ?? p.TreatmentResistant) ? 1 : 0,
            ["stress_severity"] = p.StressSeverity,
            ["model_baseline_madrs"] = p.BaselineMadrs,
            ["responsiveness"] = p.Responsiveness,
            ["placebo_responsiveness"] = p.PlaceboResponsiveness,
            ["serotonergic_responsiveness"] = p.SerotonergicResponsiveness,
            ["inclusion_draws"] = subject.Draws,
            ["baseline_madrs"] = outcome.Baseline,
            ["held_doses"] = outcome.HeldDoses,
            ["relapse_evaluable"] = outcome.RelapseEvaluable ? 1 : 0,
            ["relapse_censored_h"] = outcome.RelapseCensoredHours,
            ["relapse_origin_h"] = outcome.RelapseOriginHours,
            ["phases_entered"] = outcome.PhasesEntered,
            ["validity_flags"] = (int)outcome.Flags,
        };
        var visits = new VisitRecord[trial.VisitTimesHours.Count];
        for (int v = 0; v < visits.Length; v++)
        {
            var score = outcome.Scores[v];
            visits[v] = score is { } x
                ? new VisitRecord(trial.VisitTimesHours[v], x, x - outcome.Baseline, outcome.Responded[v], outcome.Remitted[v])
                : new VisitRecord(trial.VisitTimesHours[v], null, null, null, null);
        }
        var events = new List<(double Time, int Order, EventRecord Event)>();
        if (outcome.DropoutHours is { } d) events.Add((d, 0, new EventRecord(d, EventKinds.Dropout)));
        if (outcome.RelapseHours is { } r) events.Add((r, 1, new EventRecord(r, EventKinds.Relapse)));
        foreach (var h in heldDoses)
            events.Add((h.TimeHours, 2, new EventRecord(h.TimeHours, EventKinds.DoseHeld, HeldDetail(h))));
        if (outcome.SessionsToResponse is { } k && EfficacyEndpoints.FirstResponseVisit(outcome) is var fr and >= 0)
        {
            double at = trial.VisitTimesHours[fr];
            events.Add((at, 1, new EventRecord(at, EventKinds.Response, new System.Text.Json.Nodes.JsonObject { ["sessions"] = k }.ToJsonString())));
        }
        foreach (var rt in outcome.RetreatmentHours)
            events.Add((rt, 3, new EventRecord(rt, EventKinds.Retreatment)));
        // Events in time order (stable: dropout before relapse before a dose held at the same time).
        var ordered = events.OrderBy(e => e.Time).ThenBy(e => e.Order).Select(e => e.Event).ToArray();
        static double? N(double v) => double.IsFinite(v) ? v : null;
        var sessions = outcome.Sessions.Select(x => new SessionRecord(x.TimeHours, x.Held, N(x.PreSystolicMmHg), N(x.PreDiastolicMmHg), N(x.PeakSystolicMmHg),
            N(x.PeakDiastolicMmHg), N(x.PreCadss), N(x.PeakCadss), N(x.MinMoaas), N(x.PeakDrugLiking))).ToArray();
        var ratings = new List<RatingRecord>();
        if (outcome.Suicidality is { } si)
        {
            ratings.Add(new RatingRecord(-1, 0, si.BaselineItem10, si.BaselineCgi));
            for (int v = 0; v < trial.VisitTimesHours.Count; v++) ratings.Add(new RatingRecord(v, trial.VisitTimesHours[v], si.Item10[v], si.Cgi[v]));
        }
        return new SubjectRecord(checked((int)outcome.Index), outcome.ArmName, Included: true, values, visits, ordered) { Sessions = sessions, Ratings = ratings };
    }

    private static string HeldDetail(Biology.Safety.HeldDose h) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["compound"] = h.Compound,
            ["amount"] = h.Amount.ToString(),
            ["pre_dose_sbp_mmhg"] = h.SystolicMmHg,
            ["pre_dose_dbp_mmhg"] = h.DiastolicMmHg,
        }.ToJsonString();

    /// <summary>
    /// Rebuilds the stored outcomes of <paramref name="trial"/> (the definition the store was written with), keyed by
    /// subject index. <paramref name="where"/> optionally restricts the subjects (an SQL condition on
    /// <c>subjects</c>, e.g. <c>subject_index &lt; 10</c>). Only completed subjects are returned.
    /// </summary>
    /// <exception cref="InvalidDataException">A stored row does not fit the trial (unknown arm, wrong visits).</exception>
    public static Dictionary<long, SubjectOutcome> Load(ResultStore store, TrialDefinition trial, string? where = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trial);
        var filter = where is null ? "" : $" AND ({where})";
        var armIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int a = 0; a < trial.Arms.Count; a++) armIndex[trial.Arms[a].Name] = a;
        var visitTimes = trial.VisitTimesHours;
        int nv = visitTimes.Count;

        var rows = store.Query(
            $"SELECT subject_index, arm, baseline_madrs, held_doses, relapse_evaluable, relapse_censored_h, relapse_origin_h, phases_entered, validity_flags FROM subjects WHERE completed{filter} ORDER BY subject_index",
            r => (Index: (long)r.GetInt32(0), Arm: r.GetString(1), Baseline: r.GetDouble(2), Held: r.GetDouble(3), Evaluable: r.GetDouble(4), Censored: r.GetDouble(5), Origin: r.GetDouble(6), Phases: r.GetDouble(7),
                  Flags: r.IsDBNull(8) ? 0 : (int)r.GetDouble(8)));
        var scores = new Dictionary<long, (double?[] Scores, bool[] Resp, bool[] Rem)>(rows.Count);
        foreach (var row in rows) scores[row.Index] = (new double?[nv], new bool[nv], new bool[nv]);
        var visitIndex = new Dictionary<double, int>();
        for (int v = 0; v < nv; v++) visitIndex[visitTimes[v]] = v;

        foreach (var (index, time, madrs, resp, rem) in store.Query(
            $"SELECT subject_index, visit_h, madrs, response, remission FROM visits WHERE subject_index IN (SELECT subject_index FROM subjects WHERE completed{filter}) ORDER BY subject_index, visit_h",
            r => ((long)r.GetInt32(0), r.GetDouble(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2),
                  !r.IsDBNull(3) && r.GetBoolean(3), !r.IsDBNull(4) && r.GetBoolean(4))))
        {
            if (!scores.TryGetValue(index, out var s) || !visitIndex.TryGetValue(time, out int v))
                throw new InvalidDataException($"{store.Path}: subject {index} has a visit at {time.ToString(CultureInfo.InvariantCulture)} h that trial '{trial.Name}' does not schedule.");
            s.Scores[v] = madrs;
            s.Resp[v] = resp;
            s.Rem[v] = rem;
        }

        var dropout = new Dictionary<long, double>();
        var relapse = new Dictionary<long, double>();
        var retreatments = new Dictionary<long, List<double>>();
        var sessionsToResponse = new Dictionary<long, int>();
        foreach (var (index, kind, time, detail) in store.Query(
            $"SELECT subject_index, kind, time_h, detail FROM events WHERE kind IN ('{EventKinds.Dropout}', '{EventKinds.Relapse}', '{EventKinds.Retreatment}', '{EventKinds.Response}') AND subject_index IN (SELECT subject_index FROM subjects WHERE completed{filter}) ORDER BY subject_index, time_h",
            r => ((long)r.GetInt32(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3))))
        {
            if (kind == EventKinds.Response)
            {
                if (detail is not null && System.Text.Json.Nodes.JsonNode.Parse(detail)?["sessions"] is { } k) sessionsToResponse[index] = k.GetValue<int>();
            }
            else if (kind == EventKinds.Retreatment)
            {
                if (!retreatments.TryGetValue(index, out var list)) retreatments[index] = list = [];
                list.Add(time);
            }
            else (kind == EventKinds.Dropout ? dropout : relapse)[index] = time;
        }

        var sessions = new Dictionary<long, List<SessionSafety>>();
        if (trial.Safety is not null)
        {
            static double D(DuckDB.NET.Data.DuckDBDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);
            foreach (var (index, s) in store.Query(
                $"SELECT subject_index, time_h, held, pre_sbp_mmhg, pre_dbp_mmhg, peak_sbp_mmhg, peak_dbp_mmhg, pre_cadss, peak_cadss, min_moaas, peak_drug_liking FROM sessions " +
                $"WHERE subject_index IN (SELECT subject_index FROM subjects WHERE completed{filter}) ORDER BY subject_index, session",
                r => ((long)r.GetInt32(0), new SessionSafety(r.GetDouble(1), r.GetBoolean(2), D(r, 3), D(r, 4), D(r, 5), D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10)))))
            {
                if (!sessions.TryGetValue(index, out var list)) sessions[index] = list = [];
                list.Add(s);
            }
        }

        var suicidality = new Dictionary<long, (double BaseItem10, double BaseCgi, double?[] Item10s, double?[] Cgis)>();
        if (trial.Suicidality is not null)
        {
            foreach (var (index, visit, item10, cgi) in store.Query(
                $"SELECT subject_index, visit, item10, cgi_ss_r FROM ratings WHERE subject_index IN (SELECT subject_index FROM subjects WHERE completed{filter}) ORDER BY subject_index, visit",
                r => ((long)r.GetInt32(0), r.GetInt32(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2), r.IsDBNull(3) ? (double?)null : r.GetDouble(3))))
            {
                if (!suicidality.TryGetValue(index, out var s)) suicidality[index] = s = (double.NaN, double.NaN, new double?[nv], new double?[nv]);
                if (visit < 0) suicidality[index] = s with { BaseItem10 = item10 ?? double.NaN, BaseCgi = cgi ?? double.NaN };
                else if (visit < nv) { s.Item10s[visit] = item10; s.Cgis[visit] = cgi; }
                else throw new InvalidDataException($"{store.Path}: subject {index} has a rating at visit {visit}, which trial '{trial.Name}' does not schedule.");
            }
        }

        var outcomes = new Dictionary<long, SubjectOutcome>(rows.Count);
        foreach (var row in rows)
        {
            int arm = -1;
            if (!string.Equals(row.Arm, TrialRunner.NotRandomisedArmName, StringComparison.Ordinal) && !armIndex.TryGetValue(row.Arm, out arm))
                throw new InvalidDataException($"{store.Path}: subject {row.Index} is in arm '{row.Arm}', which trial '{trial.Name}' does not have.");
            var s = scores[row.Index];
            outcomes[row.Index] = new SubjectOutcome(row.Index, arm, arm >= 0 ? trial.Arms[arm].Name : TrialRunner.NotRandomisedArmName, row.Baseline, s.Scores, s.Resp, s.Rem,
                dropout.TryGetValue(row.Index, out double d) ? d : null,
                row.Evaluable != 0,
                relapse.TryGetValue(row.Index, out double rh) ? rh : null,
                row.Censored,
                checked((int)row.Held))
            {
                RelapseOriginHours = row.Origin, PhasesEntered = checked((int)row.Phases), Flags = (Biology.Validity.SubjectValidityFlags)row.Flags,
                Sessions = sessions.TryGetValue(row.Index, out var given) ? given : [],
                RetreatmentHours = retreatments.TryGetValue(row.Index, out var courses) ? courses : [],
                Suicidality = suicidality.TryGetValue(row.Index, out var ratings) ? new SuicidalityScores(ratings.BaseItem10, ratings.BaseCgi, ratings.Item10s, ratings.Cgis) : null,
                SessionsToResponse = sessionsToResponse.TryGetValue(row.Index, out int toResponse) ? toResponse : null,
            };
        }
        return outcomes;
    }
}
