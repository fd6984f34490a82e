using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Simulation;
using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Biology.Safety;

/// <summary>How a between-subject random effect η acts on a parameter's typical value θ.</summary>
public enum VariabilityScale
{
    /// <summary>θ·exp(η): positive parameters (clearances, volumes, sensitivities).</summary>
    LogNormal,
    /// <summary>invlogit(logit(θ) + η): fractions (esketamine nasal fraction FRn).</summary>
    Logit,
}

/// <summary>
/// One random effect: η ~ N(0, ω²), drawn once per subject and applied to every listed parameter that
/// the model has (one η for several parameters makes them perfectly correlated, e.g. S- and R-ketamine
/// clearance). Terms are drawn in list order whether or not the model has their parameters, so a subject's
/// η on a sensitivity is the same whichever PK model the scenario uses.
/// </summary>
public sealed record VariabilityTerm(string Name, IReadOnlyList<string> Parameters, double Omega, VariabilityScale Scale, string Source)
{
    /// <summary>ω of a log-normal effect from a published CV: sqrt(ln(1 + CV²)).</summary>
    public static double OmegaFromCv(double cv) => Math.Sqrt(Math.Log(1 + cv * cv));
}

/// <summary>
/// A small, seeded virtual cohort for incidence targets (SAFE-5, SAFE-6, SAFE-7): N subjects (default 200)
/// whose parameters vary by <see cref="Terms"/>. Subject i's random numbers come from a SplitMix64 stream
/// seeded from (seed, i) alone, and results land in slot i, so any thread count (or order) gives
/// identical numbers (the rxode2 lesson, architecture.md).
/// </summary>
public sealed class SmallCohort
{
    public const int DefaultSize = 200;
    public const ulong DefaultSeed = 20_240_607;

    public int Size { get; }
    public ulong Seed { get; }
    public IReadOnlyList<VariabilityTerm> Terms { get; }

