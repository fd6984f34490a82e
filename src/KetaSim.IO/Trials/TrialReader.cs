using System.Globalization;
using KetaSim.Biology.Compounds;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Dosing.Schedules;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;
using KetaSim.Population.Trials;
using YamlDotNet.RepresentationModel;

namespace KetaSim.IO.Trials;

/// <summary>
/// Reads a trial definition file (format: docs/trial-format.md) into a checked <see cref="TrialDefinition"/>. Doses,
/// mechanism settings, dose-hold rule and parameters use the scenario file's syntax and checks (the scenario
/// reader's pieces). Every problem is an <see cref="InputException"/> naming file, line, field, value and what is
/// allowed; nothing is returned half-checked.
/// </summary>
public static partial class TrialReader
{
    public static readonly string[] RootKeys =
    [
        "name", "description", "population", "subjects", "seed", "duration", "visits", "randomisation", "arms", "endpoints",
        "dropout", "measurement_noise", "control", "withdrawal", "placebo", "background", "patient", "dose_hold", "mechanism",
        "parameters", "compounds", "sessions", "phases", "safety", "pooled", "crossover", "enrol_until",
    ];
    public static readonly string[] PooledKeys = ["name", "arms"];
    public static readonly string[] EnrolUntilKeys = ["phase", "entered"];
    public static readonly string[] ArmKeys = ["name", "ratio", "doses", "background", "placebo", "patient", "dose_hold", "parameters", "sessions"];
    public static readonly string[] PatientKeys = ["trd", "resting_systolic", "resting_diastolic"];
    public static readonly string[] MechanismKeys = ["hypothesis", "knockouts", "circuit"];
    public static readonly string[] EndpointKeys = ["remission", "response", "relapse", "suicidality"];
    public static readonly string[] RemissionKeys = ["madrs_max", "hamd17_max"];
    public static readonly string[] ResponseKeys = ["fraction"];
    public static readonly string[] RelapseKeys = ["madrs_min", "hamd17_min", "consecutive_visits", "after_remission", "kind", "reference", "clock", "phase"];
    public static readonly string[] RelapseKindNames = ["threshold", "loss-of-response", "loss-of-remission"];
    public static readonly string[] RelapseReferenceNames = ["baseline", "phase-entry"];
    public static readonly string[] RelapseClockNames = ["start", "randomisation", "phase-entry", "last-dose"];
    public static readonly string[] DropoutKeys = ["per_week", "by_end"];
    public static readonly string[] WithdrawalKeys = ["randomise_at", "stable_visits"];
    public static readonly string[] VisitRangeKeys = ["every", "from", "until"];

    /// <summary>Placebo contexts: the mechanism's kinds, plus <c>inert</c> (= saline: inert tablets, spray or infusion).</summary>
    public static readonly string[] PlaceboNames = [.. MechanismTerms.PlaceboNames, "inert"];

    public const int MaxSubjects = 10_000_000;
    public const int MaxVisits = 10_000;

    /// <summary>The placebo contexts for messages: the model's kinds (whatever it defines) and the alias.</summary>
    private static readonly string PlaceboAllowed = string.Join(", ", MechanismTerms.PlaceboNames) + ", inert (= saline: inert tablets, spray or infusion)";
    private const string VisitsAllowed = "a list of times such as [24 h, 72 h, 7 d], whose items may also be ranges { every: 1 week, from: 1 week, until: 8 week }";

