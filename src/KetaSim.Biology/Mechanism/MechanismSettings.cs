namespace KetaSim.Biology.Mechanism;

/// <summary>Cell populations of the prefrontal microcircuit (and the raphe, for the SSRI chain) that carry receptors.</summary>
public static class Cells
{
    public const string Sst = "SST";
    public const string Pyr = "Pyr";
    public const string Pv = "PV";
    public const string Raphe = "raphe";

    public static IReadOnlyList<string> All { get; } = [Sst, Pyr, Pv, Raphe];
}

/// <summary>A receptor deleted from one cell type (e.g. MOR from SST cells), as in a conditional knockout mouse.</summary>
public sealed record Knockout(string Target, string Cell)
{
    public override string ToString() => $"{Target}@{Cell}";
}

/// <summary>What the patient expects from the treatment context (system.md §5).</summary>
public enum PlaceboKind
{
    /// <summary>No placebo/expectancy component (mechanistic runs, mice).</summary>
    None,
    /// <summary>An inert infusion or spray.</summary>
    Saline,
    /// <summary>A drug with noticeable effects but no antidepressant action (midazolam): larger expectancy.</summary>
    ActivePlacebo,
    /// <summary>A newly started oral antidepressant alongside (esketamine programme): expectancy plus its slow effect.</summary>
    NewOralAntidepressant,
    /// <summary>
    /// A daily tablet in an antidepressant trial or clinic, inert or active, with regular visits over weeks: expectancy and
    /// supportive care that build over weeks (placebo arms of SSRI trials; open-label SSRI courses such as STAR*D).
    /// </summary>
    Tablet,
    /// <summary>
    /// Inert sessions (placebo spray) while the patient continues an oral antidepressant taken before the trial, at
    /// steady state: expectancy of the sessions and care only; the continued drug's effect is already in the baseline.
    /// </summary>
    ContinuedOralAntidepressant,
    /// <summary>Open-label treatment: patient and rater know an active drug is given (expectancy of a known treatment).</summary>
    OpenLabel,
    /// <summary>
    /// Standard of care in an acute suicidal crisis: psychiatric hospitalisation, a newly started or optimised oral
    /// antidepressant and intensive contact with staff, around inert or active sessions (ASPIRE I/II).
    /// </summary>
    HospitalStandardOfCare,
}

/// <summary>The patient's state: disease, responsiveness, context. Defaults describe a typical TRD patient.</summary>
public sealed record PatientState
{
    /// <summary>Chronic-stress severity, 0 (healthy) to 1 (typical depressed/stressed state): SST→Pyr hypertrophy, spine loss.</summary>
    public double StressSeverity { get; init; } = 1.0;

    /// <summary>MADRS at baseline (0-60).</summary>
    public double BaselineMadrs { get; init; } = 32;

    /// <summary>Multiplier on the drug-driven symptom change (between-patient variability), ≥ 0.</summary>
    public double Responsiveness { get; init; } = 1.0;

    /// <summary>Multiplier on the placebo/expectancy change, ≥ 0.</summary>
    public double PlaceboResponsiveness { get; init; } = 1.0;

    public PlaceboKind Placebo { get; init; } = PlaceboKind.None;

    /// <summary>Failed ≥ 2 adequate antidepressant trials: lowers responsiveness to serotonergic drugs.</summary>
    public bool TreatmentResistant { get; init; } = true;

    /// <summary>Multiplier on the SSRI chain's effect on symptoms (lower in TRD), ≥ 0.</summary>
    public double SerotonergicResponsiveness { get; init; } = 1.0;

    /// <summary>MADRS item 10 (suicidal thoughts, 0-6) at baseline; never above <see cref="BaselineMadrs"/>.</summary>
    public double BaselineSuicidalThoughts { get; init; } = 2;

    /// <summary>Resting systolic blood pressure, mmHg; null keeps the safety layer's typical value.</summary>
    public double? BaselineSystolicMmHg { get; init; }

    /// <summary>Resting diastolic blood pressure, mmHg; null keeps the safety layer's typical value.</summary>
    public double? BaselineDiastolicMmHg { get; init; }

    public static PatientState TypicalTrd { get; } = new();

    public static PatientState Healthy { get; } = new() { StressSeverity = 0, BaselineMadrs = 2, TreatmentResistant = false };
}

/// <summary>How the fast prefrontal circuit is solved.</summary>
public enum CircuitMode
{
    /// <summary>Rates at their fixed point for the current inputs (the circuit's own time constants are tens of ms): for hours to weeks.</summary>
    QuasiSteadyState,
    /// <summary>Rates as ODE states with their own time constants: for short windows (minutes).</summary>
    Dynamic,
}

/// <summary>Everything beyond PK that a scenario sets: hypothesis, knockouts, patient, circuit mode.</summary>
public sealed record MechanismSettings
{
    public string Hypothesis { get; init; } = Hypotheses.Default;
    public IReadOnlyList<Knockout> Knockouts { get; init; } = [];
    public PatientState Patient { get; init; } = PatientState.TypicalTrd;
    public CircuitMode CircuitMode { get; init; } = CircuitMode.QuasiSteadyState;

    /// <summary>Visit-level MADRS measurement noise (off for typical-patient runs); seeded for reproducibility.</summary>
    public bool MeasurementNoise { get; init; }
    public ulong NoiseSeed { get; init; } = 1;

    /// <summary>
    /// Adds the suicidal-ideation layer (MADRS item 10 and a CGI-SS-r-style severity; docs/model/suicidal-ideation.md).
    /// Off unless a run asks for it, so runs without it compile and solve exactly the model they did before.
    /// </summary>
    public bool Suicidality { get; init; }

    /// <summary>Key of the structural choices (the compiled model depends on these, not on parameter values).</summary>
    public string StructureKey => Suicidality ? $"{Hypothesis}|{CircuitMode}|suicidality" : $"{Hypothesis}|{CircuitMode}";
}
