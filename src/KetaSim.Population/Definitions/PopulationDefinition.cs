using KetaSim.Biology.Scenarios;

namespace KetaSim.Population.Definitions;

/// <summary>How a between-subject random effect η acts on a typical value θ.</summary>
public enum EffectScale
{
    /// <summary>θ·exp(η), η ~ N(0, ω²), ω = sqrt(ln(1 + CV²)): positive quantities (clearances, volumes, gains).</summary>
    LogNormal,
    /// <summary>invlogit(logit(θ) + η): fractions in (0, 1) (nasal fraction FRn, stress severity).</summary>
    Logit,
    /// <summary>θ + η: additive (baseline MADRS, points).</summary>
    Normal,
}

/// <summary>Patient-state fields a random effect can vary (<see cref="Biology.Mechanism.PatientState"/>).</summary>
public enum PatientField
{
    StressSeverity,
    BaselineMadrs,
    Responsiveness,
    PlaceboResponsiveness,
    SerotonergicResponsiveness,
    /// <summary>MADRS item 10 (suicidal thoughts, 0-6) at baseline; the sampler keeps it within 0-6 and the baseline MADRS.</summary>
    BaselineSuicidalThoughts,
}

/// <summary>
/// One random effect, drawn once per subject. It acts either on model parameters (<see cref="Parameters"/>:
/// one η for all listed, e.g. S- and R-ketamine clearance; applied only where the scenario's model has them)
/// or on one patient-state field (<see cref="Patient"/>). <see cref="Omega"/> is the SD of η on its scale.
/// <see cref="Typical"/> replaces the typical value (patient fields; for parameters, null keeps the scenario's value).
/// The typical value is the median of a log-normal effect unless <see cref="MeanCentred"/>: then it is the
/// population mean (η shifted by −ω²/2), so a typical-patient run predicts the cohort mean of a linear effect.
/// </summary>
public sealed record RandomEffect(
    string Name,
    IReadOnlyList<string> Parameters,
    PatientField? Patient,
    EffectScale Scale,
    double Omega,
    double? Typical,
    double? Min,
    double? Max,
    string Source)
{
    /// <summary>Log-normal only: the typical value is the mean, not the median (YAML <c>center: mean</c>).</summary>
    public bool MeanCentred { get; init; }

    /// <summary>The η that enters the link: the drawn η, shifted by −ω²/2 for a mean-centred log-normal effect.</summary>
    public double AppliedEta(double eta) => MeanCentred ? eta - Omega * Omega / 2 : eta;
}

/// <summary>A bounded univariate covariate distribution (values outside [Min, Max] are clamped).</summary>
public sealed record CovariateDistribution(double Center, double Spread, bool LogNormal, double Min, double Max);

/// <summary>Correlation between two random effects (by name).</summary>
public sealed record EffectCorrelation(string First, string Second, double R);

/// <summary>
/// A virtual population: covariates, between-subject variability (one correlated multivariate normal over
/// the random effects), treatment resistance and inclusion rules. Read from YAML by <see cref="PopulationReader"/>
/// (format in docs/population.md); the built-in ones are in data/populations/.
/// </summary>
public sealed record PopulationDefinition
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public Species Species { get; init; } = Species.Human;

    /// <summary>Body weight, kg: log-normal (Center = median, Spread = CV) within [Min, Max].</summary>
    public CovariateDistribution WeightKg { get; init; } = new(70, 0, true, 70, 70);

    /// <summary>Age, years: normal (Center = mean, Spread = SD) within [Min, Max].</summary>
    public CovariateDistribution AgeYears { get; init; } = new(40, 0, false, 40, 40);

    public double FemaleFraction { get; init; }

    /// <summary>Share with East-Asian ancestry (esketamine kel × 0.36, noresketamine CL × 0.81; Perez-Ruixo 2021).</summary>
    public double EastAsianFraction { get; init; }

    /// <summary>Share with ≥ 2 failed adequate antidepressant trials (the model then scales the serotonergic effect by madrs_serotonergic_trd_factor).</summary>
    public double TreatmentResistantFraction { get; init; }

    public IReadOnlyList<RandomEffect> Effects { get; init; } = [];
    public IReadOnlyList<EffectCorrelation> Correlations { get; init; } = [];

    /// <summary>Inclusion: baseline MADRS ≥ this (null: no lower bound).</summary>
    public double? MadrsMin { get; init; }

    /// <summary>Inclusion: baseline MADRS ≤ this (null: no upper bound).</summary>
    public double? MadrsMax { get; init; }

    /// <summary>Draws per subject before the inclusion rule is declared to exclude (nearly) everyone.</summary>
    public int MaxDraws { get; init; } = 10_000;

    /// <summary>Where the definition came from (file name) and the line of each field path, for located errors.</summary>
    public string SourceFile { get; init; } = "(in code)";
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    public int LineOf(string field) => Lines.TryGetValue(field, out int l) ? l : 0;

    /// <summary>The inclusion rule as text, e.g. "MADRS >= 28".</summary>
    public string InclusionText => (MadrsMin, MadrsMax) switch
    {
        ({ } lo, { } hi) => $"MADRS >= {lo} and <= {hi}",
        ({ } lo, null) => $"MADRS >= {lo}",
        (null, { } hi) => $"MADRS <= {hi}",
        _ => "none",
    };
}
