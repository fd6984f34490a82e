using System.Globalization;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Trials;
using YamlDotNet.RepresentationModel;

namespace KetaSim.IO.Trials;

public static partial class TrialReader
{
    public static readonly string[] PhaseKeys = ["name", "duration", "entry", "stable_visits", "placebo", "remission", "randomise", "doses", "sessions", "dosing", "arms"];
    public static readonly string[] PhaseArmKeys = ["name", "doses", "sessions", "dosing", "placebo"];
    public static readonly string[] DosingKeys = ["drug", "route", "levels", "start", "start_when", "step_up_when", "every", "max_sessions", "first_at", "stop_when", "retreat_when", "max_retreatments", "retreat_responders_only", "duration"];
    public static readonly string[] RuleChoiceKeys = ["when", "interval", "dose"];
    public static readonly string[] EntryNames = ["all", "responders", "remitters", "stable-remitters"];

    private const string SessionsAllowed = "a schedule of inert sessions (placebo spray, saline infusion) such as \"twice weekly for 4 weeks\" or \"on days 1, 4\" (docs/schedules.md)";
    private const string ConditionAllowed = "VARIABLE OP NUMBER with VARIABLE one of madrs (the model's MADRS at the session), improvement (fraction fallen from baseline), age (years), sessions (given so far in the course) and OP one of <, <=, >, >=, ==; e.g. \"madrs > 12\"";

    private sealed partial class Context
    {
        /// <summary>Inert-session times under <paramref name="key"/> (a schedule from <paramref name="start"/>), inside [start, start + length).</summary>
        private static IReadOnlyList<double> ReadSessions(MapNode map, string key, double start, double length, string within = "the trial")
        {
            if (map.String(key, SessionsAllowed) is not { } text) return [];
            IReadOnlyList<double> times;
            try
            {
                times = DosingSchedule.Parse(text, start);
            }
            catch (ScheduleParseException e)
            {
                throw map.Error(key, $"at column {e.Position + 1} expected {e.Expected}, found {e.Found}", SessionsAllowed);
            }
            catch (ArgumentException e)
            {
                throw map.Error(key, e.Message.TrimEnd('.'), SessionsAllowed);
            }
            foreach (var t in times)
                if (!(t >= start && t < start + length - 1e-9))
                    throw map.Error(key, $"a session at {Format.Hours(t - start)} falls outside {within} ({Format.Hours(length)})",
                        $"sessions from 0 h to before {Format.Hours(length)}");
            return times;
        }