    public SmallCohort(int size = DefaultSize, ulong seed = DefaultSeed, IReadOnlyList<VariabilityTerm>? terms = null)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A cohort needs at least one subject.");
        Size = size;
        Seed = seed;
        Terms = terms ?? DefaultTerms;
        foreach (var t in Terms)
            if (!(t.Omega >= 0) || !double.IsFinite(t.Omega))
                throw new ArgumentException($"Variability term '{t.Name}': ω must be finite and ≥ 0, got {t.Omega}.");
    }

    /// <summary>ω of the log-normal CADSS sensitivity. Calibrated: SAFE-5 (see <see cref="DefaultTerms"/>).</summary>
    public const double CadssSensitivityOmega = 1.6;

    /// <summary>ω of the log-normal sedation sensitivity. Calibrated: SAFE-7.</summary>
    public const double SedationSensitivityOmega = 1.2;

    private const string PerezRuixo = "Perez-Ruixo et al. 2021, Clin Pharmacokinet 60:501 (IIV CV%, ω = sqrt(ln(1 + CV²)))";
    private const string Herd = "Herd et al. 2007, Paediatr Anaesth 17:622 (IIV CV%, ω = sqrt(ln(1 + CV²)))";

    /// <summary>
    /// PK variability where the PK models have published IIV (esketamine: Perez-Ruixo 2021; racemic
    /// ketamine: Herd 2007, one η on both enantiomers' clearance), and the two pharmacodynamic sensitivities.
    /// The sensitivities' spreads are wide because the label incidences change little with dose (61 → 69%,
    /// 50 → 61% for 1.4× the exposure): only a broad spread between patients gives so flat a dose-incidence curve.
    /// </summary>
    public static IReadOnlyList<VariabilityTerm> DefaultTerms { get; } =
    [
        new("cadss-sensitivity", [SafetyParameters.CadssSensitivity], CadssSensitivityOmega, VariabilityScale.LogNormal,
            "calibrated: SAFE-5 (61% / 69% dissociation at 56 / 84 mg)"),
        new("sedation-sensitivity", [SafetyParameters.SedationSensitivity], SedationSensitivityOmega, VariabilityScale.LogNormal,
            "calibrated: SAFE-7 (50% / 61% with MOAA/S ≤ 3 at 56 / 84 mg)"),
        new("esk-FRn", ["esk_FRn"], 0.708, VariabilityScale.Logit, PerezRuixo + ": FRn SD 0.708 on the logit scale"),
        new("esk-ka-nasal", ["esk_ka_nasal"], VariabilityTerm.OmegaFromCv(0.615), VariabilityScale.LogNormal, PerezRuixo + ": ka_n 61.5%"),
        new("esk-ka-swallowed", ["esk_ka_swallowed"], VariabilityTerm.OmegaFromCv(1.32), VariabilityScale.LogNormal, PerezRuixo + ": ka_sw 132%"),
        new("esk-Vc", ["esk_Vc"], VariabilityTerm.OmegaFromCv(0.275), VariabilityScale.LogNormal, PerezRuixo + ": Vc 27.5%"),
        new("esk-Vp1", ["esk_Vp1"], VariabilityTerm.OmegaFromCv(0.493), VariabilityScale.LogNormal, PerezRuixo + ": Vp1 49.3%"),
        new("esk-Qh", ["esk_Qh_ref"], VariabilityTerm.OmegaFromCv(0.232), VariabilityScale.LogNormal, PerezRuixo + ": Qh 23.2%"),
        new("esk-kel", ["esk_kel_ref"], VariabilityTerm.OmegaFromCv(1.20), VariabilityScale.LogNormal, PerezRuixo + ": kel 120%"),
        new("ket-V1", ["ket_V1_ref"], VariabilityTerm.OmegaFromCv(0.64), VariabilityScale.LogNormal, Herd + ": V1 64%"),
        new("ket-V2", ["ket_V2_ref"], VariabilityTerm.OmegaFromCv(0.52), VariabilityScale.LogNormal, Herd + ": V2 52%"),
        new("ket-CL", ["ket_CL_S_ref", "ket_CL_R_ref"], VariabilityTerm.OmegaFromCv(0.38), VariabilityScale.LogNormal, Herd + ": CL 38% (one η for S and R)"),
    ];

    /// <summary>Subject <paramref name="subject"/>'s η, one per term, in term order.</summary>
    public double[] Etas(int subject)
    {
        if (subject < 0 || subject >= Size) throw new ArgumentOutOfRangeException(nameof(subject), subject, $"Subjects are 0..{Size - 1}.");
        var rng = SplitMix64.ForStream(Seed, (ulong)subject);
        var etas = new double[Terms.Count];
        for (int k = 0; k < etas.Length; k++) etas[k] = Terms[k].Omega * rng.NextStandardNormal();
        return etas;
    }

    /// <summary>
    /// The template scenario for subject i: its parameter overrides plus this subject's values of every varied
    /// parameter the model has (the typical value is the template's override if it sets one, else the model default).
    /// </summary>
    public Scenario ScenarioFor(Scenario template, int subject, ScenarioRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        runner ??= ScenarioRunner.Shared;
        var model = runner.CompiledModelFor(ScenarioRunner.ModulesFor(template), ScenarioRunner.MechanismFor(template)).Model;
        var typical = model.Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var overrides = new Dictionary<string, double>(template.ParameterOverrides, StringComparer.Ordinal);
        var etas = Etas(subject);
        for (int k = 0; k < Terms.Count; k++)
        {
            foreach (var name in Terms[k].Parameters)
            {
                if (!typical.TryGetValue(name, out double theta)) continue;
                if (template.ParameterOverrides.TryGetValue(name, out double set)) theta = set;
                overrides[name] = Apply(theta, etas[k], Terms[k].Scale);
            }
        }
        return template with { Name = $"{template.Name}#subject{subject}", ParameterOverrides = overrides };
    }

    /// <summary>
    /// Runs every subject and applies <paramref name="measure"/> to each run (results in subject order; the
    /// runs themselves are not kept). <paramref name="maxDegreeOfParallelism"/> −1 uses all cores.
    /// </summary>
    public T[] Run<T>(Scenario template, Func<SimulationResult, T> measure, ScenarioRunner? runner = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(measure);
        runner ??= ScenarioRunner.Shared;
        var results = new T[Size];
        Parallel.For(0, Size, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            i => results[i] = measure(runner.Run(ScenarioFor(template, i, runner))));
        return results;
    }

    /// <summary>Share (percent) of subjects for which <paramref name="predicate"/> holds.</summary>
    public double SharePercent(Scenario template, Func<SimulationResult, bool> predicate, ScenarioRunner? runner = null, int maxDegreeOfParallelism = -1) =>
        100.0 * Run(template, predicate, runner, maxDegreeOfParallelism).Count(x => x) / Size;

    private static double Apply(double theta, double eta, VariabilityScale scale) => scale switch
    {
        VariabilityScale.LogNormal => theta * Math.Exp(eta),
        _ => InverseLogit(Math.Log(theta / (1 - theta)) + eta),
    };

    private static double InverseLogit(double x) => 1 / (1 + Math.Exp(-x));
}
