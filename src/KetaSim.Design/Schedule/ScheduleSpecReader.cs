using System.Globalization;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Safety;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;
using KetaSim.Population.Trials;
using YamlDotNet.RepresentationModel;

namespace KetaSim.Design.Schedule;

/// <summary>Reads a schedule-design YAML file (docs/design/schedule.md); every problem is an <see cref="InputException"/> naming file, line and field.</summary>
public static partial class ScheduleSpecReader
{
    public static readonly string[] RootKeys =
    [
        "name", "description", "scenario", "population", "cohort_size", "seed", "horizon", "visit_every", "drug", "route", "infusion_duration",
        "loading", "maintenance", "target", "limits", "safety", "dose_hold", "reference",
    ];
    public static readonly string[] LoadingKeys = ["count", "spacing", "dose"];
    public static readonly string[] MaintenanceKeys = ["interval", "dose", "step_down"];
    public static readonly string[] StepDownKeys = ["from", "interval"];
    public static readonly string[] TargetKeys = ["remission", "from", "madrs_max"];
    public static readonly string[] LimitKeys = ["sbp_rise_mmhg", "sbp_rise_share_max", "dissociation_share_max", "held_share_max", "per", "window"];
    public static readonly string[] SafetyKeys = ["variability", "resting_sbp_max_mmhg", "resting_dbp_max_mmhg"];
    public static readonly string[] ReferenceKeys = ["schedule", "dose"];
    public static readonly string[] RangeKeys = ["from", "to", "step"];

    /// <summary>The esketamine label's schedule: twice weekly weeks 1-4, weekly weeks 5-8, then every other week.</summary>
    public const string LabelSchedule = "twice weekly for 4 weeks, then weekly for 4 weeks, then every 2 weeks";

    /// <summary>At most this many grid candidates (each is a cohort of runs).</summary>
    public const int MaxCandidates = 2000;

    public const int MaxCohort = 100_000;

    public static ScheduleSpec ReadFile(string path)
    {
        var text = InputText.Read(path, "a schedule-design YAML file");
        return Read(path, text);
    }

    public static ScheduleSpec Read(string file, string text)
    {
        var yaml = YamlInput.Parse(file, text);
        var root = yaml.RootMap(RootKeys);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (k, _) in root.Node.Children) lines[((YamlScalarNode)k).Value!] = YamlInput.LineOf(k.Start);
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";

