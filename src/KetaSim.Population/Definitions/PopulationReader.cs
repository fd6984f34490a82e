using System.Globalization;
using KetaSim.Biology.Compounds;
using KetaSim.Biology.Scenarios;
using KetaSim.Numerics.RandomStreams;
using KetaSim.Population.Sampling;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KetaSim.Population.Definitions;

/// <summary>
/// Reads a population definition from YAML (format: docs/population.md). Every error is a
/// <see cref="ModelDataException"/> naming file, line, field, value and what is allowed.
/// </summary>
public static class PopulationReader
{
    private static readonly string[] TopKeys = ["name", "description", "species", "covariates", "treatment_resistant_fraction", "variability", "correlations", "inclusion"];
    private static readonly string[] CovariateKeys = ["weight_kg", "age_years", "female_fraction", "east_asian_fraction"];
    private static readonly string[] EffectKeys = ["name", "parameters", "patient", "scale", "cv", "sd", "typical", "center", "min", "max", "source"];
    private static readonly string[] InclusionKeys = ["madrs_min", "madrs_max", "max_draws"];

    private static readonly Dictionary<string, PatientField> PatientFields = new(StringComparer.Ordinal)
    {
        ["stress_severity"] = PatientField.StressSeverity,
        ["baseline_madrs"] = PatientField.BaselineMadrs,
        ["responsiveness"] = PatientField.Responsiveness,
        ["placebo_responsiveness"] = PatientField.PlaceboResponsiveness,
        ["serotonergic_responsiveness"] = PatientField.SerotonergicResponsiveness,
        ["baseline_suicidal_thoughts"] = PatientField.BaselineSuicidalThoughts,
    };

    public static PopulationDefinition ReadFile(string path) => Read(Biology.Inputs.InputFiles.ReadText(path, path, "a population YAML file"), Path.GetFileName(path));

