using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Symptoms;

namespace KetaSim.IO.Output;

/// <summary>
/// chain.png: the causal chain of one mechanism run as stacked panels on one time axis — plasma
/// concentration, receptor occupancy, circuit rates, serotonin (SSRI runs), plasticity, symptoms, safety.
/// A panel appears only when the model has its observables, so a PK+targets model gives two panels and
/// the full chain gives all of them.
/// </summary>
public static class ChainFigure
{
    public const string FileName = "chain.png";

    /// <summary>Readable legend text for the shared mechanism names; anything else shows its own name.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [MechanismNames.SstRateRel] = "SST interneuron rate",
        [MechanismNames.PyrRateRel] = "pyramidal (Pyr) rate",
        [MechanismNames.PyrReactivation] = "Pyr reactivation",
        [MechanismNames.SerotoninRel] = "extracellular 5-HT",
        [MechanismNames.RapheFiringRel] = "raphe firing",
        [MechanismNames.SerotonergicPlasticityDrive] = "5-HT plasticity drive",
        [MechanismNames.BdnfRel] = "BDNF",
        [MechanismNames.TrkBSignal] = "TrkB signal",
        [MechanismNames.Mtorc1Activity] = "mTORC1 activity",
        [MechanismNames.SynapticProteinRel] = "synaptic protein",
        [MechanismNames.SpineDensityRel] = "spine density",
        [MechanismNames.Madrs] = "MADRS",
        [MechanismNames.MadrsFast] = "fast component",
        [MechanismNames.MadrsSlow] = "slow component",
        [MechanismNames.MadrsPlacebo] = "placebo component",
        [MechanismNames.Hamd17] = "HAM-D17",
        [MechanismNames.SystolicMmHg] = "systolic BP",
        [MechanismNames.DiastolicMmHg] = "diastolic BP",
        [MechanismNames.HeartRateBpm] = "heart rate",
        [MechanismNames.Cadss] = "CADSS dissociation",
        [SymptomNames.StressBehaviourIndex] = "stress behaviour index",
    };

    /// <summary>Symptom observables for species without a MADRS (the mouse's behavioural score first), matched by name.</summary>
    private static readonly string[] BehaviourHints = [SymptomNames.StressBehaviourIndex, "immobility", "forced_swim", "sucrose", "behaviour", "behavior"];

    public static string Label(string name)
    {
        if (Labels.TryGetValue(name, out var l)) return l;
        if (name.StartsWith("occupancy_", StringComparison.Ordinal)) return $"{name["occupancy_".Length..]} occupancy";
        if (name.StartsWith("activation_", StringComparison.Ordinal) && name.Split('_') is [_, var t, var c]) return $"{t} activation on {c}";
        return name;
    }

    /// <summary>
    /// The panels for one run. <paramref name="all"/> holds every observable of the model by name;
    /// <paramref name="plasma"/> names the concentration curves for the first panel (the dosed compounds'
    /// plasma observables).
    /// </summary>
    public static IReadOnlyList<FigurePanel> Panels(IReadOnlyDictionary<string, ObservableSeries> all, IEnumerable<string> plasma)
    {
        var panels = new List<FigurePanel>();
        PanelCurve Curve(ObservableSeries s) => new(Label(s.Name), s.Values);
        IReadOnlyList<PanelCurve> Pick(IEnumerable<string> names) =>
            names.Where(all.ContainsKey).Distinct().Select(n => Curve(all[n])).ToArray();
        void Add(string title, string yLabel, IReadOnlyList<PanelCurve> curves)
        {
            if (curves.Count > 0) panels.Add(new FigurePanel(title, yLabel, curves));
        }

        var plasmaCurves = plasma.Where(all.ContainsKey).Select(n => all[n]).ToArray();
        if (plasmaCurves.Length > 0)
        {
            var unit = plasmaCurves[0].Unit;
            Add("plasma concentration", $"plasma ({unit})", plasmaCurves.Where(s => s.Unit == unit).Select(s => new PanelCurve(PlasmaLabel(s.Name), s.Values)).ToArray());
        }

        // Targets: occupancy of every target some drug reaches (curves identically 0 are left out), then the
        // activations on SST cells, the node the hypotheses argue about.
        var targets = MechanismNames.Targets.All.Select(MechanismNames.Occupancy)
            .Where(n => all.TryGetValue(n, out var s) && s.Values.Any(v => Math.Abs(v) > MinOccupancy))
            .Concat(MechanismNames.Targets.All.Select(t => MechanismNames.Activation(t, Cells.Sst))
                .Where(n => all.TryGetValue(n, out var s) && Varies(s.Values, MinActivationChange)));
        Add("receptor occupancy and activation", "fraction (0-1)", Pick(targets));

        Add("prefrontal circuit", "rate (untreated healthy = 1)", Pick([MechanismNames.SstRateRel, MechanismNames.PyrRateRel]));

        var serotonin = new[] { MechanismNames.SerotoninRel, MechanismNames.RapheFiringRel }
            .Where(n => all.TryGetValue(n, out var s) && Varies(s.Values, 1e-6));
        Add("serotonin", "relative to untreated (= 1)", Pick(serotonin));

        Add("plasticity", "relative to healthy (= 1)", Pick([MechanismNames.BdnfRel, MechanismNames.Mtorc1Activity, MechanismNames.SpineDensityRel]));

        if (all.ContainsKey(MechanismNames.Madrs))
            Add("depression score", "MADRS (0-60)", Pick([MechanismNames.Madrs]));
        else
        {
            var behaviour = BehaviourHints.Select(h => all.Keys.Where(n => n.Contains(h, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault())
                .FirstOrDefault(n => n is not null);
            if (behaviour is not null)
                Add("behavioural score", behaviour == SymptomNames.StressBehaviourIndex ? "1 stressed, 0 healthy" : "score", Pick([behaviour]));
        }

        var pressure = Pick([MechanismNames.SystolicMmHg]);
        var cadss = Pick([MechanismNames.Cadss]);
        if (pressure.Count > 0)
            panels.Add(new FigurePanel("safety", "blood pressure (mmHg)", pressure)
            {
                RightYLabel = "CADSS (0-92)", RightCurves = cadss.Select(c => c with { Label = "CADSS (right axis)" }).ToArray(),
            });
        else if (cadss.Count > 0)
            panels.Add(new FigurePanel("safety", "CADSS (0-92)", cadss.Select(c => c with { Label = "CADSS" }).ToArray()));
        return panels;
    }

    /// <summary>"ketamine_plasma_ng_per_ml" reads "ketamine".</summary>
    private static string PlasmaLabel(string name)
    {
        int cut = name.IndexOf("_plasma", StringComparison.Ordinal);
        return cut > 0 ? name[..cut].Replace('_', ' ') : name;
    }

    /// <summary>Occupancy below 1 % all run long is left off the targets panel (a drug barely reaching a target).</summary>
    public const double MinOccupancy = 0.01;

    /// <summary>An SST activation that moves less than this is left off (no drug acts on that receptor).</summary>
    public const double MinActivationChange = 0.005;

    private static bool Varies(double[] values, double by)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length > 0 && finite.Max() - finite.Min() > by;
    }
}