        private List<TrialPhase> ReadPhases(MapNode root, double duration, IReadOnlyList<double> visits, List<ReadArm> arms, RatingScale scale, double remission)
        {
            var phases = new List<TrialPhase>();
            if (root.Get("phases") is not { } node) return phases;
            const string allowed = "a list of phases, each with a name, a duration and its regimen (docs/trial-format.md, \"phases\")";
            var input = root.Input;
            var seq = input.Sequence(node, "phases", allowed);
            if (seq.Children.Count == 0) throw input.Error(seq, "phases", "no phases given", "at least one phase");
            if (root.Has("withdrawal"))
                throw root.Error("withdrawal", "a trial has phases or a withdrawal block, not both", "phases with randomise: true on the phase that randomises");
            var armNames = arms.Select(a => a.Arm.Name).ToArray();
            double at = 0;
            var maps = new List<MapNode>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var m = input.Map(seq.Children[i], $"phases[{i}]", PhaseKeys);
                ScenarioReader.Note(_lines, m);
                var name = m.RequireString("name", "a short name, e.g. induction").Trim();
                if (name.Length == 0 || name.Length > 100 || name.Any(char.IsControl)) throw m.Error("name", "not a usable phase name", "1-100 characters");
                if (phases.Any(p => p.Name == name)) throw m.Error("name", $"two phases are called '{name}'", "a different name for each phase");
                double length = m.RequireQuantity("duration", Units.Time).InBaseUnit;
                if (!(length > 0) || at + length > duration + 1e-9)
                    throw m.Error("duration", $"the phase must be positive and end inside the trial ({Format.Hours(duration - at)} are left)", $"0 < duration <= {Format.Hours(duration - at)}");
                if (i == seq.Children.Count - 1 && Math.Abs(at + length - duration) > 1e-9)
                    throw m.Error("duration", $"the phases end at {Format.Hours(at + length)} but the trial lasts {Format.Hours(duration)}", $"a last phase of {Format.Hours(duration - at)}, so the phases cover the trial");
                var entry = ReadEntry(m, i, at, visits, phases);
                double? phaseRemission = null;
                if (m.Map("remission", RemissionKeys) is { } rem)
                {
                    string key = scale == RatingScale.Hamd17 ? "hamd17_max" : "madrs_max";
                    string other = scale == RatingScale.Hamd17 ? "madrs_max" : "hamd17_max";
                    if (rem.Has(other)) throw rem.Error(other, $"the trial is rated on {(scale == RatingScale.Hamd17 ? "HAM-D17" : "MADRS")}", $"{key}: N");
                    double max = scale == RatingScale.Hamd17 ? 52 : 60;
                    var v = rem.Number(key, $"points, 0 to {max}") ?? throw rem.Error(key, "is missing", $"{key}: N");
                    if (!(v >= 0 && v <= max)) throw rem.Error(key, "out of range", $"0 <= {key} <= {max}");
                    phaseRemission = v;
                }
                bool randomise = m.Bool("randomise") ?? false;
                if (randomise && i == 0) throw m.Error("randomise", "the first phase cannot randomise: arms are randomised at t = 0 then", "randomise: true on a later phase");
                if (randomise && phases.Any(p => p.Randomise)) throw m.Error("randomise", "a second phase randomises", "randomise: true on one phase");
                if (randomise && arms.Count < 2) throw m.Error("randomise", "randomisation needs at least two arms", "two or more arms");
                var common = ReadPhaseRegimen(m, at, length);
                var perArm = new Dictionary<string, PhaseRegimen>(StringComparer.Ordinal);
                if (m.Get("arms") is { } armsNode)
                {
                    var armSeq = input.Sequence(armsNode, m.Child("arms"), "a list of { name: ARM, doses / sessions / dosing / placebo }");
                    for (int k = 0; k < armSeq.Children.Count; k++)
                    {
                        var am = input.Map(armSeq.Children[k], $"{m.Child("arms")}[{k}]", PhaseArmKeys);
                        ScenarioReader.Note(_lines, am);
                        var armName = am.RequireString("name", string.Join(", ", armNames)).Trim();
                        if (!armNames.Contains(armName)) throw am.Error("name", $"no arm is called '{armName}'{NearestName.Hint(armName, armNames)}", string.Join(", ", armNames));
                        if (perArm.ContainsKey(armName)) throw am.Error("name", $"arm '{armName}' is given twice in this phase", "each arm once");
                        perArm[armName] = ReadPhaseRegimen(am, at, length);
                    }
                }
                maps.Add(m);
                phases.Add(new TrialPhase(name, at, at + length)
                {
                    Entry = entry,
                    Placebo = ReadPlacebo(m),
                    RemissionThreshold = phaseRemission,
                    Randomise = randomise,
                    Regimen = common,
                    ArmRegimens = perArm,
                    SourceLine = m.Line,
                });
                at += length;
            }
            if (phases.FindIndex(p => p.Randomise) is var r && r > 0)
            {
                // Before the randomising phase every arm runs the same regimen.
                for (int p = 0; p < r; p++)
                    if (phases[p].ArmRegimens.Count > 0)
                        throw maps[p].Error("arms", $"arms are randomised only at phase '{phases[r].Name}', so before it no arm may have a regimen of its own",
                            "arms: only in the randomising phase and after it");
                var first = arms[0].Arm;
                for (int a = 1; a < arms.Count; a++)
                {
                    var diff = TrialRegimen.FirstDifferenceBefore(first.RegimenTemplate, arms[a].Arm.RegimenTemplate, phases[r].StartHours);
                    if (diff is null && arms[a].Arm.TreatmentResistant != first.TreatmentResistant) diff = "the treatment-resistance override (patient.trd) differs";
                    if (diff is not null)
                        throw arms[a].Map.Error(arms[a].Map.Has("doses") ? "doses" : "name",
                            $"every arm must be the same before randomisation at phase '{phases[r].Name}' ({Format.Hours(phases[r].StartHours)}), but arm '{arms[a].Arm.Name}' differs from arm '{first.Name}': {diff}",
                            "identical doses, placebo context, patient, dose-hold rule and parameters in every arm before the randomising phase");
                }
            }
            return phases;
        }