        var name = root.String("name", "a short name") ?? Path.GetFileNameWithoutExtension(file);
        if (name.Length == 0 || name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw root.Error("name", "not a usable name", "1-100 letters, digits, '.', '-' or '_', starting with a letter or digit (it names output folders)");

        // The base scenario: the patient context, background doses and parameters every candidate shares.
        var scenarioText = root.RequireString("scenario", "the path of a scenario .yaml file relative to this file (docs/scenario-format.md)");
        string scenarioPath = Path.IsPathRooted(scenarioText) ? scenarioText : Path.Combine(baseDir, scenarioText);
        if (!System.IO.File.Exists(scenarioPath))
            throw root.Error("scenario", $"no such scenario file ({Path.GetFullPath(scenarioPath)})", "the path of a scenario .yaml file relative to this file");
        var document = ScenarioEngine.Reader.ReadFile(scenarioPath);
        var scenario = document.Scenario;
        if (scenario.Subject.Species != Biology.Scenarios.Species.Human || scenario.Mechanism is null)
            throw root.Error("scenario", "the schedule designer rates MADRS, which needs a human scenario with a mechanism: block",
                "a human scenario with mechanism: (e.g. mechanism: { patient: { trd: true, placebo: new-oral-antidepressant } })");

        var population = ReadPopulation(root, baseDir);
        int cohort = (int)Whole(root, "cohort_size", 1, MaxCohort, 200, "the number of virtual subjects every candidate is run on");
        ulong seed = (ulong)Whole(root, "seed", 0, long.MaxValue, 1, "the cohort's seed, a whole number >= 0");

        double horizon = Time(root, "horizon", required: true)!.Value;
        if (!(horizon > 0) || horizon > ScenarioReader.MaxDurationHours)
            throw root.Error("horizon", "the horizon must be positive and at most 104 weeks", "0 < horizon <= 104 w");
        if (horizon > scenario.DurationHours * (1 + 1e-12))
            throw root.Error("horizon", $"the base scenario lasts only {ScheduleRegimen.Time(scenario.DurationHours)}, so its background doses end before the horizon",
                $"a horizon up to {ScheduleRegimen.Time(scenario.DurationHours)}, or a base scenario with duration (and background doses) at least the horizon");
        double visitEvery = Time(root, "visit_every", required: false) ?? 168;
        if (!(visitEvery > 0) || visitEvery > horizon)
            throw root.Error("visit_every", "the visit interval must be positive and at most the horizon", $"0 < visit_every <= {ScheduleRegimen.Time(horizon)}");

        var (drug, route, infusion) = ReadDrug(root, scenario.Subject);
        var loading = root.Map("loading", LoadingKeys) ?? throw root.Error("loading", "is missing", "{ count: [4, 6, 8], spacing: [2 d, 3.5 d], dose: [56 mg] }");
        var maintenance = root.Map("maintenance", MaintenanceKeys) ?? throw root.Error("maintenance", "is missing", "{ interval: [1 w, 2 w], dose: [56 mg, 84 mg] }");
        var counts = Axis(loading, "count", n => Integer(n), "whole numbers of sessions >= 1, a list [4, 6, 8] or a range { from: 4, to: 8, step: 2 }", 1, 100)
            .Select(v => (int)v).ToArray();
        var spacings = Axis(loading, "spacing", n => TimeOf(n), "times > 0, a list [2 d, 3.5 d] or a range { from: 2 d, to: 4 d, step: 1 d }", 1e-9, 24 * 7 * 8);
        var loadingDoses = Doses(loading, "dose", drug, route, infusion, scenario.Subject.WeightKg);
        var intervals = Axis(maintenance, "interval", n => TimeOf(n), "times > 0, a list [1 w, 2 w] or a range { from: 1 w, to: 4 w, step: 1 w }", 1e-9, horizon);
        var maintenanceDoses = Doses(maintenance, "dose", drug, route, infusion, scenario.Subject.WeightKg);
        // The longest loading series must end before the horizon, or the candidate has no maintenance at all.
        double longest = (counts.Max() - 1) * spacings.Max();
        if (longest >= horizon - 1e-9)
            throw root.Error("horizon", $"the longest loading series ({counts.Max()} sessions {ScheduleRegimen.Time(spacings.Max())} apart, {ScheduleRegimen.Time(longest)}) does not end before the horizon",
                $"a horizon longer than {ScheduleRegimen.Time(longest)}, or fewer or closer loading sessions");
        double[] stepFrom = [], stepIntervals = [];
        if (maintenance.Map("step_down", StepDownKeys) is { } step)
        {
            stepFrom = Axis(step, "from", n => TimeOf(n), "times after t = 0 from which the longer interval applies, inside the horizon, e.g. [8 w]", 1e-9, horizon);
            stepIntervals = Axis(step, "interval", n => TimeOf(n), "the longer intervals, e.g. [2 w, 3 w]", 1e-9, horizon);
            if (stepIntervals.Max() <= intervals.Min() + 1e-9)
                throw step.Error("interval", "no step-down interval is longer than a maintenance interval, so no candidate steps down", "intervals longer than the shortest maintenance interval");
        }
        long perBase = 1 + (long)stepFrom.Length * stepIntervals.Length;
        long grid = (long)counts.Length * spacings.Length * loadingDoses.Length * intervals.Length * maintenanceDoses.Length * perBase;
        if (grid > MaxCandidates)
            throw loading.Error("count", $"the grid has {grid} candidates, each a cohort of runs", $"at most {MaxCandidates} candidates (fewer values per axis)");

        var target = ReadTarget(root, horizon, visitEvery);
        var limits = ReadLimits(root);
        var safety = ReadSafety(root);
        var hold = root.Has("dose_hold") ? ReadDoseHold(root) : scenario.DoseHold;
        var reference = ReadReference(root, drug, route, infusion, scenario.Subject.WeightKg, horizon);

        try
        {
            PopulationSampler.CheckInclusion(population, seed, cohort);
        }
        catch (Biology.Compounds.ModelDataException e)
        {
            throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem, "", e);
        }

