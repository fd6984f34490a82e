using System.Globalization;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Scenarios;
using KetaSim.IO.Input;
using KetaSim.Numerics.Ode;
using YamlDotNet.RepresentationModel;

namespace KetaSim.IO.Scenarios;

/// <summary>
/// Reads a scenario YAML file (format: docs/scenario-format.md) into a <see cref="Scenario"/>. Every
/// problem is an <see cref="InputException"/> naming file, line, field, value and what is allowed.
/// </summary>
public sealed partial class ScenarioReader(ScenarioCatalog catalog)
{
    public static readonly string[] RootKeys = ["name", "description", "subject", "duration", "output", "doses", "solver", "parameters", "mechanism", "compounds"];
    public static readonly string[] SubjectKeys = ["species", "weight", "age", "sex", "east_asian"];
    public static readonly string[] OutputKeys = ["step", "observables"];
    public static readonly string[] DoseKeys = ["drug", "route", "amount", "duration", "start", "schedule", "times", "lag", "bioavailability", "continued"];
    public static readonly string[] SolverKeys = ["rtol", "atol", "max_step"];

    /// <summary>Longest simulation accepted: 2 years.</summary>
    public const double MaxDurationHours = 2 * 365.25 * 24;

    /// <summary>Most output points accepted (duration / step + 1).</summary>
    public const int MaxOutputPoints = 1_000_000;

    private const string ScheduleExamples =
        "'once', 'daily for 3 weeks', 'twice weekly for 4 weeks, then weekly for 4 weeks', 'on days 1, 4, 8', 'every 8 hours x 3' (see docs/scenario-format.md)";

    public ScenarioCatalog Catalog { get; } = catalog;

    /// <param name="compounds">A compound-library file or directory that replaces the file's own
    /// <c>compounds:</c> (the CLI's <c>--compounds</c>); null keeps the file's.</param>
    public ScenarioDocument ReadFile(string path, string? compounds = null)
    {
        var text = InputText.Read(path, "a scenario YAML file");
        return Read(path, text, compounds);
    }

