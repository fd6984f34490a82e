using System.Globalization;
using System.Text;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Symptoms;
using KetaSim.Modeling;

namespace KetaSim.Biology.Calibration;

/// <summary>
/// Normalised local sensitivities S = (∂Y/Y)/(∂p/p) of the MADRS change of the typical TRD patient on the 16-week
/// esketamine programme (56 mg twice weekly 4 weeks, weekly 4 weeks, every other week to week 16, escitalopram 10 mg
/// daily started with it) at day 1, day 28 and week 16, to every calibrated or assumed parameter of that model: central
/// differences at ±5%. |S| > 5 means a 20% change of the parameter moves the outcome by more than its own size; each
/// such parameter needs a reason (<see cref="Explanations"/>) or must go. docs/model/sensitivity.md is generated from this.
/// </summary>
public static class LocalSensitivity
{
    public const double RelativeStep = 0.05;
    public const double Threshold = 5;
    public static readonly double[] OutcomeDays = [1, 28, 112];

    public static Scenario Programme { get; } = new()
    {
        Name = "sensitivity-esketamine-16-week-programme",
        Description = "Typical TRD patient, esketamine 56 mg: twice weekly 4 weeks, weekly 4 weeks, every other week to week 16; escitalopram 10 mg daily",
        Doses =
        [
            .. Dosing.Schedules.DosingSchedule.Parse("twice weekly for 4 weeks, then weekly for 4 weeks, then every 2 weeks for 8 weeks")
                .Select(t => new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56), TimeHours = t }),
            new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 16 * 7 - 1 },
        ],
        DurationHours = 112 * 24,
        OutputTimesHours = [24, 28 * 24, 112 * 24],
        Mechanism = new MechanismSettings { Patient = PatientState.TypicalTrd with { BaselineMadrs = 37, Placebo = PlaceboKind.NewOralAntidepressant } },
    };

    /// <summary>Why a parameter with |S| > <see cref="Threshold"/> is kept.</summary>
    public static IReadOnlyDictionary<string, string> Explanations { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public sealed record Row(string Name, string Unit, double Value, ProvenanceKind Kind, double[] S)
    {
        public double MaxAbs => S.Max(Math.Abs);
    }

    /// <summary>The MADRS change at the outcome days for a parameter set.</summary>
    public static double[] Outcomes(ScenarioRunner runner, IReadOnlyDictionary<string, double> overrides)
    {
        var r = runner.Run(Programme with { ParameterOverrides = overrides });
        var change = r.Observable(SymptomNames.MadrsChange);
        return [.. OutcomeDays.Select(d => change[Array.FindIndex(r.TimesHours, t => Math.Abs(t - d * 24) < 1e-9)])];
    }

    /// <summary>The parameters analysed: calibrated or assumed, non-zero, not a patient or covariate placeholder.</summary>
    public static IReadOnlyList<Modeling.Expressions.Param> Parameters(ScenarioRunner runner)
    {
        var model = runner.CompiledModelFor(ScenarioRunner.ModulesFor(Programme), ScenarioRunner.MechanismFor(Programme)).Model;
        return [.. model.Parameters.Where(p => !p.IsDerived && p.Value != 0
            && p.Provenance.Kind is ProvenanceKind.Calibrated or ProvenanceKind.Assumption
            && !p.Name.StartsWith("patient_", StringComparison.Ordinal) && !p.Name.StartsWith("covariate_", StringComparison.Ordinal))];
    }

    /// <summary>S for one parameter (central difference at ±<see cref="RelativeStep"/>).</summary>
    public static double[] Sensitivity(ScenarioRunner runner, Modeling.Expressions.Param p, double[] baseline)
    {
        var up = Outcomes(runner, new Dictionary<string, double> { [p.Name] = p.Value * (1 + RelativeStep) });
        var down = Outcomes(runner, new Dictionary<string, double> { [p.Name] = p.Value * (1 - RelativeStep) });
        return [.. baseline.Select((y, i) => (up[i] - down[i]) / (2 * RelativeStep) / y)];
    }

    public static IReadOnlyList<Row> Compute(ScenarioRunner runner)
    {
        var baseline = Outcomes(runner, new Dictionary<string, double>());
        var ps = Parameters(runner);
        var rows = new Row[ps.Count];
        Parallel.For(0, ps.Count, i => rows[i] = new Row(ps[i].Name, ps[i].Unit, ps[i].Value, ps[i].Provenance.Kind, Sensitivity(runner, ps[i], baseline)));
        return [.. rows.OrderByDescending(r => r.MaxAbs).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    public static string Markdown(IReadOnlyList<Row> rows, double[] baseline)
    {
        static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("# Sensitivity\n\n");
        sb.Append("Generated from the model by `tests/KetaSim.Biology.Tests/Docs/SensitivityDocsTests.cs` (regenerate with ");
        sb.Append("`KETASIM_UPDATE_DOCS=1 bash scripts/test.sh`); do not edit by hand.\n\n");
        sb.Append("Normalised local sensitivity S = (ΔY/Y)/(Δp/p), central differences at ±5%, of the MADRS change of the typical TRD ");
        sb.Append($"patient (baseline 37) on the 16-week esketamine programme ({Programme.Description}) at day 1, day 28 and week 16 ");
        sb.Append($"(baseline outcomes {F(baseline[0])}, {F(baseline[1])} and {F(baseline[2])} points), for every calibrated or assumed parameter of that model ");
        sb.Append($"({rows.Count}; parameters at 0 have no relative scale and are left out). |S| > {Threshold:G} would mean a 20% change of the parameter ");
        sb.Append("moves the outcome by more than its own size: each such parameter is explained below or removed from the model.\n\n");
        var large = rows.Where(r => r.MaxAbs > Threshold).ToList();
        sb.Append(large.Count == 0
            ? $"No parameter has |S| > {Threshold:G}: the largest is {F(rows[0].MaxAbs)} (`{rows[0].Name}`). A ±20% change of any one parameter moves each outcome by at most about {(0.2 * rows[0].MaxAbs * 100).ToString("0", CultureInfo.InvariantCulture)}% of its size (to first order).\n\n"
            : string.Join("", large.Select(r => $"- `{r.Name}` (max |S| {F(r.MaxAbs)}): {(Explanations.TryGetValue(r.Name, out var why) ? why : "UNEXPLAINED")}\n")) + "\n");
        sb.Append("| parameter | unit | value | provenance | S day 1 | S day 28 | S week 16 |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
            sb.Append($"| `{r.Name}` | {r.Unit} | {r.Value.ToString("G4", CultureInfo.InvariantCulture)} | {r.Kind.ToString().ToLowerInvariant()} | {F(r.S[0])} | {F(r.S[1])} | {F(r.S[2])} |\n");
        return sb.ToString();
    }
}
