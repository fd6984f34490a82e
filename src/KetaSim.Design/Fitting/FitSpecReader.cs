using System.Globalization;
using KetaSim.Design.Outputs;
using KetaSim.Design.Evaluation;
using KetaSim.IO.Input;
using KetaSim.IO.Scenarios;
using KetaSim.Modeling.Models;
using YamlDotNet.RepresentationModel;

namespace KetaSim.Design.Fitting;

/// <summary>
/// Reads a fit spec (format: docs/design/fitting.md): the observations file, the experiments (one scenario each),
/// the parameters to estimate (bounds, initial value, shared or local) and the weighting. Paths are relative to the
/// spec. Everything is checked before any fitting starts; every problem is a located <see cref="InputException"/>.
/// </summary>
public static class FitSpecReader
{
    public static readonly string[] RootKeys = ["name", "description", "data", "experiments", "parameters", "weights", "profiles"];
    public static readonly string[] ExperimentKeys = ["id", "scenario"];
    public static readonly string[] ParameterKeys = ["name", "bounds", "initial", "shared", "local"];
    private static readonly string[] WeightNames = ["sd", "uniform", "proportional"];

    /// <summary>Relative tolerance the experiments are solved to while fitting (finite-difference Jacobians need smooth predictions).</summary>
    public const double FitRelTol = 1e-8;

    public static FitProblem ReadFile(string path, string? compounds = null) => Read(path, InputText.Read(path, "a fit spec YAML file"), compounds);