    public ScenarioDocument Read(string file, string text, string? compounds = null)
    {
        var yaml = YamlInput.Parse(file, text);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = yaml.RootMap(RootKeys);
        Note(lines, root);
        UseCompounds(root, file, compounds);

        var name = root.String("name", "a short name (letters, digits, '.', '-', '_')") ?? Path.GetFileNameWithoutExtension(file);
        if (name.Length == 0 || name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw root.Error("name", "not a usable name", "1-100 letters, digits, '.', '-' or '_', starting with a letter or digit (it names output folders)");
        var description = root.String("description", "free text") ?? "";

        var subject = ReadSubject(root, lines);
        var durationQ = root.RequireQuantity("duration", Units.Time);
        double durationHours = durationQ.InBaseUnit;
        if (!(durationHours > 0) || durationHours > MaxDurationHours)
            throw root.Error("duration", "the simulated time must be positive and at most 2 years", $"0 < duration <= 104 week");

        var (stepHours, observables) = ReadOutput(root, lines, durationHours);
        var doses = ReadDoses(root, lines, subject, durationHours);
        var solver = ReadSolver(root, lines, durationHours);
        var overrides = ReadParameters(root, lines);
        var mechanism = ReadMechanism(root, lines);

        var scenario = new Scenario
        {
            Name = name,
            Description = description,
            Subject = subject,
            Doses = doses,
            DurationHours = durationHours,
            OutputStepHours = stepHours,
            Observables = observables,
            Solver = solver,
            ParameterOverrides = overrides,
            Mechanism = mechanism,
            DoseHold = ReadDoseHold(root),
        };
        if (scenario.DoseHold is not null && subject.Species != Species.Human)
            throw root.Map("mechanism", MechanismKeys)!.Error("dose_hold", "the dose-hold rule needs blood pressure, which the model gives for human subjects only",
                "label for a human subject; none for a mouse");
        CheckModelNames(yaml, root, scenario);
        return new ScenarioDocument(file, scenario, lines);
    }

    internal static void Note(Dictionary<string, int> lines, MapNode map)
    {
        if (map.Path.Length > 0) lines[map.Path] = map.Line;
        foreach (var (k, v) in map.Node.Children)
            lines[map.Child(((YamlScalarNode)k).Value!)] = YamlInput.LineOf(k.Start);
    }

    private static Subject ReadSubject(MapNode root, Dictionary<string, int> lines)
    {
        var map = root.Map("subject", SubjectKeys);
        if (map is null) return Subject.TypicalAdult;
        Note(lines, map);
        var speciesText = map.String("species", "human, mouse") ?? "human";
        var species = speciesText.Trim().ToLowerInvariant() switch
        {
            "human" => Species.Human,
            "mouse" => Species.Mouse,
            _ => throw map.Error("species", $"unknown species{NearestName.Hint(speciesText, ["human", "mouse"])}", "human, mouse"),
        };
        var subject = species == Species.Mouse ? Subject.TypicalMouse : Subject.TypicalAdult;

        if (map.Quantity("weight", Units.Weight) is { } w)
        {
            var (lo, hi, range) = CovariateLimits.WeightKg(species);
            if (!(w.InBaseUnit >= lo && w.InBaseUnit <= hi))
                throw map.Error("weight", $"{Fmt(w.InBaseUnit)} kg is not a plausible {speciesText.ToLowerInvariant()} body weight", range);
            subject = subject with { WeightKg = w.InBaseUnit };
        }
        if (map.Quantity("age", Units.Age) is { } a)
        {
            var (_, hi, range) = CovariateLimits.AgeYears(species);
            if (!(a.InBaseUnit >= 0 && a.InBaseUnit <= hi))
                throw map.Error("age", $"{Fmt(a.InBaseUnit)} y is not a plausible age", range);
            subject = subject with { AgeYears = a.InBaseUnit };
        }
        if (map.String("sex", "male, female") is { } sexText)
        {
            subject = subject with
            {
                Sex = sexText.Trim().ToLowerInvariant() switch
                {
                    "male" or "m" => Sex.Male,
                    "female" or "f" => Sex.Female,
                    _ => throw map.Error("sex", $"unknown sex{NearestName.Hint(sexText, ["male", "female"])}", "male, female"),
                },
            };
        }
        if (map.Bool("east_asian") is { } ea) subject = subject with { EastAsian = ea };
        return subject;
    }

    private static (double StepHours, IReadOnlyList<string> Observables) ReadOutput(MapNode root, Dictionary<string, int> lines, double durationHours)
    {
        double step = Math.Min(5.0 / 60.0, durationHours);
        var observables = new List<string>();
        var map = root.Map("output", OutputKeys);
        if (map is null) return (step, observables);
        Note(lines, map);
        if (map.Quantity("step", Units.Time) is { } s)
        {
            if (!(s.InBaseUnit > 0) || s.InBaseUnit > durationHours)
                throw map.Error("step", "the output step must be positive and no longer than the duration", $"0 < step <= {Fmt(durationHours)} h");
            if (durationHours / s.InBaseUnit + 1 > MaxOutputPoints)
                throw map.Error("step", $"gives {Count(Math.Floor(durationHours / s.InBaseUnit) + 1)} output points", $"at most {Count(MaxOutputPoints)} points (a step of at least {Fmt(durationHours / (MaxOutputPoints - 1) * 3600)} s)");
            step = s.InBaseUnit;
        }
        if (map.Get("observables") is { } node)
        {
            var path = map.Child("observables");
            var seq = root.Input.Sequence(node, path, "a list of observable names, e.g. [ketamine_plasma_ng_per_ml]");
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                lines[itemPath] = YamlInput.LineOf(seq.Children[i].Start);
                var name = root.Input.Scalar(seq.Children[i], itemPath, "an observable name");
                if (observables.Contains(name))
                    throw root.Input.Error(seq.Children[i], itemPath, "observable listed twice", "each observable once");
                observables.Add(name);
            }
        }
        return (step, observables);
    }

    private const string DoseListAllowed = "a list of doses (each with drug, route, amount and a schedule or times)";

    private List<DoseRecord> ReadDoses(MapNode root, Dictionary<string, int> lines, Subject subject, double durationHours)
    {
        root.Require("doses", DoseListAllowed);
        var doses = ReadDoseList(root, "doses", lines, subject, durationHours, allowEmpty: false);
        CheckCumulative(root, "doses", doses, subject.WeightKg);
        return doses;
    }