        var template = scenario with
        {
            Doses = [.. scenario.Doses.Where(d => !string.Equals(d.Compound, drug, StringComparison.OrdinalIgnoreCase))],
            DurationHours = horizon,
            DoseHold = hold,
        };
        return new ScheduleSpec
        {
            Name = name, Description = root.String("description", "free text") ?? "", File = file, Base = document, Template = template,
            Population = population, CohortSize = cohort, Seed = seed, HorizonHours = horizon, VisitEveryHours = visitEvery,
            Drug = drug, Route = route, InfusionHours = infusion,
            LoadingCounts = counts, LoadingSpacingsHours = spacings, LoadingDoses = loadingDoses,
            MaintenanceIntervalsHours = intervals, MaintenanceDoses = maintenanceDoses, StepDownFromHours = stepFrom, StepDownIntervalsHours = stepIntervals,
            Target = target, Limits = limits, Safety = safety, DoseHold = hold, Reference = reference, Lines = lines,
        };
    }

    private static PopulationDefinition ReadPopulation(MapNode root, string baseDir)
    {
        string builtIn = string.Join(", ", PopulationLibrary.Names);
        string allowed = $"a built-in population ({builtIn}) or the path of a population .yaml file relative to this file";
        var text = root.RequireString("population", allowed).Trim();
        PopulationDefinition pop;
        if (text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || text.Contains('/') || text.Contains('\\'))
        {
            string full = Path.GetFullPath(Path.IsPathRooted(text) ? text : Path.Combine(baseDir, text));
            if (!System.IO.File.Exists(full)) throw root.Error("population", $"no such population file ({full})", allowed);
            try
            {
                pop = PopulationReader.Read(Biology.Inputs.InputFiles.ReadText(full, text, "a population YAML file"), text);
            }
            catch (Biology.Compounds.ModelDataException e)
            {
                throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem, "", e);
            }
        }
        else
        {
            var match = PopulationLibrary.Names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
                ?? throw root.Error("population", $"unknown population{NearestName.Hint(text, PopulationLibrary.Names)}", allowed);
            pop = PopulationLibrary.Get(match);
        }
        if (pop.Species != Biology.Scenarios.Species.Human)
            throw root.Error("population", $"population '{pop.Name}' is {pop.Species.ToString().ToLowerInvariant()}; remission is rated on MADRS, which the model gives for human subjects only", "a human population, e.g. " + builtIn);
        return pop;
    }

    private static (string Drug, Route Route, double? Infusion) ReadDrug(MapNode root, Biology.Scenarios.Subject subject)
    {
        var routes = ScenarioEngine.Catalog.RoutesFor(subject.Species);
        var compounds = routes.Keys.Order(StringComparer.Ordinal).ToArray();
        var text = root.RequireString("drug", string.Join(", ", compounds));
        var drug = compounds.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw root.Error("drug", $"unknown drug for a human{NearestName.Hint(text.Trim(), compounds)}", string.Join(", ", compounds));
        var supported = routes[drug];
        string supportedText = string.Join(", ", supported.OrderBy(r => r).Select(RouteNames.NameOf));
        var routeText = root.RequireString("route", supportedText);
        if (!RouteNames.TryParse(routeText, out var route))
            throw root.Error("route", $"unknown route{NearestName.Hint(routeText, RouteNames.Canonical)}", $"{supportedText} for {drug}");
        if (!supported.Contains(route))
            throw root.Error("route", $"{drug} has no {RouteNames.NameOf(route)} model for a human", $"{supportedText} for {drug}");
        double? infusion = Time(root, "infusion_duration", required: false);
        if (DoseExpansion.InfusionRoutes.Contains(route))
        {
            if (infusion is null) throw root.Error("infusion_duration", $"an {RouteNames.NameOf(route)} needs its duration", "a time such as 40 min");
            if (!(infusion > 0) || infusion > 24) throw root.Error("infusion_duration", "an infusion must last more than 0 and at most 24 h", "0 < infusion_duration <= 24 h, e.g. 40 min");
        }
        else if (infusion is not null)
            throw root.Error("infusion_duration", $"{RouteNames.NameOf(route)} is instantaneous and takes no duration", "leave infusion_duration out, or route: iv-infusion");
        return (drug, route, infusion);
    }

    private static RemissionTarget ReadTarget(MapNode root, double horizon, double visitEvery)
    {
        var t = root.Map("target", TargetKeys) ?? throw root.Error("target", "is missing", "{ remission: 0.5, from: 4 w, madrs_max: 12 }");
        double share = t.Number("remission", "a share in (0, 1]") ?? throw t.Error("remission", "is missing", "a share in (0, 1], e.g. 0.5");
        if (!(share > 0 && share <= 1)) throw t.Error("remission", "not a share in (0, 1]", "0 < remission <= 1 (the cohort's remission share to keep at every visit of the window)");
        double from = Time(t, "from", required: false) ?? visitEvery;
        if (!(from >= 0) || from > horizon + 1e-9)
            throw t.Error("from", "the window must start inside the horizon", $"0 h <= from <= {ScheduleRegimen.Time(horizon)}");
        double madrs = t.Number("madrs_max", "a MADRS score 0-60") ?? 10;
        if (!(madrs >= 0 && madrs <= 60)) throw t.Error("madrs_max", "out of range", "0 <= madrs_max <= 60 (remission: MADRS at or below it; esketamine programme 12, ketamine trials 10)");
        return new RemissionTarget(share, from, madrs);
    }

    private static SessionLimits ReadLimits(MapNode root)
    {
        var limits = new SessionLimits();
        if (root.Map("limits", LimitKeys) is not { } m) return limits;
        double? Share(string key)
        {
            if (m.Number(key, "a share in [0, 1]") is not { } v) return null;
            if (!(v >= 0 && v <= 1)) throw m.Error(key, "not a share in [0, 1]", $"0 <= {key} <= 1");
            return v;
        }
        double rise = m.Number("sbp_rise_mmhg", "mmHg, 1-150") ?? 40;
        if (!(rise >= 1 && rise <= 150)) throw m.Error("sbp_rise_mmhg", "out of range", "1 <= sbp_rise_mmhg <= 150 (a systolic rise from pre-dose that counts, e.g. 40, mmHg)");
        var per = (m.String("per", "session or subject") ?? "session").Trim().ToLowerInvariant() switch
        {
            "session" or "sessions" => LimitBasis.Session,
            "subject" or "subjects" => LimitBasis.Subject,
            var other => throw m.Error("per", $"unknown basis{NearestName.Hint(other, ["session", "subject"])}", "session (shares of sessions given) or subject (shares of subjects, any session)"),
        };
        double window = Time(m, "window", required: false) ?? 4;
        if (!(window >= 0.25 && window <= 24)) throw m.Error("window", "out of range", "15 min <= window <= 24 h");
        return limits with
        {
            SystolicRiseMmHg = rise, SystolicRiseShareMax = Share("sbp_rise_share_max"), DissociationShareMax = Share("dissociation_share_max"),
            HeldShareMax = Share("held_share_max"), Per = per, WindowHours = window,
        };
    }

    private static TrialSafety ReadSafety(MapNode root)
    {
        var s = new TrialSafety();
        if (root.Map("safety", SafetyKeys) is not { } m) return s;
        double? Mmhg(string key, double lo, double hi, string what)
        {
            if (m.Number(key, $"{what}, mmHg") is not { } v) return null;
            if (!(v >= lo && v <= hi)) throw m.Error(key, "out of range", $"{lo} <= {key} <= {hi} ({what}, mmHg)");
            return v;
        }
        return s with
        {
            BetweenPatientVariability = m.Bool("variability") ?? true,
            RestingSystolicMaxMmHg = Mmhg("resting_sbp_max_mmhg", 100, 200, "the highest resting systolic BP enrolled, e.g. 140"),
            RestingDiastolicMaxMmHg = Mmhg("resting_dbp_max_mmhg", 60, 120, "the highest resting diastolic BP enrolled, e.g. 90"),
        };
    }

    private static DoseHoldPolicy? ReadDoseHold(MapNode root) =>
        (root.String("dose_hold", "label or none") ?? "none").Trim().ToLowerInvariant() switch
        {
            "label" => DoseHoldPolicy.Label,
            "none" => null,
            var other => throw root.Error("dose_hold", $"unknown dose-hold rule{NearestName.Hint(other, ["label", "none"])}", "label (hold above 140/90 mmHg, 150 systolic from 65 y) or none"),
        };

    private static ScheduleRegimen? ReadReference(MapNode root, string drug, Route route, double? infusion, double weightKg, double horizon)
    {
        if (root.Get("reference") is not { } node) return null;
        string text;
        DoseAmount dose;
        string label;
        if (node is YamlScalarNode)
        {
            var value = root.RequireString("reference", "label, none, or { schedule, dose }").Trim().ToLowerInvariant();
            if (value == "none") return null;
            if (value != "label")
                throw root.Error("reference", $"unknown reference{NearestName.Hint(value, ["label", "none"])}", "label (esketamine 56 mg nasal: " + LabelSchedule + "), none, or { schedule: TEXT, dose: AMOUNT }");
            if (!string.Equals(drug, "esketamine", StringComparison.OrdinalIgnoreCase) || route != Route.Intranasal)
                throw root.Error("reference", $"the label schedule is esketamine's nasal one, but this design is {drug} {RouteNames.NameOf(route)}",
                    "{ schedule: TEXT, dose: AMOUNT } for another drug or route, or none");
            text = LabelSchedule;
            dose = DoseAmount.Mg(56);
            label = $"label: {LabelSchedule}, 56 mg";
        }
        else
        {
            var m = root.Map("reference", ReferenceKeys)!;
            text = m.RequireString("schedule", "a schedule in the scenario schedule syntax, e.g. " + LabelSchedule);
            var doses = Doses(m, "dose", drug, route, infusion, weightKg);
            if (doses.Length != 1) throw m.Error("dose", "the reference has one dose", "a single amount, e.g. 56 mg");
            dose = doses[0];
            label = $"reference: {text}, {dose}";
        }
        IReadOnlyList<double> times;
        try
        {
            // An open-ended last phase ("every 2 weeks") runs to the horizon.
            times = DosingSchedule.Parse(OpenEnded(text, horizon));
        }
        catch (ScheduleParseException e)
        {
            throw root.Error("reference", $"the schedule cannot be read: {e.Message.TrimEnd('.')}", "the scenario schedule syntax, e.g. " + LabelSchedule);
        }
        var sessions = times.Where(t => t < horizon - 1e-9).Select(t => new PlannedSession(t, dose)).ToArray();
        if (sessions.Length == 0) throw root.Error("reference", "the reference schedule has no session before the horizon", "a schedule with sessions before the horizon");
        return new ScheduleRegimen(label, sessions);
    }

    /// <summary>"…, then every 2 weeks" (a last phase without a length) runs until the horizon.</summary>
    private static string OpenEnded(string text, double horizon)
    {
        var last = text.Split([",", ";", " then "], StringSplitOptions.TrimEntries).Last();
        bool bounded = last.Contains(" for ", StringComparison.OrdinalIgnoreCase) || last.Contains(" x ", StringComparison.OrdinalIgnoreCase)
            || last.Contains('×') || last.StartsWith("on ", StringComparison.OrdinalIgnoreCase) || last.StartsWith("at ", StringComparison.OrdinalIgnoreCase)
            || last.Equals("once", StringComparison.OrdinalIgnoreCase);
        return bounded ? text : $"{text} for {(horizon).ToString("0.###", CultureInfo.InvariantCulture)} hours";
    }

    private static DoseAmount[] Doses(MapNode m, string key, string drug, Route route, double? infusion, double weightKg)
    {
        if (m.Get(key) is not { } node) throw m.Error(key, "is missing", $"one or more amounts, e.g. [56 mg, 84 mg] or [0.5 mg/kg]");
        var items = node is YamlSequenceNode seq ? seq.Children.ToArray() : [node];
        if (items.Length == 0) throw m.Error(key, "no amount given", "one or more amounts");
        var doses = new List<DoseAmount>();
        for (int i = 0; i < items.Length; i++)
        {
            string path = node is YamlSequenceNode ? $"{m.Child(key)}[{i}]" : m.Child(key);
            var q = m.Input.Quantity(items[i], path, Units.DoseAmount);
            var amount = q.Unit.Symbol == "ug/kg" ? new DoseAmount(q.Value, DoseUnit.MicrogramPerKg) : q.Unit.PerKg ? DoseAmount.MgPerKg(q.InBaseUnit) : DoseAmount.Mg(q.InBaseUnit);
            var record = new DoseRecord { Compound = drug, Route = route, Amount = amount, DurationHours = infusion };
            try
            {
                DoseExpansion.Validate(record, weightKg);
                if (route == Route.Intranasal && string.Equals(drug, "esketamine", StringComparison.OrdinalIgnoreCase)) NasalSession.DeviceCount(amount.ToMg(weightKg));
            }
            catch (DoseValidationException e)
            {
                throw m.Input.Error(items[i], path, $"{e.Value} is not allowed", e.Allowed);
            }
            if (doses.Contains(amount)) throw m.Input.Error(items[i], path, "this amount is listed twice", "each amount once");
            doses.Add(amount);
        }
        return [.. doses];
    }

    /// <summary>A grid axis: one value, a list, or { from, to, step }; values inside [min, max], increasing, no repeats.</summary>
    private static double[] Axis(MapNode m, string key, Func<(YamlNode Node, string Path, YamlInput Input), double> parse, string allowed, double min, double max)
    {
        var node = m.Get(key) ?? throw m.Error(key, "is missing", allowed);
        string path = m.Child(key);
        var values = new List<double>();
        if (node is YamlMappingNode)
        {
            var r = m.Input.Map(node, path, RangeKeys);
            YamlNode Need(string k) => r.Get(k) ?? throw r.Error(k, "is missing", "{ from, to, step }");
            double from = parse((Need("from"), r.Child("from"), m.Input)), to = parse((Need("to"), r.Child("to"), m.Input)), step = parse((Need("step"), r.Child("step"), m.Input));
            if (from > to) throw r.Error("to", $"the range is reversed: to is below from", "from <= to");
            if (!(step > 0)) throw r.Error("step", "the step must be positive", "step > 0");
            if ((to - from) / step > MaxCandidates) throw r.Error("step", "the range has too many values", $"at most {MaxCandidates} values");
            for (int k = 0; from + k * step <= to * (1 + 1e-12) + 1e-12; k++) values.Add(from + k * step);
        }
        else
        {
            var items = node is YamlSequenceNode seq ? seq.Children.ToArray() : [node];
            if (items.Length == 0) throw m.Error(key, "no value given", allowed);
            for (int i = 0; i < items.Length; i++) values.Add(parse((items[i], node is YamlSequenceNode ? $"{path}[{i}]" : path, m.Input)));
        }
        foreach (var v in values)
            if (!(v >= min && v <= max * (1 + 1e-12)))
                throw m.Error(key, $"{v.ToString("G6", CultureInfo.InvariantCulture)} is out of range", allowed);
        for (int i = 1; i < values.Count; i++)
            if (values[i] <= values[i - 1])
                throw m.Error(key, "values must increase, each once", allowed);
        return [.. values];
    }

    private static double Integer((YamlNode Node, string Path, YamlInput Input) x)
    {
        var v = x.Input.Number(x.Node, x.Path, "a whole number");
        if (v != Math.Floor(v)) throw x.Input.Error(x.Node, x.Path, "not a whole number", "a whole number of sessions");
        return v;
    }

    private static double TimeOf((YamlNode Node, string Path, YamlInput Input) x)
    {
        double h = x.Input.Quantity(x.Node, x.Path, Units.Time).InBaseUnit;
        if (!(h > 0)) throw x.Input.Error(x.Node, x.Path, "a time between sessions must be positive", "a time > 0, e.g. 3.5 d or 2 w");
        return h;
    }

    private static double? Time(MapNode m, string key, bool required)
    {
        if (m.Quantity(key, Units.Time) is { } q) return q.InBaseUnit;
        if (required) throw m.Error(key, "is missing", $"a time, a number and one of {Units.Time.AllowedText}");
        return null;
    }

    private static long Whole(MapNode m, string key, long min, long max, long fallback, string what)
    {
        if (m.Get(key) is not { } node) return fallback;
        var text = m.Input.Scalar(node, m.Child(key), what);
        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw m.Error(key, "not a whole number in range", $"{what}, {min} to {max}");
        return v;
    }
}
