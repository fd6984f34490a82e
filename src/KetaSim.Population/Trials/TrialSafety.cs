using KetaSim.Biology.Safety;

namespace KetaSim.Population.Trials;

/// <summary>
/// A trial's safety endpoints (docs/trial-format.md, "safety"): which thresholds count, how long after a session its
/// peaks are looked for, and whether subjects differ in resting blood pressure and in their blood-pressure,
/// dissociation and sedation responses (<see cref="SafetyCovariates"/>). With it every dosing session of every subject is
/// recorded (<see cref="SessionSafety"/>); without it the trial runs as before, bit for bit.
/// </summary>
public sealed record TrialSafety
{
    /// <summary>A session counts as a systolic rise when its peak is at least this far above the pre-dose value (the label's ≥ 40 mmHg).</summary>
    public double SystolicRiseMmHg { get; init; } = 40;

    /// <summary>Diastolic rise that counts (the label's ≥ 25 mmHg).</summary>
    public double DiastolicRiseMmHg { get; init; } = 25;

    /// <summary>Absolute systolic peak that counts (≥ 180 mmHg, the hypertensive-urgency line of the label).</summary>
    public double SystolicAbsoluteMmHg { get; init; } = 180;

    /// <summary>Absolute diastolic peak that counts (≥ 110 mmHg).</summary>
    public double DiastolicAbsoluteMmHg { get; init; } = 110;

    /// <summary>Peaks are looked for from the dose to this long after it: the label observes patients ≥ 2 h and BP lasts ~4 h.</summary>
    public double WindowHours { get; init; } = 4;

    /// <summary>Draw each subject's resting BP (from age), BP-rise sensitivity and CADSS/sedation sensitivities (<see cref="SafetyCovariates"/>).</summary>
    public bool BetweenPatientVariability { get; init; } = true;

    /// <summary>Inclusion on resting BP: subjects above it are redrawn (TRANSFORM-1/2 excluded uncontrolled hypertension); null = none.</summary>
    public double? RestingSystolicMaxMmHg { get; init; }

    /// <summary>Inclusion on resting diastolic BP; null = none.</summary>
    public double? RestingDiastolicMaxMmHg { get; init; }

    /// <summary>CADSS above this and above pre-dose is dissociation (<see cref="SafetyMeasures.DissociationCadss"/>).</summary>
    public double DissociationCadss => SafetyMeasures.DissociationCadss;

    /// <summary>MOAA/S at or below this is sedation (<see cref="SafetyMeasures.SedationMoaas"/>).</summary>
    public double SedationMoaas => SafetyMeasures.SedationMoaas;

    /// <summary>Output offsets after a session, h: every 5 min for the first 2 h (peaks at ~40 min), then every 30 min to the window's end.</summary>
    public double[] WindowOffsetsHours()
    {
        var offsets = new List<double>();
        for (int k = 1; k * 5.0 / 60 <= Math.Min(2, WindowHours) + 1e-12; k++) offsets.Add(k * 5.0 / 60);
        for (double t = 2.5; t <= WindowHours + 1e-12; t += 0.5) offsets.Add(t);
        if (offsets.Count == 0 || offsets[^1] < WindowHours - 1e-12) offsets.Add(WindowHours);
        return [.. offsets];
    }

    /// <summary>Checks the thresholds; the message names the field.</summary>
    public void Validate(string trial)
    {
        void Positive(double v, string field)
        {
            if (!(v > 0) || !double.IsFinite(v)) throw new ArgumentException($"Trial '{trial}': safety {field} must be finite and > 0, got {v}.", nameof(TrialDefinition.Safety));
        }
        Positive(SystolicRiseMmHg, "systolic rise");
        Positive(DiastolicRiseMmHg, "diastolic rise");
        Positive(SystolicAbsoluteMmHg, "systolic peak");
        Positive(DiastolicAbsoluteMmHg, "diastolic peak");
        Positive(WindowHours, "window");
        if (RestingSystolicMaxMmHg is { } s) Positive(s, "resting systolic maximum");
        if (RestingDiastolicMaxMmHg is { } d) Positive(d, "resting diastolic maximum");
    }
}

/// <summary>
/// One dosing session of one subject: given or held by the dose-hold rule, the pre-dose values and the extremes within
/// the window after the dose (NaN for a held session, and where the model has no such observable).
/// </summary>
public readonly record struct SessionSafety(
    double TimeHours,
    bool Held,
    double PreSystolicMmHg,
    double PreDiastolicMmHg,
    double PeakSystolicMmHg,
    double PeakDiastolicMmHg,
    double PreCadss,
    double PeakCadss,
    double MinMoaas,
    double PeakDrugLiking)
{
    public double SystolicRiseMmHg => PeakSystolicMmHg - PreSystolicMmHg;
    public double DiastolicRiseMmHg => PeakDiastolicMmHg - PreDiastolicMmHg;

    /// <summary>Systolic rise ≥ the trial's threshold.</summary>
    public bool SystolicRise(TrialSafety s) => !Held && SystolicRiseMmHg >= s.SystolicRiseMmHg;

    public bool DiastolicRise(TrialSafety s) => !Held && DiastolicRiseMmHg >= s.DiastolicRiseMmHg;

    /// <summary>Peak at or above the absolute systolic or diastolic line.</summary>
    public bool AbsoluteBp(TrialSafety s) => !Held && (PeakSystolicMmHg >= s.SystolicAbsoluteMmHg || PeakDiastolicMmHg >= s.DiastolicAbsoluteMmHg);

    /// <summary>CADSS &gt; 4 and above pre-dose (the label's definition).</summary>
    public bool Dissociation(TrialSafety s) => !Held && PeakCadss > s.DissociationCadss && PeakCadss > PreCadss;

    /// <summary>MOAA/S ≤ 3 (the label's definition).</summary>
    public bool Sedation(TrialSafety s) => !Held && MinMoaas <= s.SedationMoaas;
}