    /// <summary>The doses of <paramref name="map"/>'s <paramref name="key"/> (with any others given with them) must not add up,
    /// per substance, to more than a session or a day allows (<see cref="DoseExpansion.CheckCumulative"/>).</summary>
    internal static void CheckCumulative(MapNode map, string key, IEnumerable<DoseRecord> doses, double weightKg)
    {
        try
        {
            DoseExpansion.CheckCumulative(doses, weightKg);
        }
        catch (DoseValidationException e)
        {
            throw map.Error(key, $"the doses add up to {e.Value}, too much", e.Allowed);
        }
    }

    /// <summary>
    /// The dose list under <paramref name="key"/> of <paramref name="parent"/> (empty when the key is absent), each
    /// entry in the scenario dose syntax; field paths in messages are <c>{parent}.{key}[i].field</c>. Also used by
    /// the trial reader for arm regimens and background doses.
    /// </summary>
    internal List<DoseRecord> ReadDoseList(MapNode parent, string key, Dictionary<string, int> lines, Subject subject, double durationHours, bool allowEmpty)
    {
        var records = new List<DoseRecord>();
        if (parent.Get(key) is not { } node) return records;
        var path = parent.Child(key);
        var seq = parent.Input.Sequence(node, path, DoseListAllowed);
        if (seq.Children.Count == 0 && !allowEmpty)
            throw parent.Input.Error(seq, path, "no doses given", "at least one dose");
        for (int i = 0; i < seq.Children.Count; i++)
            records.AddRange(ReadDose(parent.Input.Map(seq.Children[i], $"{path}[{i}]", DoseKeys), lines, subject, durationHours));
        return records;
    }