    /// <summary>Reads and checks a trial file.</summary>
    public static TrialDefinition ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(InputText.Read(path, "a trial YAML file"), path);
    }

    /// <summary>
    /// Reads and checks trial YAML. <paramref name="sourceName"/> names the file in messages; relative paths in the file
    /// (population, compounds) are resolved against <paramref name="baseDirectory"/>, or else the directory of
    /// <paramref name="sourceName"/>.
    /// </summary>
    public static TrialDefinition Read(string yaml, string sourceName, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new Context(yaml, sourceName, baseDirectory).Read();
    }

    private sealed partial class Context(string text, string file, string? baseDirectory)
    {
        private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
        private readonly ScenarioReader _scenarios = ScenarioEngine.Reader;
        private string BaseDirectory => baseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();

        public TrialDefinition Read()
        {
            var yaml = YamlInput.Parse(file, text);
            var root = yaml.RootMap(RootKeys);
            ScenarioReader.Note(_lines, root);
            // Compounds first, so doses can name user compounds; resolved relative to the base directory.
            _scenarios.UseCompounds(root, Path.Combine(BaseDirectory, Path.GetFileName(file)), null);

            var name = root.String("name", "a short name (letters, digits, '.', '-', '_')") ?? Path.GetFileNameWithoutExtension(file);
            if (name.Length == 0 || name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
                throw root.Error("name", "not a usable name", "1-100 letters, digits, '.', '-' or '_', starting with a letter or digit (it names output folders)");
            var description = root.String("description", "free text") ?? "";

            int subjects = ReadSubjects(root);
            ulong seed = ReadSeed(root);
            var population = ReadPopulation(root, seed);

            var duration = root.RequireQuantity("duration", Units.Time).InBaseUnit;
            if (!(duration > 0) || duration > ScenarioReader.MaxDurationHours)
                throw root.Error("duration", "the trial's follow-up must be positive and at most 2 years", "0 < duration <= 104 week");
            IReadOnlyList<double> visits = ReadVisits(root, duration);

            var (scale, remission, response, relapse) = ReadEndpoints(root);
            var arms = ReadArms(root, name, duration);
            ApplyRandomisation(root, arms);

            string? control = null;
            if (root.String("control", "the name of one arm") is { } controlText)
            {
                var names = arms.Select(a => a.Arm.Name).ToArray();
                control = names.FirstOrDefault(n => string.Equals(n, controlText.Trim(), StringComparison.Ordinal))
                    ?? throw root.Error("control", $"no arm is called '{controlText}'{NearestName.Hint(controlText, names)}", string.Join(", ", names));
            }

            CrossoverDesign? crossover = null;
            List<TrialPhase>? crossoverPhases = null;
            if (root.Has("crossover"))
            {
                (arms, visits, crossoverPhases, crossover) = ReadCrossover(root, arms, visits, duration, control);
                control = null;   // the control is a treatment, compared within subjects; the arms are sequences
            }
            var pooled = ReadPooled(root, arms.Select(a => a.Arm.Name).ToArray(), control ?? arms[0].Arm.Name);
            var trial = new TrialDefinition(name, population, [.. arms.Select(a => a.Arm)], visits, duration)
            {
                Pooled = pooled,
                Description = description,
                Scale = scale,
                RemissionThreshold = remission,
                ResponseFraction = response,
                Relapse = relapse,
                DropoutHazardPerWeek = ReadDropout(root, duration),
                MeasurementNoise = root.Bool("measurement_noise") ?? false,
                ControlArm = control,
                DefaultSubjectCount = subjects,
                DefaultSeed = seed,
                Withdrawal = ReadWithdrawal(root, visits, duration, arms),
                Phases = crossoverPhases ?? ReadPhases(root, duration, visits, arms, scale, remission),
                Crossover = crossover,
                Suicidality = ReadSuicidality(root),
                Safety = ReadSafety(root),
            };
            if (root.Map("enrol_until", EnrolUntilKeys) is { } eu)
            {
                var names = trial.Phases.Select(p => p.Name).ToArray();
                var phaseName = eu.RequireString("phase", names.Length > 1 ? string.Join(", ", names.Skip(1)) : "a phase after the first").Trim();
                int at = Array.IndexOf(names, phaseName);
                if (names.Length == 0 || trial.Crossover is not null)
                    throw eu.Error("phase", "enrol_until counts subjects entering a phase, and this trial has no phases", "phases with an entry criterion (docs/trial-format.md, \"phases\")");
                if (at < 0) throw eu.Error("phase", $"no phase is called '{phaseName}'{NearestName.Hint(phaseName, names)}", string.Join(", ", names.Skip(1)));
                if (at == 0) throw eu.Error("phase", "every subject enters the first phase", string.Join(", ", names.Skip(1)));
                var n = eu.Require("entered", "a whole number >= 1");
                var text = eu.Input.Scalar(n, eu.Child("entered"), "a whole number >= 1");
                if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int entered) || entered < 1 || entered > subjects)
                    throw eu.Error("entered", $"not a whole number from 1 to the subject cap ({subjects})", $"1 to {subjects}; subjects: (or --n) caps how many are enrolled, so at most that many can enter");
                trial = trial with { EnrolUntil = new EnrolUntil(phaseName, entered) };
            }
            if (relapse.Phase is { } relapsePhase && trial.RelapsePhaseIndex < 0)
            {
                var rel = root.Map("endpoints", EndpointKeys)!.Map("relapse", RelapseKeys)!;
                var names = trial.Phases.Select(p => p.Name).ToArray();
                throw rel.Error("phase", names.Length == 0 ? "the trial has no phases" : $"no phase is called '{relapsePhase}'{NearestName.Hint(relapsePhase, names)}",
                    names.Length == 0 ? "a phase name (define phases first)" : string.Join(", ", names));
            }
            if ((relapse.Reference == RelapseReference.PhaseEntry || relapse.Clock == RelapseClock.Randomisation) && trial.RelapsePhaseIndex < 0 && trial.Withdrawal is null)
            {
                var rel = root.Map("endpoints", EndpointKeys)!.Map("relapse", RelapseKeys)!;
                string key = relapse.Reference == RelapseReference.PhaseEntry ? "reference" : "clock";
                throw rel.Error(key, "needs a relapse phase, and the trial has none", "relapse.phase: NAME, or a phase with randomise: true, or reference: baseline / clock: start");
            }
            try
            {
                trial.Validate(subjects);
            }
            catch (ArgumentException e)
            {
                // The checks above should have caught everything; whatever the definition still rejects is reported against the file.
                var key = e.ParamName switch
                {
                    nameof(TrialDefinition.Arms) => "arms",
                    nameof(TrialDefinition.VisitTimesHours) => "visits",
                    nameof(TrialDefinition.DurationHours) => "duration",
                    nameof(TrialDefinition.ControlArm) => "control",
                    nameof(TrialDefinition.Pooled) => "pooled",
                    nameof(TrialDefinition.Crossover) => "crossover",
                    nameof(TrialDefinition.EnrolUntil) => "enrol_until",
                    nameof(TrialDefinition.Withdrawal) => "withdrawal",
                    nameof(TrialDefinition.Phases) => "phases",
                    nameof(TrialDefinition.Relapse) or nameof(TrialDefinition.ResponseFraction) or nameof(TrialDefinition.Suicidality) or nameof(TrialDefinition.RemissionThreshold)
                        or nameof(TrialDefinition.Scale) => "endpoints",
                    nameof(TrialDefinition.DropoutHazardPerWeek) => "dropout",
                    nameof(TrialDefinition.Safety) => "safety",
                    nameof(TrialDefinition.Population) => "population",
                    "subjectCount" or nameof(TrialDefinition.DefaultSubjectCount) => "subjects",
                    _ => "",
                };
                string message = e.Message.Split(" (Parameter '")[0].TrimEnd('.');
                throw new InputException(file, key.Length > 0 && _lines.TryGetValue(key, out var line) ? line : 1, key,
                    key.Length > 0 && root.Get(key) is { } node ? YamlInput.ValueText(node) : null, message, "see docs/trial-format.md", e);
            }
            return trial;
        }

        /// <summary><c>pooled: [{ name: NAME, arms: [A, B, …] }]</c>: arms analysed together beside each alone.</summary>
        private static List<PooledArms> ReadPooled(MapNode root, string[] armNames, string control)
        {
            var list = new List<PooledArms>();
            if (root.Get("pooled") is not { } node) return list;
            const string allowed = "a list of { name: NAME, arms: [ARM, ARM, …] }, e.g. [{ name: esketamine, arms: [esketamine-56mg, esketamine-84mg] }]";
            var seq = root.Input.Sequence(node, root.Child("pooled"), allowed);
            var used = new HashSet<string>(armNames, StringComparer.Ordinal);
            for (int k = 0; k < seq.Children.Count; k++)
            {
                var m = root.Input.Map(seq.Children[k], $"{root.Child("pooled")}[{k}]", PooledKeys);
                var poolName = m.RequireString("name", "a name of its own, not an arm's").Trim();
                if (!used.Add(poolName)) throw m.Error("name", "is already the name of an arm or of another pooled arm", "a name of its own");
                var armsNode = m.Require("arms", "a list of at least two arm names");
                var armSeq = m.Input.Sequence(armsNode, m.Child("arms"), "a list of at least two arm names");
                var members = new List<string>();
                for (int i = 0; i < armSeq.Children.Count; i++)
                {
                    var path = $"{m.Child("arms")}[{i}]";
                    var text = m.Input.Scalar(armSeq.Children[i], path, string.Join(", ", armNames)).Trim();
                    if (!armNames.Contains(text, StringComparer.Ordinal))
                        throw m.Input.Error(armSeq.Children[i], path, $"no arm is called '{text}'{NearestName.Hint(text, armNames)}", string.Join(", ", armNames));
                    if (string.Equals(text, control, StringComparison.Ordinal))
                        throw m.Input.Error(armSeq.Children[i], path, $"'{text}' is the control arm, which pooled arms are compared with", string.Join(", ", armNames.Where(n => n != control)));
                    if (members.Contains(text)) throw m.Input.Error(armSeq.Children[i], path, $"'{text}' is listed twice", "each arm once");
                    members.Add(text);
                }
                if (members.Count < 2) throw m.Error("arms", "a pooled arm needs at least two arms", "a list of at least two arm names");
                list.Add(new PooledArms(poolName, members));
            }
            return list;
        }

        private static int ReadSubjects(MapNode root)
        {
            const string allowed = "a whole number from 1 to 10000000";
            if (root.Get("subjects") is not { } node) return 1000;
            var t = root.Input.Scalar(node, "subjects", allowed).Trim();
            if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                throw root.Error("subjects", "not a whole number", allowed);
            if (n < 1) throw root.Error("subjects", "a trial needs at least one subject", allowed);
            if (n > MaxSubjects) throw root.Error("subjects", "too many subjects", allowed);
            return (int)n;
        }

        private static ulong ReadSeed(MapNode root)
        {
            const string allowed = "a whole number 0 to 18446744073709551615";
            if (root.Get("seed") is not { } node) return 1;
            var t = root.Input.Scalar(node, "seed", allowed).Trim();
            if (!ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                throw root.Error("seed", "not a whole number >= 0", allowed);
            return seed;
        }

        private PopulationDefinition ReadPopulation(MapNode root, ulong seed)
        {
            string builtIn = string.Join(", ", PopulationLibrary.Names);
            string allowed = $"a built-in population ({builtIn}) or the path of a population .yaml file relative to the trial file (docs/population.md)";
            var text = root.RequireString("population", allowed).Trim();
            PopulationDefinition pop;
            bool isPath = text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                || text.Contains('/') || text.Contains('\\');
            if (isPath)
            {
                string shown = Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory ?? Path.GetDirectoryName(file) ?? "", text);
                string full = Path.GetFullPath(Path.IsPathRooted(text) ? text : Path.Combine(BaseDirectory, text));
                if (!File.Exists(full)) throw root.Error("population", $"no such population file ({full})", allowed);
                try
                {
                    pop = PopulationReader.Read(Biology.Inputs.InputFiles.ReadText(full, shown, "a population YAML file"), shown);
                }
                catch (ModelDataException e)
                {
                    throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem, "", e);
                }
                catch (IOException e)
                {
                    throw root.Error("population", $"cannot read the population file ({e.Message})", allowed);
                }
            }
            else
            {
                var match = PopulationLibrary.Names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
                    ?? throw root.Error("population", $"unknown population{NearestName.Hint(text, PopulationLibrary.Names)}", allowed);
                pop = PopulationLibrary.Get(match);
            }
            if (pop.Species != Species.Human)
                throw root.Error("population", $"population '{pop.Name}' is {pop.Species.ToString().ToLowerInvariant()}; trials rate MADRS or HAM-D17, which the model gives for human subjects only",
                    "a human population, e.g. " + builtIn);
            try
            {
                // An inclusion rule that (nearly) nobody passes would otherwise surface only when a subject fails mid-run.
                PopulationSampler.CheckInclusion(pop, seed, ReadSubjects(root));
            }
            catch (ModelDataException e)
            {
                throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem, "", e);
            }
            return pop;
        }

        private List<double> ReadVisits(MapNode root, double duration)
        {
            var node = root.Require("visits", VisitsAllowed);
            var input = root.Input;
            var seq = input.Sequence(node, "visits", VisitsAllowed);
            if (seq.Children.Count == 0) throw input.Error(seq, "visits", "no visits given", "at least one visit");
            var times = new List<double>();
            string Fmt(double h) => Format.Hours(h);
            void Add(double t, YamlNode at, string path)
            {
                if (!(t >= 0 && t <= duration))
                    throw input.Error(at, path, $"the visit at {Fmt(t)} lies outside the trial (0 h to the duration, {Fmt(duration)})", $"times from 0 h to {Fmt(duration)}");
                if (times.Count > 0 && !(t > times[^1]))
                    throw input.Error(at, path, $"visits are out of order: {Fmt(t)} does not come after {Fmt(times[^1])}", "strictly increasing visit times, e.g. [24 h, 72 h, 7 d]");
                if (times.Count >= MaxVisits) throw input.Error(at, path, "too many visits", $"at most {MaxVisits} visits");
                times.Add(t);
            }
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var item = seq.Children[i];
                var path = $"visits[{i}]";
                _lines[path] = YamlInput.LineOf(item.Start);
                if (item is YamlMappingNode)
                {
                    var m = input.Map(item, path, VisitRangeKeys);
                    ScenarioReader.Note(_lines, m);
                    double every = m.RequireQuantity("every", Units.Time).InBaseUnit;
                    if (!(every > 0)) throw m.Error("every", "the interval between visits must be positive", "a positive time, e.g. 1 week");
                    double from = m.Quantity("from", Units.Time)?.InBaseUnit ?? every;
                    double until = m.RequireQuantity("until", Units.Time).InBaseUnit;
                    if (until < from) throw m.Error("until", $"the range ends ({Fmt(until)}) before it starts ({Fmt(from)})", $"until >= from ({Fmt(from)})");
                    if ((until - from) / every + 1 > MaxVisits) throw m.Error("every", "gives too many visits", $"at most {MaxVisits} visits");
                    // Multiply rather than accumulate so the last visit lands exactly on 'until'.
                    for (long k = 0; from + k * every <= until * (1 + 1e-12); k++)
                        Add(from + k * every, item, path);
                }
                else Add(input.Quantity(item, path, Units.Time).InBaseUnit, item, path);
            }
            return times;
        }

        private static (RatingScale Scale, double Remission, double Response, RelapseRule Relapse) ReadEndpoints(MapNode root)
        {
            var map = root.Map("endpoints", EndpointKeys);
            RatingScale? scale = null;
            MapNode? scaleFrom = null;
            string scaleKey = "";
            void Use(RatingScale s, MapNode m, string key)
            {
                if (scale is { } had && had != s)
                    throw m.Error(key, $"this endpoint is on {Name(s)} but {scaleFrom!.Child(scaleKey)} is on {Name(had)}", "every endpoint on one scale (madrs_* or hamd17_* keys)");
                scale = s;
                scaleFrom = m;
                scaleKey = key;
            }
            static string Name(RatingScale s) => s == RatingScale.Hamd17 ? "HAM-D17" : "MADRS";

            double? remission = null;
            var rem = map?.Map("remission", RemissionKeys);
            if (rem is not null)
            {
                if (rem.Has("madrs_max") && rem.Has("hamd17_max")) throw rem.Error("hamd17_max", "give one remission threshold", "madrs_max or hamd17_max");
                if (rem.Number("madrs_max", "MADRS points, 0 to 60") is { } mm)
                {
                    if (!(mm >= 0 && mm <= 60)) throw rem.Error("madrs_max", "out of range", "0 <= madrs_max <= 60 (10 in the ketamine trials, 12 in the esketamine programme)");
                    Use(RatingScale.Madrs, rem, "madrs_max");
                    remission = mm;
                }
                else if (rem.Number("hamd17_max", "HAM-D17 points, 0 to 52") is { } hm)
                {
                    if (!(hm >= 0 && hm <= 52)) throw rem.Error("hamd17_max", "out of range", "0 <= hamd17_max <= 52 (7 is the usual HAM-D17 remission)");
                    Use(RatingScale.Hamd17, rem, "hamd17_max");
                    remission = hm;
                }
                else throw rem.Error("madrs_max", "the remission threshold is missing", "madrs_max: 10 (MADRS <= 10) or hamd17_max: 7");
            }

            double response = 0.5;
            if (map?.Map("response", ResponseKeys) is { } resp && resp.Number("fraction", "a fraction in (0, 1], e.g. 0.5") is { } f)
            {
                if (!(f > 0 && f <= 1)) throw resp.Error("fraction", "out of range", "0 < fraction <= 1: the fall from baseline that counts as response (0.5 = 50%)");
                response = f;
            }

            double? relapseThreshold = null;
            int consecutive = 2;
            bool afterRemission = true;
            var kind = RelapseKind.Threshold;
            var reference = RelapseReference.Baseline;
            var clock = RelapseClock.PhaseEntry;
            string? phase = null;
            if (map?.Map("relapse", RelapseKeys) is { } rel)
            {
                if (rel.Has("madrs_min") && rel.Has("hamd17_min")) throw rel.Error("hamd17_min", "give one relapse threshold", "madrs_min or hamd17_min");
                if (rel.Number("madrs_min", "MADRS points, 0 to 60") is { } rm)
                {
                    if (!(rm > 0 && rm <= 60)) throw rel.Error("madrs_min", "out of range", "0 < madrs_min <= 60 (22 is usual)");
                    Use(RatingScale.Madrs, rel, "madrs_min");
                    relapseThreshold = rm;
                }
                else if (rel.Number("hamd17_min", "HAM-D17 points, 0 to 52") is { } rh)
                {
                    if (!(rh > 0 && rh <= 52)) throw rel.Error("hamd17_min", "out of range", "0 < hamd17_min <= 52 (16 is usual)");
                    Use(RatingScale.Hamd17, rel, "hamd17_min");
                    relapseThreshold = rh;
                }
                if (rel.Get("consecutive_visits") is { } cv)
                {
                    var t = rel.Input.Scalar(cv, rel.Child("consecutive_visits"), "a whole number >= 1");
                    if (!int.TryParse(t.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out consecutive) || consecutive < 1 || consecutive > 100)
                        throw rel.Error("consecutive_visits", "not a whole number from 1 to 100", "a whole number >= 1, e.g. 2");
                }
                afterRemission = rel.Bool("after_remission") ?? true;
                kind = (RelapseKind)Choice(rel, "kind", RelapseKindNames, "threshold (rating >= madrs_min), loss-of-response or loss-of-remission", (int)kind);
                if (kind != RelapseKind.Threshold && (rel.Has("madrs_min") || rel.Has("hamd17_min")))
                    throw rel.Error(rel.Has("madrs_min") ? "madrs_min" : "hamd17_min", $"a threshold is only used with kind: threshold, not with kind: {RelapseKindNames[(int)kind]}",
                        "leave the threshold out (loss of response uses endpoints.response, loss of remission endpoints.remission)");
                reference = (RelapseReference)Choice(rel, "reference", RelapseReferenceNames, "baseline (t = 0) or phase-entry (the rating at the last visit before the relapse phase)", (int)reference);
                if (reference != RelapseReference.Baseline && kind != RelapseKind.LossOfResponse)
                    throw rel.Error("reference", "a reference rating is only used with kind: loss-of-response", "baseline, or kind: loss-of-response");
                clock = (RelapseClock)Choice(rel, "clock", RelapseClockNames, "start (t = 0), randomisation, phase-entry or last-dose", (int)clock);
                if (rel.String("phase", "the name of one phase") is { } ph) phase = ph.Trim();
            }
            var s = scale ?? RatingScale.Madrs;
            double remissionThreshold = remission ?? (s == RatingScale.Hamd17 ? Endpoints.Hamd17Remission : Endpoints.KetamineRemissionMadrs);
            double relapseDefault = s == RatingScale.Hamd17 ? Endpoints.RelapseMadrs * SymptomsModule.HamdPerMadrs : Endpoints.RelapseMadrs;
            return (s, remissionThreshold, response, new RelapseRule(relapseThreshold ?? relapseDefault, consecutive, afterRemission) { Kind = kind, Reference = reference, Clock = clock, Phase = phase });
        }

        /// <summary>The index of <paramref name="key"/>'s value in <paramref name="names"/> (case-insensitive); <paramref name="fallback"/> when absent.</summary>
        private static int Choice(MapNode m, string key, string[] names, string allowed, int fallback)
        {
            if (m.String(key, allowed) is not { } text) return fallback;
            int i = Array.FindIndex(names, n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
            return i >= 0 ? i : throw m.Error(key, $"unknown {key} '{text.Trim()}'{NearestName.Hint(text.Trim(), names)}", string.Join(", ", names));
        }

        private sealed record ReadArm(TrialArm Arm, MapNode Map, bool HasRatio);

        private List<ReadArm> ReadArms(MapNode root, string trialName, double duration)
        {
            var subject = Subject.TypicalAdult;
            // Trial-wide settings every arm starts from.
            var mechMap = root.Map("mechanism", MechanismKeys);
            var mechanism = mechMap is null ? new MechanismSettings() : ScenarioReader.ReadMechanismSettings(mechMap, _lines);
            // Suicidality endpoints need the suicidal-ideation layer in every arm's model (its parameters can then be overridden).
            if (root.Map("endpoints", EndpointKeys)?.Has("suicidality") == true) mechanism = mechanism with { Suicidality = true };
            PlaceboKind? trialPlacebo = ReadPlacebo(root);
            var (trialPatient, trialTrd) = ReadPatient(root, PatientState.TypicalTrd);
            var trialHold = ScenarioReader.ReadDoseHoldKey(root);
            var trialBackground = _scenarios.ReadDoseList(root, "background", _lines, subject, duration, allowEmpty: true);
            var trialParameters = ScenarioReader.ReadParameters(root, _lines, BaseDirectory);

            const string armsAllowed = "a list of arms, each with a name, a regimen (doses and/or placebo) and optionally a ratio";
            var node = root.Require("arms", armsAllowed);
            var seq = root.Input.Sequence(node, "arms", armsAllowed);
            if (seq.Children.Count == 0) throw root.Input.Error(seq, "arms", "no arms given", "at least one arm");
            var result = new List<ReadArm>();
            var appliesSomewhere = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var m = root.Input.Map(seq.Children[i], $"arms[{i}]", ArmKeys);
                ScenarioReader.Note(_lines, m);
                var armName = m.RequireString("name", "a short name for the arm, e.g. ketamine or placebo").Trim();
                if (armName.Length == 0 || armName.Length > 100 || armName.Any(char.IsControl))
                    throw m.Error("name", "not a usable arm name", "1-100 characters");
                if (result.Any(a => string.Equals(a.Arm.Name, armName, StringComparison.Ordinal)))
                    throw m.Error("name", $"two arms are called '{armName}'", "a different name for each arm");

                double weight = 1;
                if (m.Number("ratio", "a positive number (randomisation weight), e.g. 2") is { } w)
                {
                    if (!(w > 0)) throw m.Error("ratio", "the randomisation weight must be positive", "a number > 0, e.g. 2 for a 2:1 randomisation against an arm with 1");
                    if (w > 1e6) throw m.Error("ratio", "the randomisation weight is too large", "a number from 1e-6 to 1e6, e.g. 2 for a 2:1 randomisation against an arm with 1");
                    weight = w;
                }

                var background = _scenarios.ReadDoseList(m, "background", _lines, subject, duration, allowEmpty: true);
                var doses = _scenarios.ReadDoseList(m, "doses", _lines, subject, duration, allowEmpty: true);
                PlaceboKind? armPlacebo = ReadPlacebo(m);
                var placebo = armPlacebo ?? trialPlacebo;
                List<DoseRecord> all = [.. trialBackground, .. background, .. doses];
                var sessions = ReadSessions(root, "sessions", 0, duration).Concat(ReadSessions(m, "sessions", 0, duration))
                    .Select(t => new CareContact(t, CareContactKind.Session)).ToArray();
                if (all.Count > 0) ScenarioReader.CheckCumulative(m, m.Has("doses") ? "doses" : m.Has("background") ? "background" : "name", all, subject.WeightKg);
                if (all.Count == 0 && placebo is null && sessions.Length == 0 && !root.Has("phases"))
                    throw m.Error("doses", $"arm '{armName}' has no regimen: no doses, no background and no placebo context",
                        "doses in the scenario dose syntax, or an arm without drug: doses: [] with a placebo context, e.g. placebo: saline (inert tablets, spray or infusion), placebo: none (untreated)");
                var (patient, armTrd) = ReadPatient(m, trialPatient);
                var parameters = new Dictionary<string, double>(trialParameters, StringComparer.Ordinal);
                var own = ScenarioReader.ReadParameters(m, _lines, BaseDirectory);
                foreach (var (k, v) in own) parameters[k] = v;

                var template = new Scenario
                {
                    Name = $"{trialName}-{armName}".Replace(' ', '-'),
                    Description = $"Trial {trialName}, arm {armName}",
                    Subject = subject,
                    Doses = all,
                    DurationHours = duration,
                    Mechanism = mechanism with { Patient = patient with { Placebo = placebo ?? PlaceboKind.None } },
                    DoseHold = m.Has("dose_hold") ? ScenarioReader.ReadDoseHoldKey(m) : trialHold,
                    ParameterOverrides = parameters,
                    CareContacts = sessions,
                };
                if (_scenarios.Catalog.ParametersFor is { } parFor && trialParameters.Count > 0)
                {
                    // A trial-level parameter applies to the arms whose model has it (a PK parameter of a drug a
                    // placebo arm does not get does not apply there); it must apply to at least one arm.
                    var known = parFor(template);
                    foreach (var k in trialParameters.Keys)
                    {
                        if (known.Contains(k)) appliesSomewhere.Add(k);
                        else if (!own.ContainsKey(k)) parameters.Remove(k);
                    }
                    template = template with { ParameterOverrides = parameters };
                }
                _scenarios.CheckParameterNames(m, template, $"arm '{armName}'");
                _scenarios.CheckParameterValues(root, template);
                if (mechMap is not null) _scenarios.CheckKnockouts(mechMap, template);
                var arm = new TrialArm(armName, template, weight) { TreatmentResistant = armTrd ?? trialTrd };
                result.Add(new ReadArm(arm, m, m.Has("ratio")));
            }
            if (_scenarios.Catalog.ParametersFor is { } parametersFor && ScenarioReader.ParametersOf(root, BaseDirectory) is { } trialSource)
            {
                foreach (var (k, v) in trialSource.Map.Children)
                {
                    var key = ((YamlScalarNode)k).Value!;
                    if (appliesSomewhere.Contains(key)) continue;
                    var known = result.SelectMany(a => parametersFor(a.Arm.RegimenTemplate)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                    throw new InputException(trialSource.Owner.Input.File, YamlInput.LineOf(k.Start), $"parameters.{key}", YamlInput.ValueText(v),
                        $"unknown parameter '{key}': not a parameter of any arm's model{NearestName.Hint(key, known)}", string.Join(", ", known));
                }
            }
            return result;
        }

        private static PlaceboKind? ReadPlacebo(MapNode map)
        {
            if (map.String("placebo", PlaceboAllowed) is not { } text) return null;
            if (text.Trim().Equals("inert", StringComparison.OrdinalIgnoreCase)) return PlaceboKind.Saline;
            if (!MechanismTerms.TryParsePlacebo(text, out var kind))
                throw map.Error("placebo", $"unknown placebo context{NearestName.Hint(text, PlaceboNames)}", PlaceboAllowed);
            return kind;
        }

        /// <summary>The <c>patient:</c> block: blood pressure on top of <paramref name="start"/>, and the treatment-resistance override.</summary>
        private (PatientState Patient, bool? Trd) ReadPatient(MapNode parent, PatientState start)
        {
            if (parent.Map("patient", PatientKeys) is not { } m) return (start, null);
            var patient = ScenarioReader.ReadPatient(m, _lines, start);
            return (patient, m.Bool("trd"));
        }

        /// <summary>Every weight must be at least a millionth of the largest, or its arm gets (almost) no subjects.</summary>
        private static void CheckWeightSpread(double[] weights, Func<int, Exception> error)
        {
            double largest = weights.Max();
            for (int k = 0; k < weights.Length; k++)
                if (weights[k] < largest * 1e-6) throw error(k);
        }

        private static void ApplyRandomisation(MapNode root, List<ReadArm> arms)
        {
            if (root.Get("randomisation") is not { } node)
            {
                var armWeights = arms.Select(a => a.Arm.RandomisationWeight).ToArray();
                if (armWeights.Length > 0)
                    CheckWeightSpread(armWeights, i => arms[i].Map.Error("ratio", "less than a millionth of the largest arm's ratio, so the arm would get (almost) no subjects",
                        "ratios within a factor of 1,000,000 of each other, e.g. 2 for a 2:1 randomisation"));
                return;
            }
            const string allowed = "weights in arm order separated by ':', one per arm, each a positive number, e.g. \"2:1\"";
            var text = root.Input.Scalar(node, "randomisation", allowed).Trim();
            if (arms.FirstOrDefault(a => a.HasRatio) is { } withRatio)
                throw withRatio.Map.Error("ratio", "the arm sets a ratio but the trial also gives randomisation", "either randomisation: \"2:1\" or a ratio on each arm, not both");
            var parts = text.Split(':');
            var weights = new double[parts.Length];
            for (int k = 0; k < parts.Length; k++)
            {
                var p = parts[k].Trim();
                if (p.Length == 0) throw root.Error("randomisation", $"weight {k + 1} of '{text}' is empty", allowed);
                if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out weights[k]) || !double.IsFinite(weights[k]))
                    throw root.Error("randomisation", $"weight {k + 1} ('{p}') is not a number", allowed);
                if (!(weights[k] > 0)) throw root.Error("randomisation", $"weight {k + 1} ('{p}') is not positive", allowed);
            }
            CheckWeightSpread(weights, i => root.Error("randomisation", $"weight {i + 1} ('{parts[i].Trim()}') is less than a millionth of the largest, so its arm would get (almost) no subjects", allowed));
            double largest = weights.Max();
            // Only weights beyond 1e6 are rescaled (their sum would overflow); ordinary ratios stay as written, bit for bit.
            if (largest > 1e6) for (int k = 0; k < weights.Length; k++) weights[k] /= largest;
            if (parts.Length == 1)
                throw root.Error("randomisation", "a ratio needs at least two weights separated by ':'", allowed);
            if (weights.Length != arms.Count)
                throw root.Error("randomisation", $"{weights.Length} weights for {arms.Count} arm(s) ({string.Join(", ", arms.Select(a => a.Arm.Name))})",
                    $"exactly {arms.Count} weights in arm order, e.g. \"{string.Join(":", Enumerable.Repeat(1, arms.Count))}\"");
            for (int k = 0; k < arms.Count; k++) arms[k] = arms[k] with { Arm = arms[k].Arm with { RandomisationWeight = weights[k] } };
        }

        private static double? ReadDropout(MapNode root, double duration)
        {
            if (root.Map("dropout", DropoutKeys) is not { } m) return null;
            if (m.Has("per_week") && m.Has("by_end")) throw m.Error("by_end", "give the dropout as a hazard or as a fraction by the end, not both", "per_week or by_end");
            if (m.Number("per_week", "a hazard >= 0 per week, e.g. 0.02") is { } h)
            {
                if (!(h >= 0) || h > 100) throw m.Error("per_week", "out of range", "0 <= per_week <= 100 (a constant hazard per week; 0.02 is ~2% a week)");
                return h;
            }
            if (m.Number("by_end", "a fraction in [0, 1), e.g. 0.2") is { } f)
            {
                if (!(f >= 0 && f < 1)) throw m.Error("by_end", "out of range", "0 <= by_end < 1 (the fraction dropped out by the end of the trial)");
                // Constant hazard with P(dropout before the end) = f: λ = −ln(1 − f) / duration.
                return -Math.Log(1 - f) / (duration / 168.0);
            }
            throw m.Error("per_week", "no dropout rate given", "per_week: 0.02 (hazard per week) or by_end: 0.2 (fraction by the end of the trial)");
        }
    }
}

/// <summary>Times for messages: in the largest whole unit that fits (168 h → 1 week).</summary>
internal static class Format
{
    public static string Hours(double h)
    {
        string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (h != 0 && Math.Abs(h % 168) < 1e-9) return $"{N(h / 168)} week";
        if (h != 0 && Math.Abs(h % 24) < 1e-9) return $"{N(h / 24)} d";
        return $"{N(h)} h";
    }
}
