using System.Globalization;
using System.Text;
using KetaSim.Design.Fitting;
using KetaSim.Design.Outputs;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Tests.Fitting;

/// <summary>
/// A fit problem on disk in a temporary folder: scenario files, an observations CSV simulated from known
/// parameter values with seeded noise, and a fit spec.
/// </summary>
internal sealed class FitFixture : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ketasim-fit-" + Guid.NewGuid().ToString("N")[..8]);

    public FitFixture() => System.IO.Directory.CreateDirectory(Directory);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string PkScenario(string name, double mgPerKg, string duration = "12 h") =>
        $"name: {name}\nsubject: {{ species: human, weight: 70 kg }}\nduration: {duration}\noutput: {{ step: 15 min }}\n" +
        $"doses:\n  - {{ drug: ketamine, route: iv-infusion, amount: {F(mgPerKg)} mg/kg, duration: 40 min }}\n";

    public static string MadrsScenario(string name) =>
        $"name: {name}\nduration: 3 d\noutput: {{ step: 1 h }}\ndoses:\n  - {{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }}\n" +
        "mechanism:\n  patient: { stress: 1, baseline_madrs: 32, trd: true }\n";

    /// <summary>Rows experiment,time,observable,value,sd of <paramref name="scenarioFile"/> run with <paramref name="truth"/>, with
    /// normal noise of SD <paramref name="sd"/>(true value) from <paramref name="seed"/>.</summary>
    public static IEnumerable<string> Simulate(string experiment, string scenarioFile, IReadOnlyDictionary<string, double> truth, string observable,
        double[] times, Func<double, double> sd, int seed)
    {
        var doc = ScenarioEngine.Reader.ReadFile(scenarioFile);
        var overrides = new Dictionary<string, double>(doc.Scenario.ParameterOverrides);
        foreach (var (k, v) in truth) overrides[k] = v;
        var run = ScenarioEngine.RunScenario(doc, doc.Scenario with
        {
            ParameterOverrides = overrides,
            OutputTimesHours = times.Append(0).Distinct().Order().ToArray(),
            Observables = [observable],
            Solver = doc.Scenario.Solver with { RelTol = 1e-9 },
        });
        var values = ScenarioEngine.SeriesOf(run, observable).Values;
        var noise = AnalyticModel.Noise(times.Length, seed);
        for (int i = 0; i < times.Length; i++)
        {
            double y = OutputMetric.At(run.Result.TimesHours, values, times[i]);
            double s = sd(y);
            yield return $"{experiment},{F(times[i])},{observable},{F(y + s * noise[i])},{F(s)}";
        }
    }

    public string Csv(IEnumerable<string> rows) => Write("observations.csv", "experiment,time,observable,value,sd\n" + string.Join("\n", rows) + "\n");

    public static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Spec(string experiments, string parameters, string extra = "") =>
        new StringBuilder("name: test-fit\ndata: observations.csv\nexperiments:\n").Append(experiments).Append("parameters:\n").Append(parameters).Append(extra).ToString();

    public FitProblem Read(string spec) => FitSpecReader.ReadFile(Write("fit.yaml", spec));
}
