using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Definitions;

namespace KetaSim.Population.Sampling;

/// <summary>A model-parameter random effect of one subject: the parameter, its scale and the subject's η.</summary>
public readonly record struct ParameterEffect(string Parameter, EffectScale Scale, double Eta);

/// <summary>
/// One sampled virtual patient: covariates (<see cref="Subject"/>), patient state (<see cref="Patient"/>) and
/// random effects on model parameters (<see cref="ParameterEffects"/>). Parameter effects are stored as η, not
/// values, because the typical value belongs to the scenario's model (its default or the scenario's override):
/// <see cref="ParameterOverridesFor"/> turns them into name → value for a given scenario.
/// </summary>
public sealed record VirtualSubject
{
    public required string Population { get; init; }
    public required ulong RunSeed { get; init; }
    public required long Index { get; init; }
    public required Subject Subject { get; init; }
    public required PatientState Patient { get; init; }
    public required IReadOnlyList<ParameterEffect> ParameterEffects { get; init; }

    /// <summary>η of every random effect by effect name (for diagnostics and tests).</summary>
    public required IReadOnlyDictionary<string, double> Etas { get; init; }

    /// <summary>How many draws the inclusion rule took (1 = the first draw was included).</summary>
    public int Draws { get; init; } = 1;

    /// <summary>
    /// The template's overrides plus this subject's value of every varied parameter that the template's model
    /// has (typical value: the template's override when it sets one, else the model default).
    /// </summary>
    public IReadOnlyDictionary<string, double> ParameterOverridesFor(Scenario template, ScenarioRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        runner ??= ScenarioRunner.Shared;
        var withSubject = template with { Subject = Subject, Mechanism = MechanismFor(template) };
        var model = runner.CompiledModelFor(ScenarioRunner.ModulesFor(withSubject), ScenarioRunner.MechanismFor(withSubject)).Model;
        var typical = model.Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var overrides = new Dictionary<string, double>(template.ParameterOverrides, StringComparer.Ordinal);
        foreach (var e in ParameterEffects)
        {
            if (!typical.TryGetValue(e.Parameter, out double theta)) continue;
            if (template.ParameterOverrides.TryGetValue(e.Parameter, out double set)) theta = set;
            overrides[e.Parameter] = EffectMath.Apply(theta, e.Eta, e.Scale);
        }
        return overrides;
    }

    /// <summary>
    /// The template run for this subject: its covariates, its patient state (the template's placebo kind and
    /// blood pressure kept; a PK-only template stays PK-only) and its parameter values.
    /// </summary>
    public Scenario Apply(Scenario template, ScenarioRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Subject.Species != Subject.Species)
            throw new ArgumentException($"Scenario '{template.Name}' is for a {template.Subject.Species.ToString().ToLowerInvariant()} " +
                $"but population '{Population}' is {Subject.Species.ToString().ToLowerInvariant()}.", nameof(template));
        return template with
        {
            Name = $"{template.Name}#{Population}[{Index}]",
            Subject = Subject,
            Mechanism = MechanismFor(template),
            ParameterOverrides = ParameterOverridesFor(template, runner),
        };
    }

    private MechanismSettings? MechanismFor(Scenario template) => template.Mechanism is not { } mech ? null : mech with
    {
        Patient = mech.Patient with
        {
            StressSeverity = Patient.StressSeverity,
            BaselineMadrs = Patient.BaselineMadrs,
            Responsiveness = Patient.Responsiveness,
            PlaceboResponsiveness = Patient.PlaceboResponsiveness,
            SerotonergicResponsiveness = Patient.SerotonergicResponsiveness,
            BaselineSuicidalThoughts = Patient.BaselineSuicidalThoughts,
            TreatmentResistant = Patient.TreatmentResistant,
        },
    };
}

/// <summary>The link functions of <see cref="EffectScale"/>.</summary>
public static class EffectMath
{
    /// <summary>ω of a log-normal effect from a CV: sqrt(ln(1 + CV²)).</summary>
    public static double OmegaFromCv(double cv) => Math.Sqrt(Math.Log(1 + cv * cv));

    public static double Apply(double theta, double eta, EffectScale scale) => scale switch
    {
        EffectScale.LogNormal => theta * Math.Exp(eta),
        EffectScale.Logit => 1 / (1 + Math.Exp(-(Math.Log(theta / (1 - theta)) + eta))),
        _ => theta + eta,
    };
}