    public static FitProblem Read(string file, string text, string? compounds = null)
    {
        var yaml = YamlInput.Parse(file, text);
        var root = yaml.RootMap(RootKeys);
        var dir = Path.GetDirectoryName(file) ?? "";
        string Shown(string relative) => Path.IsPathRooted(relative) ? relative : Path.Combine(dir, relative);

        var name = root.String("name", "a short name (letters, digits, '.', '-', '_')") ?? Path.GetFileNameWithoutExtension(file);
        if (name.Length == 0 || name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw root.Error("name", "not a usable name", "1-100 letters, digits, '.', '-' or '_', starting with a letter or digit (it names the output folder)");

        var experiments = ReadExperiments(root, Shown, compounds);
        var parameters = ReadParameters(root, experiments);

        var dataText = root.RequireString("data", "the path of the observations CSV (relative to this file)").Trim();
        var dataFile = Shown(dataText);
        if (dataText.Length == 0 || !File.Exists(dataFile)) throw root.Error("data", "no such file", "the path of the observations CSV, relative to this file");
        var infos = experiments.ToDictionary(e => e.Id, e => new ObservationReader.ExperimentInfo(
            ScenarioObjective.ObservablesOf(e.Scenario).ToHashSet(StringComparer.Ordinal), e.Scenario.DurationHours), StringComparer.Ordinal);
        var observations = ObservationReader.Read(dataFile, InputText.Read(dataFile, "an observations CSV file"), infos);

        // Weights: sd by default when the data give SDs, else uniform.
        bool anySd = observations.Any(o => o.Sd is not null);
        var weightsText = root.String("weights", string.Join(", ", WeightNames));
        var weights = weightsText?.Trim().ToLowerInvariant() switch
        {
            null => anySd ? Weighting.Sd : Weighting.Uniform,
            "sd" => Weighting.Sd,
            "uniform" => Weighting.Uniform,
            "proportional" => Weighting.Proportional,
            _ => throw root.Error("weights", $"unknown weighting '{weightsText}'{NearestName.Hint(weightsText.Trim(), WeightNames)}",
                "sd (the data's SDs), uniform (one SD estimated), proportional (a CV estimated)"),
        };
        var scale = new double[observations.Count];
        for (int i = 0; i < observations.Count; i++)
        {
            var o = observations[i];
            scale[i] = weights switch
            {
                Weighting.Sd => o.Sd ?? throw new InputException(dataFile, o.Line, "sd", "", "weights: sd needs an SD on every row", "a positive SD in the sd column, or weights: uniform or proportional in the fit spec"),
                Weighting.Proportional => o.Value != 0 ? Math.Abs(o.Value)
                    : throw new InputException(dataFile, o.Line, "value", "0", "weights: proportional cannot weight an observation of 0", "non-zero values, or weights: sd or uniform in the fit spec"),
                _ => 1.0,
            };
        }

        // Each experiment's runs: only its observed observables, at its observation times, solved tightly.
        var fitted = new List<FitExperiment>();
        for (int k = 0; k < experiments.Count; k++)
        {
            var e = experiments[k];
            var indices = Enumerable.Range(0, observations.Count).Where(i => observations[i].Experiment == e.Id).ToArray();
            if (indices.Length == 0)
                throw new InputException(file, e.Line, $"experiments[{k}].id", e.Id, $"experiment '{e.Id}' has no observation in {dataFile}", "every experiment named in the observations file");
            var s = e.Scenario;
            var template = s with
            {
                Observables = indices.Select(i => observations[i].Observable).Distinct(StringComparer.Ordinal).ToArray(),
                OutputTimesHours = indices.Select(i => observations[i].TimeHours).Append(0).Distinct().Order().ToArray(),
                Solver = s.Solver with { RelTol = Math.Min(s.Solver.RelTol, FitRelTol) },
            };
            var known = ScenarioEngine.ModelOf(s).Parameters.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
            var settings = parameters.Select((p, k) => (p, k))
                .Where(x => (x.p.Experiment is null || x.p.Experiment == e.Id) && known.Contains(x.p.Name)).Select(x => (x.p.Name, x.k)).ToArray();
            fitted.Add(e with { Template = template, Settings = settings, Observations = indices });
        }
        if (observations.Count <= parameters.Count)
            throw root.Error("parameters", $"{parameters.Count} parameters cannot be estimated from {observations.Count} observations", "fewer parameters than observations");

        var data = new FitData(observations.Select(o => o.Value).ToArray(), scale, weights == Weighting.Sd);
        var profiles = root.Bool("profiles") ?? true;
        return new FitProblem(name, file, dataFile, fitted, parameters, observations, weights, data, profiles);
    }

    private static List<FitExperiment> ReadExperiments(MapNode root, Func<string, string> shown, string? compounds)
    {
        const string allowed = "a list of experiments, each { id: NAME, scenario: FILE.yaml }";
        var seq = root.Input.Sequence(root.Require("experiments", allowed), "experiments", allowed);
        if (seq.Children.Count == 0) throw root.Input.Error(seq, "experiments", "no experiment given", allowed);
        var result = new List<FitExperiment>();
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var m = root.Input.Map(seq.Children[i], $"experiments[{i}]", ExperimentKeys);
            var id = m.RequireString("id", "a short name used in the observations file's experiment column").Trim();
            if (id.Length == 0 || id.Length > 50 || id.Any(c => char.IsControl(c) || c is ',' or '"'))
                throw m.Error("id", "not a usable experiment id", "1-50 characters without commas or quotes");
            if (result.Any(e => e.Id == id)) throw m.Error("id", $"two experiments are called '{id}'", "a different id for each experiment");
            var scenarioText = m.RequireString("scenario", "the path of a scenario YAML file (relative to this file)").Trim();
            var path = shown(scenarioText);
            if (scenarioText.Length == 0 || !File.Exists(path)) throw m.Error("scenario", "no such file", "the path of a scenario YAML file, relative to the fit spec");
            var document = ScenarioEngine.Reader.ReadFile(path, compounds);
            result.Add(new FitExperiment(id, document, m.Line));
        }
        return result;
    }