    private IEnumerable<DoseRecord> ReadDose(MapNode d, Dictionary<string, int> lines, Subject subject, double durationHours)
    {
        Note(lines, d);
        var routesByCompound = Catalog.RoutesFor(subject.Species);
        var compounds = routesByCompound.Keys.Order(StringComparer.Ordinal).ToArray();
        string species = subject.Species.ToString().ToLowerInvariant();
        var drugText = d.RequireString("drug", string.Join(", ", compounds));
        var drug = compounds.FirstOrDefault(c => string.Equals(c, drugText.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw d.Error("drug", $"unknown drug for a {species}{NearestName.Hint(drugText, compounds)}", string.Join(", ", compounds));
        var supported = routesByCompound[drug];
        string supportedText = string.Join(", ", supported.OrderBy(r => r).Select(RouteNames.NameOf));

        var routeText = d.RequireString("route", supportedText);
        if (!RouteNames.TryParse(routeText, out var route))
            throw d.Error("route", $"unknown route{NearestName.Hint(routeText, RouteNames.Canonical)}", $"{supportedText} for {drug}");
        if (!supported.Contains(route))
            throw d.Error("route", $"{drug} has no {RouteNames.NameOf(route)} model for a {species}", $"{supportedText} for {drug}");
        string routeName = RouteNames.NameOf(route);

        var amountQ = d.RequireQuantity("amount", Units.DoseAmount);
        var amount = ToDoseAmount(amountQ);
        CheckAmount(d, drug, route, amountQ, amount, subject);

        double? infusionHours = null;
        if (d.Quantity("duration", Units.Time) is { } inf)
        {
            if (!DoseExpansion.InfusionRoutes.Contains(route))
                throw d.Error("duration", $"{routeName} is instantaneous and takes no duration", $"a duration only with route {string.Join(", ", DoseExpansion.InfusionRoutes.Select(RouteNames.NameOf))}");
            if (!(inf.InBaseUnit > 0) || inf.InBaseUnit > 7 * 24)
                throw d.Error("duration", "an infusion must last more than 0 and at most 1 week", "0 < duration <= 1 week, e.g. 40 min");
            infusionHours = inf.InBaseUnit;
        }
        else if (DoseExpansion.InfusionRoutes.Contains(route))
            throw d.Error("duration", $"an {routeName} needs its duration", "a time such as 40 min");

        double lag = 0;
        if (d.Quantity("lag", Units.Time) is { } lagQ)
        {
            if (!(lagQ.InBaseUnit >= 0) || lagQ.InBaseUnit > 24)
                throw d.Error("lag", "the absorption lag must be between 0 and 24 h", "0 h <= lag <= 24 h");
            lag = lagQ.InBaseUnit;
        }
        double f = 1;
        if (d.Number("bioavailability", "a fraction in (0, 1]") is { } fv)
        {
            if (!(fv > 0 && fv <= 1)) throw d.Error("bioavailability", "not a fraction in (0, 1]", "0 < bioavailability <= 1 (the model's own first pass acts on top)");
            f = fv;
        }

        var times = ReadTimes(d, lines, durationHours);
        bool continued = d.Bool("continued") ?? false;
        if (continued)
        {
            const string continuedAllowed = "continued: true on an oral medication taken since before t = 0 whose doses go on from t = 0, e.g. { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 4 weeks, continued: true }";
            if (route != Route.Oral)
                throw d.Error("continued", $"a continued medication is taken at home before the trial, but this dose is {routeName}", continuedAllowed);
            if (times.Count == 0 || times.Min() != 0)
                throw d.Error("continued", $"a continued medication goes on from t = 0, but its first dose here is at {times.DefaultIfEmpty(double.NaN).Min().ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} h", continuedAllowed);
        }
        var template = new DoseRecord
        {
            Compound = drug, Route = route, Amount = amount, DurationHours = infusionHours, LagHours = lag, Bioavailability = f, Continued = continued,
        };
        var records = times.Select(t => template with { TimeHours = t }).ToArray();
        foreach (var r in records)
        {
            try
            {
                DoseExpansion.Validate(r, subject.WeightKg);
            }
            catch (DoseValidationException e)
            {
                var key = e.Field switch
                {
                    nameof(DoseRecord.Compound) => "drug",
                    nameof(DoseRecord.Route) => "route",
                    nameof(DoseRecord.DurationHours) or nameof(DoseRecord.RateMgPerHour) => "duration",
                    nameof(DoseRecord.LagHours) => "lag",
                    nameof(DoseRecord.Bioavailability) => "bioavailability",
                    nameof(DoseRecord.TimeHours) => d.Has("times") ? "times" : "schedule",
                    _ => "amount",
                };
                throw d.Error(key, $"{e.Value} is not allowed", e.Allowed);
            }
        }
        return records;
    }

    public static DoseAmount ToDoseAmount(Quantity q) => q.Unit.Symbol switch
    {
        "ug/kg" => new DoseAmount(q.Value, DoseUnit.MicrogramPerKg),
        _ when q.Unit.PerKg => DoseAmount.MgPerKg(q.InBaseUnit),
        _ => DoseAmount.Mg(q.InBaseUnit),
    };

    private static void CheckAmount(MapNode d, string drug, Route route, Quantity written, DoseAmount amount, Subject subject)
    {
        var limit = DoseLimits.For(drug, route);
        string routeName = RouteNames.NameOf(route);
        string allowed = $"more than 0 and at most {limit} per dose ({limit.Provenance})";
        if (!(amount.Value > 0))
            throw d.Error("amount", "a dose must be positive", allowed);
        double mg = amount.ToMg(subject.WeightKg);
        if (mg > limit.MaxMg(subject.WeightKg) * (1 + 1e-12))
        {
            string asGiven = amount.ToString();
            string inMg = amount.Unit == DoseUnit.Mg ? "" : $" = {Fmt(mg)} mg at {Fmt(subject.WeightKg)} kg";
            string which = ReferenceEquals(limit, DoseLimits.Generic) ? "generic" : $"{drug} {routeName}";
            throw d.Error("amount", $"{asGiven}{inMg} exceeds the largest plausible {which} dose", allowed);
        }
        if (route == Route.Intranasal && string.Equals(drug, "esketamine", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                NasalSession.DeviceCount(mg);
            }
            catch (DoseValidationException e)
            {
                throw d.Error("amount", $"{e.Value} is not a whole number of nasal devices", e.Allowed);
            }
        }
    }

    private static IReadOnlyList<double> ReadTimes(MapNode d, Dictionary<string, int> lines, double durationHours)
    {
        var input = d.Input;
        bool hasTimes = d.Has("times"), hasSchedule = d.Has("schedule");
        if (hasTimes && hasSchedule)
            throw d.Error("times", "give either times or a schedule, not both", "times: [0 h, 72 h] or schedule: 'twice weekly for 4 weeks'");
        if (hasTimes && d.Has("start"))
            throw d.Error("start", "start offsets a schedule; times are already absolute", "start only together with schedule");
        double start = 0;
        if (d.Quantity("start", Units.Time) is { } s)
        {
            if (!(s.InBaseUnit >= 0) || s.InBaseUnit >= durationHours)
                throw d.Error("start", "the first dose must be within the simulated time", $"0 h <= start < {Fmt(durationHours)} h");
            start = s.InBaseUnit;
        }

        if (hasTimes)
        {
            var path = d.Child("times");
            var seq = input.Sequence(d.Get("times")!, path, "a list of times, e.g. [0 h, 72 h]");
            if (seq.Children.Count == 0) throw input.Error(seq, path, "no times given", "at least one time, e.g. [0 h]");
            var times = new List<double>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                lines[itemPath] = YamlInput.LineOf(seq.Children[i].Start);
                var t = input.Quantity(seq.Children[i], itemPath, Units.Time).InBaseUnit;
                if (t < 0) throw input.Error(seq.Children[i], itemPath, "a dose time cannot be negative", "times from 0 h on");
                if (t > durationHours)
                    throw input.Error(seq.Children[i], itemPath, $"the dose comes after the end of the simulation ({Fmt(durationHours)} h)", $"times up to the duration, {Fmt(durationHours)} h");
                if (times.Count > 0 && !(t > times[^1]))
                    throw input.Error(seq.Children[i], itemPath,
                        $"times are out of order: {Fmt(t)} h does not come after {Fmt(times[^1])} h",
                        "strictly increasing times, e.g. [0 h, 72 h, 7 d]");
                times.Add(t);
            }
            return times;
        }

        var text = d.String("schedule", ScheduleExamples) ?? "once";
        IReadOnlyList<double> parsed;
        try
        {
            parsed = DosingSchedule.Parse(text, start);
        }
        catch (ScheduleParseException e)
        {
            throw d.Error("schedule", $"at column {e.Position + 1} expected {e.Expected}, found {e.Found}", ScheduleExamples);
        }
        catch (ArgumentException e)
        {
            throw d.Error("schedule", e.Message.TrimEnd('.'), ScheduleExamples);
        }
        var kept = parsed.Where(t => t <= durationHours).ToArray();
        if (kept.Length == 0)
            throw d.Error("schedule", $"every dose falls after the end of the simulation ({Fmt(durationHours)} h)", "a schedule that starts within the duration");
        return kept;
    }

    /// <summary>Tightest relative tolerance accepted: the Rosenbrock solver cannot deliver less in double precision.</summary>
    public const double MinRelTol = 1e-12;

    /// <summary>Smallest absolute tolerance accepted (states are in mg, nM or relative units of order 1).</summary>
    public const double MinAbsTol = 1e-15;

    /// <summary>Most steps a <c>max_step</c> may force over the run (the solver gives up after 1,000,000 per interval).</summary>
    public const double MaxForcedSteps = 500_000;

    private static SolverSettings ReadSolver(MapNode root, Dictionary<string, int> lines, double durationHours)
    {
        var settings = new SolverSettings { RelTol = 1e-6, AbsTol = 1e-9 };
        var map = root.Map("solver", SolverKeys);
        if (map is null) return settings;
        Note(lines, map);
        if (map.Number("rtol", "a number in (0, 0.1], e.g. 1e-6") is { } rtol)
        {
            if (!(rtol > 0 && rtol <= 0.1)) throw map.Error("rtol", "the relative tolerance is out of range", "1e-12 <= rtol <= 0.1, e.g. 1e-6");
            if (rtol < MinRelTol) throw map.Error("rtol", "below what the solver can deliver in double precision", "1e-12 <= rtol <= 0.1, e.g. 1e-6");
            settings = settings with { RelTol = rtol };
        }
        if (map.Number("atol", "a number > 0, e.g. 1e-9") is { } atol)
        {
            if (!(atol > 0)) throw map.Error("atol", "the absolute tolerance must be positive", "atol > 0, e.g. 1e-9 (in each state's own unit)");
            if (atol < MinAbsTol) throw map.Error("atol", "below what the solver can deliver in double precision", "1e-15 <= atol, e.g. 1e-9 (in each state's own unit)");
            settings = settings with { AbsTol = atol };
        }
        if (map.Quantity("max_step", Units.Time) is { } ms)
        {
            if (!(ms.InBaseUnit > 0)) throw map.Error("max_step", "the largest step must be positive", "a positive time, e.g. 1 h");
            double least = durationHours / MaxForcedSteps;
            if (ms.InBaseUnit < least)
                throw map.Error("max_step", $"the solver would need more than {MaxForcedSteps:0} steps over the {Fmt(durationHours)} h run",
                    $"max_step >= duration / {MaxForcedSteps:0} = {Fmt(least * 3600)} s here, e.g. 1 min");
            settings = settings with { MaxStep = ms.InBaseUnit };
        }
        return settings;
    }

    /// <summary>The <c>parameters:</c> of <paramref name="root"/> (a scenario, or a trial or one of its arms): an inline mapping, or a
    /// parameter file (<see cref="ParametersOf"/>) whose values are then located at its own lines.</summary>
    internal static Dictionary<string, double> ReadParameters(MapNode root, Dictionary<string, int> lines, string? baseDirectory = null)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (ParametersOf(root, baseDirectory) is not { } source) return result;
        var owner = source.Owner;
        var at = owner.Child("parameters");
        bool inline = ReferenceEquals(owner, root);
        foreach (var (k, v) in source.Map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            var path = $"{at}.{key}";
            if (inline) lines[path] = YamlInput.LineOf(k.Start);
            if (result.ContainsKey(key)) throw owner.Input.Error(k, path, $"parameter '{key}' appears twice", "each parameter once");
            var value = owner.Input.Number(v, path, "a number in the parameter's own unit (see `ketasim params`)");
            result[key] = value;
        }
        return result;
    }