    public static PopulationDefinition Read(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        Biology.Inputs.InputFiles.CheckYamlDepth(yaml, file);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml), skipComments: true);
        try { stream.Load(new Parser(scanner)); }
        catch (YamlException ex)
        {
            var problem = (ex.InnerException as YamlException ?? ex).Message;
            int cut = problem.LastIndexOf("): ", StringComparison.Ordinal);
            if (problem.StartsWith('(') && cut > 0) problem = problem[(cut + 3)..];
            throw new ModelDataException(file, (int)Math.Max(1, Math.Min(int.MaxValue, ex.Start.Line)), "", null,
                $"malformed YAML: {problem.TrimEnd('.')}; allowed: YAML block or flow syntax (docs/population.md)", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ModelDataException(file, (int)Math.Max(1, Math.Min(int.MaxValue, scanner.CurrentPosition.Line)), "", null,
                "malformed YAML: the structure cannot be read here (an unclosed '[' or '{', or bad indentation?); allowed: YAML block or flow syntax (docs/population.md)", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ModelDataException(file, 1, "", null, "a population file is a YAML mapping with at least 'name'");
        var r = new Ctx(file);
        r.CheckKeys(root, "", TopKeys);
        string name = r.RequiredString(root, "", "name");
        var species = Species.Human;
        if (r.Child(root, "species") is { } sp)
        {
            string s = r.Scalar(sp, "species");
            species = s switch
            {
                "human" => Species.Human,
                "mouse" => Species.Mouse,
                _ => throw r.Error(sp, "species", s, "allowed: human, mouse"),
            };
        }
        var pop = new PopulationDefinition { Name = name, Species = species, SourceFile = file, Lines = r.Lines };
        if (r.Child(root, "description") is { } desc) pop = pop with { Description = r.Scalar(desc, "description") };
        if (r.Child(root, "treatment_resistant_fraction") is { } trd)
            pop = pop with { TreatmentResistantFraction = r.Number(trd, "treatment_resistant_fraction", 0, 1) };

        if (r.Child(root, "covariates") is { } cov)
        {
            var m = r.Mapping(cov, "covariates");
            r.CheckKeys(m, "covariates", CovariateKeys);
            if (r.Child(m, "weight_kg") is { } w) pop = pop with { WeightKg = r.Distribution(w, "covariates.weight_kg", logNormal: true, CovariateLimits.WeightKg(species)) };
            if (r.Child(m, "age_years") is { } a) pop = pop with { AgeYears = r.Distribution(a, "covariates.age_years", logNormal: false, CovariateLimits.AgeYears(species)) };
            if (r.Child(m, "female_fraction") is { } f) pop = pop with { FemaleFraction = r.Number(f, "covariates.female_fraction", 0, 1) };
            if (r.Child(m, "east_asian_fraction") is { } e) pop = pop with { EastAsianFraction = r.Number(e, "covariates.east_asian_fraction", 0, 1) };
        }

        var effects = new List<RandomEffect>();
        if (r.Child(root, "variability") is { } varNode)
        {
            if (varNode is not YamlSequenceNode seq) throw r.Error(varNode, "variability", null, "must be a list of random effects");
            var seenParams = new Dictionary<string, string>(StringComparer.Ordinal);
            var seenPatient = new HashSet<PatientField>();
            for (int i = 0; i < seq.Children.Count; i++)
            {
                var e = r.Effect(seq.Children[i], $"variability[{i}]");
                if (effects.Any(x => x.Name == e.Name)) throw r.Error(seq.Children[i], $"variability[{i}].name", e.Name, "effect names must be unique");
                foreach (var p in e.Parameters)
                    if (!seenParams.TryAdd(p, e.Name))
                        throw r.Error(seq.Children[i], $"variability[{i}].parameters", p, $"already varied by effect '{seenParams[p]}'; one effect per parameter (list several parameters in one effect to share an η)");
                if (e.Patient is { } pf && !seenPatient.Add(pf))
                    throw r.Error(seq.Children[i], $"variability[{i}].patient", pf.ToString(), "already varied by another effect");
                effects.Add(e);
            }
        }
        pop = pop with { Effects = effects };

        var correlations = new List<EffectCorrelation>();
        if (r.Child(root, "correlations") is { } corrNode)
        {
            if (corrNode is not YamlSequenceNode seq) throw r.Error(corrNode, "correlations", null, "must be a list of {between: [effect, effect], r: value}");
            for (int i = 0; i < seq.Children.Count; i++)
            {
                string path = $"correlations[{i}]";
                var m = r.Mapping(seq.Children[i], path);
                r.CheckKeys(m, path, ["between", "r"]);
                var between = r.Child(m, "between") as YamlSequenceNode ?? throw r.Missing(m, path + ".between", "required: a list of two effect names");
                if (between.Children.Count != 2) throw r.Error(between, path + ".between", null, "must name exactly two effects");
                string a = r.Scalar(between.Children[0], path + ".between[0]"), b = r.Scalar(between.Children[1], path + ".between[1]");
                foreach (var (nm, node, f) in new[] { (a, between.Children[0], path + ".between[0]"), (b, between.Children[1], path + ".between[1]") })
                    if (!effects.Any(x => x.Name == nm))
                        throw r.Error(node, f, nm, $"not an effect of this population; effects: {string.Join(", ", effects.Select(x => x.Name))}");
                if (a == b) throw r.Error(between, path + ".between", a, "an effect's correlation with itself is 1 by definition; name two different effects");
                if (correlations.Any(c => (c.First == a && c.Second == b) || (c.First == b && c.Second == a)))
                    throw r.Error(between, path + ".between", $"{a}, {b}", "this pair is already correlated above");
                var rNode = r.Child(m, "r") ?? throw r.Missing(m, path + ".r", "required: the correlation, in (-1, 1)");
                double rv = r.Number(rNode, path + ".r", -1, 1);
                if (Math.Abs(rv) >= 1) throw r.Error(rNode, path + ".r", r.Scalar(rNode, path + ".r"), "must be strictly between -1 and 1");
                correlations.Add(new EffectCorrelation(a, b, rv));
            }
            // The correlation matrix must be positive definite (so the covariance has a Cholesky factor).
            int n = effects.Count;
            var corr = new double[n, n];
            for (int k = 0; k < n; k++) corr[k, k] = 1;
            foreach (var c in correlations)
            {
                int ia = effects.FindIndex(x => x.Name == c.First), ib = effects.FindIndex(x => x.Name == c.Second);
                corr[ia, ib] = corr[ib, ia] = c.R;
            }
            try { CorrelatedNormal.Cholesky(corr); }
            catch (ArgumentException)
            {
                throw r.Error(corrNode, "correlations", null, "these correlations are inconsistent (the correlation matrix is not positive definite); lower some |r|");
            }
        }
        pop = pop with { Correlations = correlations };

        if (r.Child(root, "inclusion") is { } inc)
        {
            var m = r.Mapping(inc, "inclusion");
            r.CheckKeys(m, "inclusion", InclusionKeys);
            if (r.Child(m, "madrs_min") is { } lo) pop = pop with { MadrsMin = r.Number(lo, "inclusion.madrs_min", 0, 1000) };
            if (r.Child(m, "madrs_max") is { } hi) pop = pop with { MadrsMax = r.Number(hi, "inclusion.madrs_max", 0, 1000) };
            if (pop.MadrsMin > pop.MadrsMax)
                throw r.Error(m, "inclusion.madrs_max", pop.MadrsMax?.ToString(CultureInfo.InvariantCulture), $"must be ≥ inclusion.madrs_min ({pop.MadrsMin})");
            if (r.Child(m, "max_draws") is { } md) pop = pop with { MaxDraws = (int)r.Integer(md, "inclusion.max_draws", 1, 10_000_000) };
            if ((pop.MadrsMin is not null || pop.MadrsMax is not null) && pop.Species == Species.Mouse)
                throw r.Error(m, "inclusion", null, "MADRS inclusion rules apply to human populations only");
        }
        return pop with { Lines = r.Lines };
    }

    /// <summary>Parsing context: the file name and the line of each field path seen.</summary>
    private sealed class Ctx(string file)
    {
        public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

        /// <summary>A bad value; with no value given, the node as written (compactly) stands for it.</summary>
        public ModelDataException Error(YamlNode node, string field, string? value, string problem) =>
            new(file, (int)node.Start.Line, field, value ?? Describe(node), problem);

        /// <summary>A required field that is absent (reported at its parent's line).</summary>
        public ModelDataException Missing(YamlNode parent, string field, string problem) =>
            new(file, (int)parent.Start.Line, field, null, problem);

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode s => s.Value ?? "",
            YamlSequenceNode q => "[" + string.Join(", ", q.Children.Select(Describe)) + "]",
            YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(kv => Describe(kv.Key) + ": " + Describe(kv.Value))) + "}",
            _ => "",
        };

        public YamlNode? Child(YamlMappingNode m, string key)
        {
            foreach (var (k, v) in m.Children)
                if (k is YamlScalarNode s && s.Value == key) return v;
            return null;
        }

        public YamlMappingNode Mapping(YamlNode node, string field) =>
            node as YamlMappingNode ?? throw Error(node, field, null, "must be a mapping (key: value lines)");

        public void CheckKeys(YamlMappingNode m, string path, string[] allowed)
        {
            foreach (var (k, v) in m.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? "";
                string field = path.Length == 0 ? key : $"{path}.{key}";
                if (!allowed.Contains(key)) throw Error(k, field, key, $"unknown field; allowed: {string.Join(", ", allowed)}");
                Lines[field] = (int)k.Start.Line;
            }
        }

        public string Scalar(YamlNode node, string field) =>
            node is YamlScalarNode { Value: { } s } ? s : throw Error(node, field, null, "must be a single value");

        public string RequiredString(YamlMappingNode m, string path, string key)
        {
            string field = path.Length == 0 ? key : $"{path}.{key}";
            var node = Child(m, key) ?? throw Missing(m, field, "required");
            string s = Scalar(node, field);
            if (string.IsNullOrWhiteSpace(s)) throw Error(node, field, s, "must not be empty");
            return s;
        }

        public double Number(YamlNode node, string field, double min, double max)
        {
            string s = Scalar(node, field);
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw Error(node, field, s, $"must be a number in [{min}, {max}]");
            if (v < min || v > max) throw Error(node, field, s, $"must be in [{min}, {max}]");
            return v;
        }

        public long Integer(YamlNode node, string field, long min, long max)
        {
            string s = Scalar(node, field);
            if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
                throw Error(node, field, s, $"must be a whole number in [{min}, {max}]");
            return v;
        }

        /// <summary>{median, cv, min, max} (log-normal) or {mean, sd, min, max} (normal); a bare number fixes the value.</summary>
        public CovariateDistribution Distribution(YamlNode node, string field, bool logNormal, (double Min, double Max, string Text) limits)
        {
            void InLimits(YamlNode n, string f, double v)
            {
                if (v < limits.Min || v > limits.Max) throw Error(n, f, Scalar(n, f), $"outside the plausible covariate range; allowed: {limits.Text}");
            }
            if (node is YamlScalarNode)
            {
                double x = Number(node, field, 0, 1e6);
                if (logNormal && x <= 0) throw Error(node, field, Scalar(node, field), "must be > 0");
                InLimits(node, field, x);
                return new CovariateDistribution(x, 0, logNormal, x, x);
            }
            var m = Mapping(node, field);
            string center = logNormal ? "median" : "mean", spread = logNormal ? "cv" : "sd";
            CheckKeys(m, field, [center, spread, "min", "max"]);
            var cNode = Child(m, center) ?? throw Missing(m, $"{field}.{center}", "required");
            double c = Number(cNode, $"{field}.{center}", 0, 1e6);
            if (logNormal && c <= 0) throw Error(cNode, $"{field}.{center}", Scalar(cNode, field), "must be > 0");
            double sp = Child(m, spread) is { } s ? Number(s, $"{field}.{spread}", 0, logNormal ? 10 : 1e6) : 0;
            InLimits(cNode, $"{field}.{center}", c);
            double lo = Child(m, "min") is { } l ? Number(l, $"{field}.min", 0, 1e6) : limits.Min;
            double hi = Child(m, "max") is { } h ? Number(h, $"{field}.max", 0, 1e6) : limits.Max;
            if (Child(m, "min") is { } ln) InLimits(ln, $"{field}.min", lo);
            if (Child(m, "max") is { } hn) InLimits(hn, $"{field}.max", hi);
            if (!(lo <= c && c <= hi)) throw Error(m, field, null, $"need min ≤ {center} ≤ max, got {lo} ≤ {c} ≤ {hi}");
            return new CovariateDistribution(c, sp, logNormal, lo, hi);
        }

        public RandomEffect Effect(YamlNode node, string path)
        {
            var m = Mapping(node, path);
            CheckKeys(m, path, EffectKeys);
            string name = RequiredString(m, path, "name");
            var scale = EffectScale.LogNormal;
            if (Child(m, "scale") is { } sc)
            {
                string s = Scalar(sc, path + ".scale");
                scale = s switch
                {
                    "lognormal" => EffectScale.LogNormal,
                    "logit" => EffectScale.Logit,
                    "normal" => EffectScale.Normal,
                    _ => throw Error(sc, path + ".scale", s, "allowed: lognormal (default), logit, normal"),
                };
            }
            var pNode = Child(m, "parameters");
            var patNode = Child(m, "patient");
            if ((pNode is null) == (patNode is null))
                throw Error(m, path, null, "give exactly one of 'parameters' (model parameter names) or 'patient' (" + string.Join(", ", PatientFields.Keys) + ")");
            IReadOnlyList<string> parameters = [];
            PatientField? patient = null;
            if (pNode is not null)
            {
                if (pNode is not YamlSequenceNode ps || ps.Children.Count == 0) throw Error(pNode, path + ".parameters", null, "must be a non-empty list of model parameter names");
                parameters = ps.Children.Select((c, j) => Scalar(c, $"{path}.parameters[{j}]")).ToArray();
            }
            else
            {
                string f = Scalar(patNode!, path + ".patient");
                if (!PatientFields.TryGetValue(f, out var pf)) throw Error(patNode!, path + ".patient", f, "allowed: " + string.Join(", ", PatientFields.Keys));
                patient = pf;
            }
            var cvNode = Child(m, "cv");
            var sdNode = Child(m, "sd");
            if ((cvNode is null) == (sdNode is null)) throw Error(m, path, null, "give exactly one of 'cv' (log-normal CV, e.g. 0.38) or 'sd' (SD of η on the effect's scale)");
            if (cvNode is not null && scale != EffectScale.LogNormal) throw Error(cvNode, path + ".cv", Scalar(cvNode, path + ".cv"), "a CV applies to scale lognormal only; give 'sd' for logit or normal");
            double omega = cvNode is not null ? EffectMath.OmegaFromCv(Number(cvNode, path + ".cv", 0, 10)) : Number(sdNode!, path + ".sd", 0, 100);
            double? typical = null;
            if (Child(m, "typical") is { } tn)
            {
                if (patient is null) throw Error(tn, path + ".typical", Scalar(tn, path + ".typical"), "'typical' applies to patient effects; a parameter's typical value is the scenario's (set it there)");
                double t = Number(tn, path + ".typical", scale == EffectScale.Normal ? -1e6 : 0, 1e6);
                if (scale == EffectScale.Logit && !(t > 0 && t < 1)) throw Error(tn, path + ".typical", Scalar(tn, path + ".typical"), "a logit effect's typical value must be strictly between 0 and 1");
                if (scale == EffectScale.LogNormal && t <= 0) throw Error(tn, path + ".typical", Scalar(tn, path + ".typical"), "a log-normal effect's typical value must be > 0");
                typical = t;
            }
            else if (patient is PatientField.StressSeverity && scale == EffectScale.Logit)
                throw Missing(m, path + ".typical", "required for a logit effect on stress_severity (the default typical 1 has no logit); e.g. 0.9");
            double? min = Child(m, "min") is { } mn ? Number(mn, path + ".min", -1e6, 1e6) : null;
            double? max = Child(m, "max") is { } mx ? Number(mx, path + ".max", -1e6, 1e6) : null;
            if (min > max) throw Error(m, path + ".max", max?.ToString(CultureInfo.InvariantCulture), $"must be ≥ min ({min})");
            if ((min is not null || max is not null) && patient is null) throw Error(m, path, null, "'min'/'max' apply to patient effects only");
            string source = Child(m, "source") is { } src ? Scalar(src, path + ".source") : "";
            if (source.Length == 0) throw Missing(m, path + ".source", "required: a citation, or 'assumption: why'");
            bool meanCentred = false;
            if (Child(m, "center") is { } cn)
            {
                string c = Scalar(cn, path + ".center");
                meanCentred = c switch
                {
                    "median" => false,
                    "mean" => true,
                    _ => throw Error(cn, path + ".center", c, "allowed: median (default: the typical value is the median), mean (the typical value is the population mean)"),
                };
                if (meanCentred && scale != EffectScale.LogNormal)
                    throw Error(cn, path + ".center", c, "'center: mean' applies to lognormal effects only (a normal effect's typical value is already its mean; a logit effect's mean has no closed form)");
            }
            return new RandomEffect(name, parameters, patient, scale, omega, typical, min, max, source) { MeanCentred = meanCentred };
        }
    }
}