        private static PhaseEntry ReadEntry(MapNode m, int index, double start, IReadOnlyList<double> visits, List<TrialPhase> before)
        {
            const string allowed = "all, responders (response at the last visit of the previous phase), remitters (remission there), stable-remitters (remission at each of its last stable_visits visits)";
            var text = m.String("entry", allowed)?.Trim().ToLowerInvariant();
            if (text is not (null or "all" or "responders" or "remitters" or "stable-remitters" or "stable_remitters" or "stable remitters"))
                throw m.Error("entry", $"unknown entry criterion{NearestName.Hint(text, EntryNames)}", allowed);
            if (m.Has("stable_visits") && text is not ("stable-remitters" or "stable_remitters" or "stable remitters"))
                throw m.Error("stable_visits", "stable_visits belongs to entry: stable-remitters", "entry: stable-remitters with stable_visits: K");
            if (text is null or "all") return PhaseEntry.All;
            if (index == 0) throw m.Error("entry", "the first phase takes every subject", "entry: all (or no entry) on the first phase");
            var kind = text switch
            {
                "responders" => PhaseEntryKind.Responders,
                "remitters" => PhaseEntryKind.Remitters,
                "stable-remitters" or "stable_remitters" or "stable remitters" => PhaseEntryKind.StableRemitters,
                _ => throw m.Error("entry", $"unknown entry criterion{NearestName.Hint(text, EntryNames)}", allowed),
            };
            int k = 1;
            if (kind == PhaseEntryKind.StableRemitters)
            {
                k = 2;
                if (m.Get("stable_visits") is { } sv)
                {
                    var t = m.Input.Scalar(sv, m.Child("stable_visits"), "a whole number >= 1");
                    if (!int.TryParse(t.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out k) || k < 1 || k > 100)
                        throw m.Error("stable_visits", "not a whole number from 1 to 100", "a whole number >= 1, e.g. 2");
                }
            }
            var previous = before[^1];
            int inPrevious = visits.Count(v => v > previous.StartHours - (previous.StartHours == 0 ? 1e-9 : 0) && v <= previous.EndHours);
            if (inPrevious < k)
                throw m.Error(kind == PhaseEntryKind.StableRemitters && m.Has("stable_visits") ? "stable_visits" : "entry",
                    $"entry '{text}' is judged on {k} visit(s) of phase '{previous.Name}', which has {inPrevious} ({Format.Hours(previous.StartHours)} to {Format.Hours(previous.EndHours)})",
                    $"visits in phase '{previous.Name}', one at its end ({Format.Hours(previous.EndHours)})");
            return new PhaseEntry(kind, k);
        }

        /// <summary>Doses, sessions, dosing rule and placebo of a phase or of one arm in it; times relative to the phase start.</summary>
        private PhaseRegimen ReadPhaseRegimen(MapNode m, double start, double length)
        {
            var doses = _scenarios.ReadDoseList(m, "doses", _lines, Subject.TypicalAdult, length, allowEmpty: true);
            foreach (var (d, k) in doses.Select((d, k) => (d, k)))
                if (d.Continued) throw m.Error("doses", "continued applies to a medication taken before t = 0: give it in the trial's or arm's background", "continued: true only in background or arm doses");
            return new PhaseRegimen
            {
                Doses = [.. doses.Select(d => d with { TimeHours = d.TimeHours + start })],
                SessionTimesHours = ReadSessions(m, "sessions", start, length, "the phase"),
                Rule = ReadDosing(m, length),
                Placebo = ReadPlacebo(m),
            };
        }