    private void CheckModelNames(YamlInput yaml, MapNode root, Scenario scenario)
    {
        if (root.Map("mechanism", MechanismKeys) is { } mechanismMap) CheckKnockouts(mechanismMap, scenario);
        if (Catalog.ObservablesFor is { } obsFor && scenario.Observables.Count > 0)
        {
            var known = obsFor(scenario);
            var seq = (YamlSequenceNode)root.Map("output", OutputKeys)!.Get("observables")!;
            for (int i = 0; i < scenario.Observables.Count; i++)
            {
                var name = scenario.Observables[i];
                if (!known.Contains(name))
                    throw yaml.Error(seq.Children[i], $"output.observables[{i}]",
                        $"unknown observable for this scenario's model{NearestName.Hint(name, known)}", string.Join(", ", known));
            }
        }
        CheckParameterNames(root, scenario);
    }

    /// <summary>Each name in <paramref name="root"/>'s <c>parameters:</c> must be a parameter of <paramref name="scenario"/>'s model,
    /// and each value within the parameter's plausible range (<see cref="KetaSim.Modeling.Models.AdmissibleRange"/>).
    /// <paramref name="owner"/> names whose model it is in messages (e.g. "arm 'placebo'").</summary>
    internal void CheckParameterNames(MapNode root, Scenario scenario, string? owner = null)
    {
        if (Catalog.ParametersFor is not { } parFor || ParametersOf(root) is not { Map.Children.Count: > 0 } source) return;
        var known = parFor(scenario);
        foreach (var (k, v) in source.Map.Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            if (!known.Contains(key))
                throw new InputException(source.Owner.Input.File, YamlInput.LineOf(k.Start), $"{source.Owner.Child("parameters")}.{key}", YamlInput.ValueText(v),
                    $"unknown parameter '{key}'{(owner is null ? "" : $" for {owner}")}{NearestName.Hint(key, known)}", string.Join(", ", known.Order(StringComparer.Ordinal)));
        }
        CheckParameterValues(root, scenario);
    }

    /// <summary>Each override in <paramref name="root"/>'s <c>parameters:</c> that <paramref name="scenario"/>'s model has must lie in its plausible range.</summary>
    internal void CheckParameterValues(MapNode root, Scenario scenario)
    {
        if (Catalog.ParameterInfoFor is not { } infoFor || ParametersOf(root) is not { Map.Children.Count: > 0 } source) return;
        var info = infoFor(scenario).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (k, v) in source.Map.Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            if (!info.TryGetValue(key, out var p) || !scenario.ParameterOverrides.TryGetValue(key, out var value)) continue;
            var range = KetaSim.Modeling.Models.AdmissibleRange.For(p);
            if (!range.Contains(value))
                throw new InputException(source.Owner.Input.File, YamlInput.LineOf(v.Start), $"{source.Owner.Child("parameters")}.{key}", YamlInput.ValueText(v),
                    $"outside the admissible range of {key} ({p.Description.TrimEnd('.')})", range.Describe(p));
        }
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A count as a whole number with thousands separators (1,000,001), never in exponent notation.</summary>
    private static string Count(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
}
