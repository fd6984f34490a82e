using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Docs;

/// <summary>
/// docs/model/parameters.md is generated from the models themselves, so the documented values, units
/// and assumptions cannot drift from the code. Regenerate with KETASIM_UPDATE_DOCS=1.
/// </summary>
public class ParameterDocsTests
{
    private static string DocsPath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../docs/model/parameters.md"));

    /// <summary>One scenario per PK model (human and mouse), each with the full mechanism on top.</summary>
    internal static IReadOnlyList<Scenario> ReferenceScenarios()
    {
        Scenario With(string compound, Route route, DoseAmount amount, Subject subject, double? duration = null) => new()
        {
            Name = $"catalogue-{compound}-{subject.Species}",
            Subject = subject,
            Doses = [new DoseRecord { Compound = compound, Route = route, Amount = amount, DurationHours = duration }],
            DurationHours = 1,
            Mechanism = new MechanismSettings(),
        };
        var list = new List<Scenario>
        {
            With("ketamine", Route.IvInfusion, DoseAmount.MgPerKg(0.5), Subject.TypicalAdult, 40.0 / 60),
            With("ketamine", Route.Intramuscular, DoseAmount.MgPerKg(0.5), Subject.TypicalAdult),
            With("esketamine", Route.Intranasal, DoseAmount.Mg(56), Subject.TypicalAdult),
            With("escitalopram", Route.Oral, DoseAmount.Mg(10), Subject.TypicalAdult),
            With("citalopram", Route.Oral, DoseAmount.Mg(20), Subject.TypicalAdult),
            With("ketamine", Route.Intraperitoneal, DoseAmount.MgPerKg(10), Subject.TypicalMouse),
        };
        // Every library compound with generic PK, each in a model of its own, in both species where it has a PK block.
        foreach (string compound in KetaSim.Biology.Compounds.CompoundLibrary.BuiltIn.Compounds.Keys.Order(StringComparer.Ordinal))
            foreach (var subject in new[] { Subject.TypicalAdult, Subject.TypicalMouse })
            {
                IPkModule module;
                try { module = PkLibrary.Get(compound, subject.Species); }
                catch (ArgumentException) { continue; }
                if (module is not GenericPkModule) continue;
                var route = module.Routing.SupportedRoutes.First();
                list.Add(With(compound, route, DoseAmount.Mg(subject.Species == Species.Mouse ? 0.1 : 1), subject,
                    route == Route.IvInfusion ? 0.5 : null));
            }
        return list;
    }

    private static string Generate()
    {
        var entries = ParameterCatalog.Merge(ReferenceScenarios().Select(s => ParameterCatalog.For(s)));
        int assumptions = entries.Count(e => e.Kind == KetaSim.Modeling.ProvenanceKind.Assumption);
        int calibrated = entries.Count(e => e.Kind == KetaSim.Modeling.ProvenanceKind.Calibrated);
        return "# Parameters\n\n" +
            "Generated from the models by `tests/KetaSim.Biology.Tests/Docs/ParameterDocsTests.cs` " +
            "(regenerate with `KETASIM_UPDATE_DOCS=1 bash scripts/test.sh`); do not edit by hand.\n\n" +
            $"{entries.Count} base parameters of the human and mouse models with the full mechanism: " +
            $"{entries.Count - assumptions - calibrated} from publications, {calibrated} calibrated against named targets, " +
            $"{assumptions} assumptions (each with its reason). Covariates and patient-state parameters are placeholders the scenario sets.\n\n" +
            $"Plausible range (in the parameter's unit): {entries.Count(e => !e.Range.IsDefaultRule)} stated with their basis (between-subject variability " +
            "5th-95th percentiles, fractions in [0, 1], physical bounds); the others follow the default rule for their provenance kind " +
            "(cited × 0.67-1.5, calibrated × 0.5-2, assumption × 0.25-4; a value of 0 has no scale, so its range is 0 to 0). " +
            "An override outside the range is a validity-domain warning, never an error ([validity.md](../validity.md)).\n\n" +
            ParameterCatalog.Markdown(entries);
    }

    [Fact]
    public void GeneratedParameterDocsAreCurrent()
    {
        string generated = Generate();
        string path = DocsPath();
        if (Environment.GetEnvironmentVariable("KETASIM_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with KETASIM_UPDATE_DOCS=1 to generate it.");
        Assert.True(File.ReadAllText(path) == generated,
            "docs/model/parameters.md is out of date with the models; regenerate it with KETASIM_UPDATE_DOCS=1.");
    }

    [Fact]
    public void EveryParameterHasAUnitAndADescription()
    {
        foreach (var s in ReferenceScenarios())
            foreach (var e in ParameterCatalog.For(s))
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Unit), $"{e.Name} in {e.Model} has no unit (use \"1\" for dimensionless).");
                Assert.False(string.IsNullOrWhiteSpace(e.Description), $"{e.Name} in {e.Model} has no description.");
            }
    }
}
