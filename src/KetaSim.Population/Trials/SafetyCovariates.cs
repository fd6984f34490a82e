using KetaSim.Biology.Safety;
using KetaSim.Numerics.RandomStreams;

namespace KetaSim.Population.Trials;

/// <summary>
/// Between-patient differences in the safety read-outs of a trial with a safety block (<see cref="TrialSafety.BetweenPatientVariability"/>):
/// resting blood pressure (from age), sensitivity of the blood-pressure rise, and the CADSS and sedation sensitivities the
/// safety cohort was calibrated with. Drawn from the subject's own salted stream (seed, index), so the population's draws,
/// and every other stream of the subject, are the same as without them. Each value and its provenance below.
/// </summary>
public static class SafetyCovariates
{
    private const ulong Salt = 0x5341_4645_5459_4250UL;   // "SAFETYBP"

    /// <summary>Resting systolic BP at <see cref="ReferenceAgeYears"/>, mmHg. Assumption: adults mid-40s in US surveys
    /// (NHANES 2011-2014, Yoon et al. 2015 NCHS Data Brief 220: mean SBP ~119 at 40-59 y in treated and untreated adults).</summary>
    public const double SystolicAtReferenceMmHg = 120;

    /// <summary>Rise of resting systolic BP with age, mmHg per year. Franklin et al. 1997, Circulation 96:308 (Framingham):
    /// systolic pressure rises roughly linearly from 30 to 80 years, about 0.5-0.6 mmHg per year.</summary>
    public const double SystolicPerYearMmHg = 0.5;

    /// <summary>Resting diastolic BP, mmHg, independent of age here. Franklin et al. 1997: diastolic pressure rises until ~50-60 y
    /// and then falls, so over the 18-85 y span of the trial populations a flat mean is the simplest fair summary (assumption).</summary>
    public const double DiastolicMmHg = 78;

    /// <summary>Age at which <see cref="SystolicAtReferenceMmHg"/> holds, years.</summary>
    public const double ReferenceAgeYears = 45;

    /// <summary>Between-patient SD of resting systolic BP at a given age, mmHg. Assumption: NHANES-type adult SD of ~15 mmHg,
    /// less the part the age trend explains.</summary>
    public const double SystolicSdMmHg = 13;

    /// <summary>Between-patient SD of resting diastolic BP, mmHg (assumption, NHANES-type adult SD ~10 mmHg).</summary>
    public const double DiastolicSdMmHg = 9;

    /// <summary>Correlation of resting systolic and diastolic BP between patients (assumption: ~0.6 in population surveys).</summary>
    public const double SystolicDiastolicCorrelation = 0.6;

    /// <summary>
    /// ω of the log-normal multiplier on the drug-induced BP rise (systolic and diastolic together), mean-centred so the
    /// cohort's mean rise stays the calibrated SAFE-1 value. Assumption: CV ~53%. Riva-Posse et al. 2018, J Affect Disord
    /// 236:291 (684 infusions of 0.5 mg/kg ketamine) report mean rises of a few mmHg with some infusions far above, and higher
    /// peaks in hypertensive patients; Vankawala et al. 2021, Front Psychiatry 12:549080 pool 2,252 treatments with wide
    /// between-study spread. Not fitted: reading-to-reading BP noise, which adds to the label's share of ≥ 40 mmHg rises,
    /// is not modelled, so the simulated share is expected below the label's.
    /// </summary>
    public const double BloodPressureSensitivityOmega = 0.5;

    /// <summary>Lowest and highest resting BP drawn, mmHg (the plausible ranges of the safety module's baseline parameters).</summary>
    public const double SystolicMinMmHg = 90, SystolicMaxMmHg = 180, DiastolicMinMmHg = 50, DiastolicMaxMmHg = 110;

    /// <summary>Redraws of resting BP before an inclusion limit is declared unmeetable for the subject.</summary>
    public const int MaxDraws = 1000;