        private DosingRule? ReadDosing(MapNode parent, double length)
        {
            if (parent.Map("dosing", DosingKeys) is not { } m) return null;
            ScenarioReader.Note(_lines, m);
            var subject = Subject.TypicalAdult;
            var routesByCompound = _scenarios.Catalog.RoutesFor(subject.Species);
            var compounds = routesByCompound.Keys.Order(StringComparer.Ordinal).ToArray();
            var drugText = m.RequireString("drug", string.Join(", ", compounds));
            var drug = compounds.FirstOrDefault(c => string.Equals(c, drugText.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw m.Error("drug", $"unknown drug for a human{NearestName.Hint(drugText, compounds)}", string.Join(", ", compounds));
            var supported = routesByCompound[drug];
            string supportedText = string.Join(", ", supported.OrderBy(r => r).Select(RouteNames.NameOf));
            var routeText = m.RequireString("route", supportedText);
            if (!RouteNames.TryParse(routeText, out var route) || !supported.Contains(route))
                throw m.Error("route", $"not a route {drug} can be given by{NearestName.Hint(routeText, RouteNames.Canonical)}", $"{supportedText} for {drug}");
            var template = new DoseRecord { Compound = drug, Route = route, Amount = DoseAmount.Mg(1) };
            if (DoseExpansion.InfusionRoutes.Contains(route))
            {
                // An infusion session: every dose of the rule runs over this duration (ketamine 0.5 mg/kg over 40 min).
                var d = m.RequireQuantity("duration", Units.Time).InBaseUnit;
                if (!(d > 0 && d <= 24)) throw m.Error("duration", "an infusion must last more than 0 and at most 24 h", "e.g. 40 min");
                template = template with { DurationHours = d };
            }
            else if (m.Has("duration"))
                throw m.Error("duration", $"only an infusion has a duration, and {RouteNames.NameOf(route)} is not one", "leave duration out, or an infusion route (iv-infusion)");

            const string levelsAllowed = "a list of doses the rule may give, lowest first, e.g. [28 mg, 56 mg, 84 mg]";
            var levelsNode = m.Require("levels", levelsAllowed);
            var levelSeq = m.Input.Sequence(levelsNode, m.Child("levels"), levelsAllowed);
            if (levelSeq.Children.Count == 0) throw m.Error("levels", "no dose levels", levelsAllowed);
            var levels = new List<DoseAmount>();
            for (int k = 0; k < levelSeq.Children.Count; k++)
            {
                var q = m.Input.Quantity(levelSeq.Children[k], $"{m.Child("levels")}[{k}]", Units.DoseAmount);
                var amount = ScenarioReader.ToDoseAmount(q);
                try
                {
                    DoseExpansion.Validate(template with { Amount = amount }, subject.WeightKg);
                }
                catch (DoseValidationException e)
                {
                    throw m.Input.Error(levelSeq.Children[k], $"{m.Child("levels")}[{k}]", $"{e.Value} is not allowed", e.Allowed);
                }
                if (route == Route.Intranasal && amount.Unit == DoseUnit.Mg && Math.Abs(amount.Value / 28 - Math.Round(amount.Value / 28)) > 1e-9 && drug.Equals("esketamine", StringComparison.OrdinalIgnoreCase))
                    throw m.Input.Error(levelSeq.Children[k], $"{m.Child("levels")}[{k}]", "esketamine nasal doses are whole 28-mg devices", "28 mg, 56 mg or 84 mg");
                if (levels.Count > 0 && !(amount.Value > levels[^1].Value && amount.Unit == levels[^1].Unit))
                    throw m.Input.Error(levelSeq.Children[k], $"{m.Child("levels")}[{k}]", "levels must increase, in one unit", levelsAllowed);
                levels.Add(amount);
            }
            int LevelOf(YamlNode node, string path)
            {
                var q = m.Input.Quantity(node, path, Units.DoseAmount);
                var amount = ScenarioReader.ToDoseAmount(q);
                int idx = levels.IndexOf(amount);
                if (idx < 0) throw m.Input.Error(node, path, "not one of the rule's levels", string.Join(", ", levels));
                return idx;
            }

            int? startLevel = 0;
            if (m.Get("start") is { } startNode)
            {
                var st = m.Input.Scalar(startNode, m.Child("start"), "a level, or continue");
                startLevel = st.Trim().Equals("continue", StringComparison.OrdinalIgnoreCase) ? null : LevelOf(startNode, m.Child("start"));
            }
            var startWhen = new List<RuleStart>();
            if (m.Get("start_when") is { } swNode)
            {
                var sw = m.Input.Sequence(swNode, m.Child("start_when"), "a list of { when: CONDITION, dose: LEVEL }");
                for (int k = 0; k < sw.Children.Count; k++)
                {
                    var c = m.Input.Map(sw.Children[k], $"{m.Child("start_when")}[{k}]", ["when", "dose"]);
                    startWhen.Add(new RuleStart(Condition(c, "when") ?? throw c.Error("when", "is missing", ConditionAllowed),
                        LevelOf(c.Require("dose", string.Join(", ", levels)), c.Child("dose"))));
                }
            }
            var every = new List<RuleInterval>();
            const string everyAllowed = "an interval such as 1 week, or a list of { when: CONDITION, interval: TIME } ending with one without when";
            var everyNode = m.Require("every", everyAllowed);
            if (everyNode is YamlSequenceNode es)
            {
                if (es.Children.Count == 0) throw m.Error("every", "no intervals", everyAllowed);
                for (int k = 0; k < es.Children.Count; k++)
                {
                    var c = m.Input.Map(es.Children[k], $"{m.Child("every")}[{k}]", ["when", "interval"]);
                    var when = Condition(c, "when");
                    if (when is null && k < es.Children.Count - 1) throw c.Error("when", "only the last interval may be without a condition", everyAllowed);
                    if (when is not null && k == es.Children.Count - 1) throw c.Error("when", "the last interval must have no condition (it applies otherwise)", everyAllowed);
                    every.Add(new RuleInterval(when, Interval(c, "interval")));
                }
            }
            else every.Add(new RuleInterval(null, Interval(m, "every")));

            int? maxSessions = null;
            if (m.Get("max_sessions") is { } ms)
            {
                var t = m.Input.Scalar(ms, m.Child("max_sessions"), "a whole number >= 1");
                if (!int.TryParse(t.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int mx) || mx < 1 || mx > 10_000)
                    throw m.Error("max_sessions", "not a whole number from 1 to 10000", "a whole number >= 1, e.g. 8");
                maxSessions = mx;
            }
            int? maxRetreatments = null;
            if (m.Get("max_retreatments") is { } mr)
            {
                var t = m.Input.Scalar(mr, m.Child("max_retreatments"), "a whole number >= 0");
                if (!int.TryParse(t.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int r) || r > 1000)
                    throw m.Error("max_retreatments", "not a whole number from 0 to 1000", "a whole number >= 0, e.g. 3");
                maxRetreatments = r;
            }
            var stopWhen = Condition(m, "stop_when");
            var retreatWhen = Condition(m, "retreat_when");
            if (maxRetreatments is not null && retreatWhen is null)
                throw m.Error("max_retreatments", "caps re-treatment courses, but the rule has no retreat_when", "retreat_when: \"madrs >= 22\" beside it, or leave max_retreatments out");
            bool respondersOnly = m.Bool("retreat_responders_only") ?? true;
            if (m.Has("retreat_responders_only") && retreatWhen is null)
                throw m.Error("retreat_responders_only", "applies to re-treatment, but the rule has no retreat_when", "retreat_when beside it, or leave retreat_responders_only out");
            if (retreatWhen is not null && stopWhen is null && maxSessions is null)
                throw m.Error("retreat_when", "a course never ends, so it can never be re-started", "stop_when (e.g. \"madrs <= 10\") or max_sessions beside retreat_when");
            double first = 0;
            if (m.Quantity("first_at", Units.Time) is { } fa)
            {
                if (!(fa.InBaseUnit >= 0 && fa.InBaseUnit < length)) throw m.Error("first_at", "the first session must fall inside the phase", $"0 h <= first_at < {Format.Hours(length)}");
                first = fa.InBaseUnit;
            }
            return new DosingRule(template, levels)
            {
                StartLevel = startLevel,
                StartWhen = startWhen,
                StepUpWhen = Condition(m, "step_up_when"),
                Every = every,
                MaxSessions = maxSessions,
                FirstSessionOffsetHours = first,
                StopWhen = stopWhen,
                RetreatWhen = retreatWhen,
                MaxRetreatments = maxRetreatments,
                RetreatRespondersOnly = respondersOnly,
            };
        }

        private static double Interval(MapNode m, string key)
        {
            var q = m.RequireQuantity(key, Units.Time).InBaseUnit;
            if (!(q >= 1) || q > 52 * 168) throw m.Error(key, "the interval between sessions must be from 1 h to 52 weeks", "a time such as 1 week or 3.5 d");
            return q;
        }

        private static RuleCondition? Condition(MapNode m, string key)
        {
            if (m.String(key, ConditionAllowed) is not { } text) return null;
            return RuleCondition.TryParse(text, out var problem) ?? throw m.Error(key, problem, ConditionAllowed);
        }
    }
}