    private static List<FitParameter> ReadParameters(MapNode root, IReadOnlyList<FitExperiment> experiments)
    {
        const string allowed = "a list of parameters, each { name: NAME, bounds: [LOW, HIGH], initial: VALUE, local: true|false }";
        var seq = root.Input.Sequence(root.Require("parameters", allowed), "parameters", allowed);
        if (seq.Children.Count == 0) throw root.Input.Error(seq, "parameters", "no parameter given", allowed);
        var result = new List<FitParameter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var m = root.Input.Map(seq.Children[i], $"parameters[{i}]", ParameterKeys);
            var name = m.RequireString("name", "a base parameter of the scenarios' model ('ketasim params SCENARIO' lists them)").Trim();
            if (!seen.Add(name)) throw m.Error("name", $"'{name}' is listed twice", "each parameter once");
            // A base parameter of at least one experiment's model; it applies to the experiments whose model has it
            // (a PK experiment's model has no MADRS parameters).
            Modeling.Expressions.Param? param = null;
            var applies = new List<FitExperiment>();
            foreach (var e in experiments)
            {
                var p = ScenarioEngine.ModelOf(e.Scenario).Parameters.FirstOrDefault(x => x.Name == name);
                if (p is null) continue;
                if (p.IsDerived) throw m.Error("name", $"'{name}' is derived from other parameters and cannot be estimated", "a base parameter ('ketasim params SCENARIO' lists them)");
                param ??= p;
                applies.Add(e);
            }
            if (param is null)
            {
                var baseNames = experiments.SelectMany(e => ScenarioEngine.ModelOf(e.Scenario).Parameters).Where(x => !x.IsDerived).Select(x => x.Name)
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                throw m.Error("name", $"unknown parameter '{name}': not a parameter of any experiment's model{NearestName.Hint(name, baseNames)}",
                    "a base parameter of an experiment's model ('ketasim params SCENARIO' lists them)");
            }
            var admissible = AdmissibleRange.For(param!);
            double low, high;
            if (m.Get("bounds") is { } boundsNode)
            {
                string boundsAllowed = $"[LOW, HIGH] with LOW < HIGH, both within {admissible.Describe(param!)}";
                var b = root.Input.Sequence(boundsNode, m.Child("bounds"), boundsAllowed);
                if (b.Children.Count != 2) throw m.Error("bounds", "expected two numbers", boundsAllowed);
                low = root.Input.Number(b.Children[0], m.Child("bounds"), boundsAllowed);
                high = root.Input.Number(b.Children[1], m.Child("bounds"), boundsAllowed);
                if (!(low < high)) throw m.Error("bounds", $"bounds reversed or empty ({F(low)} is not below {F(high)})", boundsAllowed);
                if (!admissible.Contains(low) || !admissible.Contains(high)) throw m.Error("bounds", "a bound is outside the admissible range", boundsAllowed);
            }
            else if (param!.Range is { } plausible) (low, high) = (plausible.Low, plausible.High);
            else throw m.Error("name", $"'{name}' has no documented plausible range to default its bounds to", "bounds: [LOW, HIGH]");

            bool? local = m.Bool("local"), shared = m.Bool("shared");
            if (local is not null && shared is not null && local == shared)
                throw m.Error("shared", "shared and local contradict each other", "one of shared: true (one value for every experiment) or local: true (one per experiment)");
            bool isLocal = local ?? !(shared ?? true);

            foreach (var e in isLocal ? applies : applies.Take(1))
            {
                double initial;
                if (m.Number("initial", "a number within the bounds") is { } given)
                {
                    if (!(given >= low && given <= high)) throw m.Error("initial", $"{F(given)} is outside the bounds [{F(low)}, {F(high)}]", "a number within the bounds");
                    initial = given;
                }
                else
                {
                    // The scenario's own override, else the model's value; moved inside the bounds if outside.
                    initial = e.Scenario.ParameterOverrides.TryGetValue(name, out var v) ? v : param!.Value;
                    initial = Math.Clamp(initial, low, high);
                }
                var label = isLocal ? $"{name}[{e.Id}]" : name;
                result.Add(new FitParameter(label, name, param!.Unit, low, high, initial) { Experiment = isLocal ? e.Id : null });
            }
        }
        return result;
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