    /// <summary>One subject's safety covariates.</summary>
    public readonly record struct Values(double RestingSystolicMmHg, double RestingDiastolicMmHg, double BloodPressureSensitivity,
        double CadssSensitivity, double SedationSensitivity);

    /// <summary>
    /// Subject <paramref name="subjectIndex"/>'s values. <paramref name="centreSystolicMmHg"/>/<paramref name="centreDiastolicMmHg"/>:
    /// the regimen's resting BP when it sets one (the draw varies around it), else null (the age-based mean).
    /// Resting BP above the trial's inclusion limits is redrawn (fixed consumption per draw: the same subject whatever the limits' history).
    /// </summary>
    public static Values Draw(TrialSafety safety, ulong seed, long subjectIndex, double ageYears, double? centreSystolicMmHg = null, double? centreDiastolicMmHg = null)
    {
        ArgumentNullException.ThrowIfNull(safety);
        var rng = SplitMix64.ForStream(SplitMix64.Mix(seed ^ Salt), (ulong)subjectIndex);
        double omegaBp = BloodPressureSensitivityOmega;
        double bp = Math.Exp(omegaBp * rng.NextStandardNormal() - omegaBp * omegaBp / 2);
        // The safety cohort's calibrated spreads (SAFE-5, SAFE-7), median-centred as they were calibrated.
        double cadss = Math.Exp(SmallCohort.CadssSensitivityOmega * rng.NextStandardNormal());
        double sedation = Math.Exp(SmallCohort.SedationSensitivityOmega * rng.NextStandardNormal());
        double sbpMean = centreSystolicMmHg ?? SystolicAtReferenceMmHg + SystolicPerYearMmHg * (ageYears - ReferenceAgeYears);
        double dbpMean = centreDiastolicMmHg ?? DiastolicMmHg;
        double r = SystolicDiastolicCorrelation;
        for (int draw = 0; draw < MaxDraws; draw++)
        {
            double z1 = rng.NextStandardNormal(), z2 = rng.NextStandardNormal();
            double sbp = Math.Clamp(sbpMean + SystolicSdMmHg * z1, SystolicMinMmHg, SystolicMaxMmHg);
            double dbp = Math.Clamp(dbpMean + DiastolicSdMmHg * (r * z1 + Math.Sqrt(1 - r * r) * z2), DiastolicMinMmHg, DiastolicMaxMmHg);
            dbp = Math.Min(dbp, sbp - 20);   // a pulse pressure of at least 20 mmHg
            if (safety.RestingSystolicMaxMmHg is { } smax && sbp > smax) continue;
            if (safety.RestingDiastolicMaxMmHg is { } dmax && dbp > dmax) continue;
            return new Values(sbp, dbp, bp, cadss, sedation);
        }
        throw new InvalidOperationException($"subject {subjectIndex}: no resting blood pressure within the safety inclusion limits in {MaxDraws} draws (limits too low for age {ageYears:F0} y).");
    }

    /// <summary>Applies the values to a subject's run: resting BP, and the sensitivities as multipliers on the model's values.</summary>
    public static void Apply(Biology.Scenarios.SegmentedRun run, in Values v)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.SetParameter(SafetyParameters.BaselineSystolic, v.RestingSystolicMmHg);
        run.SetParameter(SafetyParameters.BaselineDiastolic, v.RestingDiastolicMmHg);
        Scale(run, SafetyParameters.SystolicSlope, v.BloodPressureSensitivity);
        Scale(run, SafetyParameters.DiastolicSlope, v.BloodPressureSensitivity);
        Scale(run, SafetyParameters.CadssSensitivity, v.CadssSensitivity);
        Scale(run, SafetyParameters.SedationSensitivity, v.SedationSensitivity);
    }

    private static void Scale(Biology.Scenarios.SegmentedRun run, string parameter, double factor)
    {
        var p = run.Model.Parameters.FirstOrDefault(x => x.Name == parameter);
        if (p is not null) run.SetParameter(parameter, run.Parameters[p.Index] * factor);
    }
}
