using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Runs;

/// <summary>
/// Stop at remission and re-treatment courses of a dosing rule, on real subjects: session times against a hand-derived
/// schedule where the conditions always or never hold, and the endpoints that count them.
/// </summary>
public sealed class DosingRuleCourseTests
{
    private const string Template = """
        name: courses
        population: trd-adult
        duration: 4 weeks
        visits: [{ every: 1 week, until: 4 week }]
        placebo: open-label
        arms:
          - name: a
            doses: []
        safety: true
        phases:
          - name: treatment
            duration: 4 weeks
            dosing: { drug: esketamine, route: intranasal, levels: [56 mg], every: 3.5 d, RULE }
        """;

    private static TrialDefinition Trial(string rule) => TrialReader.Read(Template.Replace("RULE", rule, StringComparison.Ordinal), "courses.yaml");

    private static SubjectOutcome Subject(string rule, long index = 0) => new TrialRunner().SimulateSubject(Trial(rule), 11, index);

    private static double[] Given(SubjectOutcome o) => [.. o.Sessions.Where(s => !s.Held).Select(s => s.TimeHours)];

    [Fact]
    public void A_course_of_two_is_restarted_at_the_next_visit_while_retreat_when_holds()
    {
        // Sessions at 0 and 84 h end the first course (max 2); the first visit after it (168 h) restarts it: 168, 252;
        // one re-treatment allowed.
        var once = Subject("max_sessions: 2, retreat_when: \"madrs >= 0\", retreat_responders_only: false, max_retreatments: 1");
        Assert.Equal([0.0, 84, 168, 252], Given(once));
        Assert.Equal([168.0], once.RetreatmentHours);
        // Without a cap: courses at 168, 336 and 504 h; the visit at 672 h is the phase end, where sessions stop.
        var uncapped = Subject("max_sessions: 2, retreat_when: \"madrs >= 0\", retreat_responders_only: false");
        Assert.Equal([0.0, 84, 168, 252, 336, 420, 504, 588], Given(uncapped));
        Assert.Equal([168.0, 336, 504], uncapped.RetreatmentHours);
        // A condition that never holds re-treats nobody.
        var never = Subject("max_sessions: 2, retreat_when: \"madrs < 0\", retreat_responders_only: false");
        Assert.Equal([0.0, 84], Given(never));
        Assert.Empty(never.RetreatmentHours);
    }

    [Fact]
    public void Only_responders_at_the_end_of_a_course_are_re_treated_by_default()
    {
        // The same always-true condition: with the default, a subject is re-treated only if its MADRS had fallen by half at
        // the end of its two-session course (3.5 d after the second session); a non-responder gets those two sessions only.
        int retreated = 0, ended = 0;
        for (long i = 0; i < 8; i++)
        {
            var all = Subject("max_sessions: 2, retreat_when: \"madrs >= 0\", retreat_responders_only: false", i);
            var responders = Subject("max_sessions: 2, retreat_when: \"madrs >= 0\"", i);
            Assert.Equal([168.0, 336, 504], all.RetreatmentHours);
            Assert.True(responders.RetreatmentHours.Count <= 3);
            if (responders.RetreatmentHours.Count == 0) { ended++; Assert.Equal([0.0, 84], Given(responders)); }
            else { retreated++; Assert.Equal(168.0, responders.RetreatmentHours[0]); }
        }
        Assert.True(ended > 0 && retreated > 0, $"{ended} non-responders ended, {retreated} responders re-treated");
    }

    [Fact]
    public void Stop_when_ends_the_course_before_its_dose()
    {
        Assert.Empty(Given(Subject("stop_when: \"madrs <= 100\"")));                          // holds at the first session
        Assert.Equal(8, Given(Subject("stop_when: \"madrs <= 0\"")).Length);                   // never holds: twice weekly to the end
        // Stop at a realistic level: each subject has fewer sessions than the full eight once its MADRS is at or below 20,
        // and never stops while above it (the last session given was above 20 before its dose).
        int stopped = 0;
        for (long i = 0; i < 6; i++)
        {
            var o = Subject("stop_when: \"madrs <= 20\"", i);
            var given = Given(o);
            Assert.InRange(given.Length, 1, 8);
            if (given.Length < 8) stopped++;
        }
        Assert.True(stopped > 0, "a 56 mg course stops some subjects at MADRS <= 20 within 4 weeks");
    }

    [Fact]
    public void Sessions_to_response_count_the_sessions_up_to_the_first_response_visit()
    {
        var trial = Trial("max_sessions: 2, retreat_when: \"madrs >= 0\", retreat_responders_only: false");
        for (long i = 0; i < 6; i++)
        {
            var o = new TrialRunner().SimulateSubject(trial, 11, i);
            int first = EfficacyEndpoints.FirstResponseVisit(o);
            if (first < 0) { Assert.Null(o.SessionsToResponse); continue; }
            double at = trial.VisitTimesHours[first];
            Assert.Equal(Given(o).Count(t => t <= at), o.SessionsToResponse);
        }
    }
}
