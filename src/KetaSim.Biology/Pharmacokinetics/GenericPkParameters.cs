using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling;

namespace KetaSim.Biology.Pharmacokinetics;

/// <summary>A number with where it comes from.</summary>
public sealed record SourcedValue(double Value, Provenance Provenance);

/// <summary>
/// One extravascular route of a generic PK block: first-order absorption (ka) of the fraction F that
/// reaches the circulation, after a lag. IV routes carry no parameters (the dose enters the central compartment).
/// </summary>
/// <param name="Name">The route's name in the data ("oral", "intraperitoneal", ...).</param>
public sealed record GenericRoute(string Name, IReadOnlyList<Route> Routes, SourcedValue? Ka, SourcedValue? Bioavailability, SourcedValue? Lag)
{
    public bool IsIntravenous => Ka is null;
}

/// <summary>
/// A generic one- or two-compartment PK model of one compound in one species, from the compound
/// library. Clearances scale with (WT / reference)^0.75, volumes with WT / reference. Unbound brain
/// concentration = fu × Kp,uu × plasma (instant equilibrium: no effect compartment).
/// </summary>
public sealed record GenericPkParameters(
    string Compound, Species Species, double ReferenceWeightKg, double MolarMassGPerMol,
    SourcedValue Clearance, SourcedValue CentralVolume,
    SourcedValue? PeripheralVolume, SourcedValue? InterCompartmentalClearance,
    SourcedValue UnboundFraction, SourcedValue KpUuBrain,
    IReadOnlyList<GenericRoute> Routes, string Description)
{
    public bool IsTwoCompartment => PeripheralVolume is not null;

    /// <summary>Route names the data may use, and the dosing routes each covers.</summary>
    public static IReadOnlyDictionary<string, Route[]> RouteNames { get; } = new Dictionary<string, Route[]>(StringComparer.Ordinal)
    {
        ["iv"] = [Route.IvBolus, Route.IvInfusion],
        ["oral"] = [Route.Oral],
        ["intramuscular"] = [Route.Intramuscular],
        ["subcutaneous"] = [Route.Subcutaneous],
        ["intraperitoneal"] = [Route.Intraperitoneal],
        ["intranasal"] = [Route.Intranasal],
    };

    /// <summary>Short hash of every value, so a changed block never reuses a model compiled from the old one.</summary>
    public string Fingerprint
    {
        get
        {
            var sb = new StringBuilder();
            void Add(object? o) => sb.Append(Convert.ToString(o, CultureInfo.InvariantCulture)).Append('|');
            Add(Compound); Add(Species); Add(ReferenceWeightKg); Add(MolarMassGPerMol);
            foreach (var v in new[] { Clearance, CentralVolume, PeripheralVolume, InterCompartmentalClearance, UnboundFraction, KpUuBrain }) Add(v?.Value);
            foreach (var r in Routes) { Add(r.Name); Add(r.Ka?.Value); Add(r.Bioavailability?.Value); Add(r.Lag?.Value); }
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..10].ToLowerInvariant();
        }
    }
}
