using System.Globalization;
using System.Text;
using KetaSim.Modeling;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Scenarios;

/// <summary>One parameter as a reader of the model sees it.</summary>
/// <param name="Range">Plausible range in <paramref name="Unit"/> with its basis (stated, or the default rule for the provenance kind).</param>
public sealed record CatalogEntry(string Model, string Name, double Value, string Unit, ProvenanceKind Kind, string Provenance, string Description, PlausibleRange Range);

/// <summary>
/// Every base parameter of a composed model, with value, unit and provenance: what `ketasim params`
/// prints and what docs/model/parameters.md is generated from, so the list of assumptions cannot drift
/// from the code.
/// </summary>
public static class ParameterCatalog
{
    public static IReadOnlyList<CatalogEntry> For(Model model) =>
        model.Parameters.Select(p => new CatalogEntry(model.Name, p.Name, p.Value, p.Unit, p.Provenance.Kind, p.Provenance.Text, p.Description,
            p.Range ?? PlausibleRange.ForProvenance(p.Value, p.Provenance.Kind))).ToArray();

    /// <summary>The catalogue of the model a scenario runs (PK and, when set, the mechanism).</summary>
    public static IReadOnlyList<CatalogEntry> For(Scenario scenario, ScenarioRunner? runner = null)
    {
        runner ??= ScenarioRunner.Shared;
        var compiled = runner.CompiledModelFor(ScenarioRunner.ModulesFor(scenario), ScenarioRunner.MechanismFor(scenario));
        return For(compiled.Model);
    }

    /// <summary>Entries of several models merged by parameter name (shared covariates and mechanism parameters appear once).</summary>
    public static IReadOnlyList<CatalogEntry> Merge(IEnumerable<IReadOnlyList<CatalogEntry>> catalogues)
    {
        var seen = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var entry in catalogues.SelectMany(c => c))
            seen.TryAdd(entry.Name, entry);
        return seen.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A Markdown table: name, value, unit, plausible range (with its basis), provenance, description; assumptions are marked.</summary>
    public static string Markdown(IReadOnlyList<CatalogEntry> entries)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| parameter | value | unit | plausible range | provenance | description |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in entries)
        {
            string source = e.Kind switch
            {
                ProvenanceKind.Assumption => "**assumption:** " + e.Provenance,
                ProvenanceKind.Calibrated => "**calibrated:** " + e.Provenance,
                ProvenanceKind.Derived => "derived: " + e.Provenance,
                _ => e.Provenance,
            };
            string range = e.Range.IsDefaultRule ? $"{e.Range.Bounds} (default rule)" : $"{e.Range.Bounds}: {e.Range.Basis}";
            sb.AppendLine($"| `{e.Name}` | {e.Value.ToString("G6", CultureInfo.InvariantCulture)} | {Cell(e.Unit)} | {Cell(range)} | {Cell(source)} | {Cell(e.Description)} |");
        }
        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
