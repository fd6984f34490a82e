using KetaSim.Biology.Mechanism;
using KetaSim.Modeling.Expressions;
using KetaSim.Modeling.Models;

namespace KetaSim.Biology.Serotonin;

/// <summary>
/// The SSRI comparator chain (system.md §6), after the targets layer and before the circuit:
/// <code>
/// SERT occupancy occ
///   → extracellular 5-HT ∝ release / (1 − k·occ)           (k: SERT's share of 5-HT clearance)
///       terminal (prefrontal):   S  = F·m,  m = 1/(1 − k·occ)
///       raphe (somatodendritic): Sr = m·(φ + (1 − φ)·F)
///   → 5-HT1A autoreceptor activation, relative to basal:  a = R·h(Sr)/h(1),  h(x) = x/(x + E)
///   → raphe firing (quasi-steady state, seconds):        F = (1 − τ0·a)/(1 − τ0)
///   → autoreceptors desensitise (weeks):                 dR/dt = −k_d·R·(a − 1)
///   → net transmission S up once F recovers → slow drive: dx/dt = (u(S) − x)/τ_D
/// </code>
/// F and S/Sr are solved together in closed form (the fixed point is the positive root of a quadratic),
/// so the only states are R and x. Without a SERT ligand the module contributes the baseline levels
/// as constants (5-HT, firing and sensitivity 1, drive 0), so later layers can always read the names.
/// </summary>
public sealed class SerotoninModule : IMechanismModule
{
    public const string SensitivityState = "sero_ht1a_sensitivity";
    public const string DriveState = "sero_plasticity_drive_state";

    public const string SertOccupancyObservable = "sero_sert_occupancy";
    public const string RapheSerotoninObservable = "sero_raphe_serotonin_rel";
    public const string AutoreceptorActivationObservable = "sero_ht1a_autoreceptor_activation_rel";
    public const string TransmissionDriveObservable = "sero_transmission_drive";

    public string Key => "serotonin";
    public int Stage => MechanismStages.Serotonin;

    public void Contribute(ModelBuilder b, MechanismContext context)
    {
        ArgumentNullException.ThrowIfNull(b);
        Param P(SerotoninParameter s) => b.HasSymbol(s.Name) ? b.GetParameter(s.Name) : b.Parameter(s.Name, s.Value, s.Unit, s.Provenance, s.Description);

        var occupancy = SertOccupancy.Resolve(b);
        if (occupancy is null)
        {
            ContributeBaseline(b);
            return;
        }

        var k = P(SerotoninParameters.SertClearanceFraction);
        var phi = P(SerotoninParameters.FiringIndependentRapheRelease);
        var e = P(SerotoninParameters.Ht1aEc50);
        var tone = P(SerotoninParameters.Ht1aBasalTone);
        var kd = P(SerotoninParameters.DesensitisationRate);
        var occRef = P(SerotoninParameters.ReferenceOccupancy);
        var half = P(SerotoninParameters.DriveHalfEffect);
        var tau = P(SerotoninParameters.DriveTimeConstant);

        var r = b.State(SensitivityState, "1", "5-HT1A autoreceptor sensitivity (1 = untreated)", initial: 1.0);
        var x = b.State(DriveState, "1", "Slow serotonergic plasticity drive (0 untreated)");

        // Clearance: 5-HT ∝ release / (1 − k·occ).
        Expr m = 1.0 / (1.0 - k * occupancy);
        Expr firing = RapheFiring(m, r, phi, e, tone);
        Expr terminal = firing * m;
        Expr raphe = m * (phi + (1.0 - phi) * firing);
        Expr activation = r * raphe * (1.0 + e) / (raphe + e);

        // Desensitisation: sensitivity integrates the excess activation (exact adaptation: at steady
        // occupancy firing returns to baseline), and recovers the same way once the drug is gone.
        b.Rate(r, -kd * r * (activation - 1.0));

        // Transmission: saturating in excess terminal 5-HT, 1 at the reference occupancy once firing has adapted.
        var sRef = b.Derived("sero_reference_serotonin_rel", 1.0 / (1.0 - k * occRef), "1",
            "Terminal 5-HT at the reference SERT occupancy with firing at baseline");
        var uRef = b.Derived("sero_reference_transmission", Expr.Hill(sRef - 1.0, half, 1.0), "1",
            "Serotonergic transduction at the reference 5-HT level (normalises the drive to 1)");
        Expr transmission = Expr.Hill(terminal - 1.0, half, 1.0) / uRef;
        b.Rate(x, (transmission - x) / tau);

        b.Observe(SertOccupancyObservable, "1", occupancy, "SERT occupancy the serotonin chain uses (the targets layer's)");
        b.Observe(MechanismNames.SerotoninRel, "1", terminal, "Extracellular 5-HT in prefrontal terminal fields, relative to untreated");
        b.Observe(RapheSerotoninObservable, "1", raphe, "Extracellular (somatodendritic) 5-HT in the raphe, relative to untreated");
        b.Observe(AutoreceptorActivationObservable, "1", activation, "5-HT1A autoreceptor activation relative to untreated (sensitivity × 5-HT response)");
        b.Observe(MechanismNames.RapheFiringRel, "1", firing, "Raphe 5-HT neuron firing relative to untreated");
        b.Observe(MechanismNames.AutoreceptorSensitivity, "1", r, "5-HT1A autoreceptor sensitivity (1 untreated; falls over weeks on an SSRI)");
        b.Observe(TransmissionDriveObservable, "1", transmission, "Instantaneous serotonergic transmission input to the slow drive (1 = adequate SSRI, adapted)");
        // The drive is pharmacology only: the patient's serotonergic responsiveness and TRD act where the
        // drive meets the symptoms (the symptoms layer multiplies by both), so they are not applied here.
        b.Observe(MechanismNames.SerotonergicPlasticityDrive, "1", x,
            "Slow serotonergic plasticity drive: 0 untreated, 1 = sustained drive of an adequate SSRI course (80% SERT occupancy, firing adapted)");
    }

    /// <summary>
    /// Quasi-steady raphe firing F: the positive root of F·(1 − τ0)·(Sr + E) = (Sr + E) − G·Sr with
    /// Sr = a1 + a2·F, a1 = m·φ, a2 = m·(1 − φ), G = τ0·R·(1 + E), i.e. qa·F² + qb·F − qc = 0. Written as
    /// 2qc / (qb + √(qb² + 4·qa·qc)), which stays finite as qa → 0; qc is clipped at 0 (firing silenced when
    /// the impulse-independent 5-HT alone saturates the feedback — outside the default parameters' range).
    /// </summary>
    public static Expr RapheFiring(Expr m, Expr sensitivity, Expr phi, Expr e, Expr tone)
    {
        Expr a1 = m * phi, a2 = m * (1.0 - phi), g = tone * sensitivity * (1.0 + e);
        Expr qa = (1.0 - tone) * a2;
        Expr qb = (1.0 - tone) * (a1 + e) - (1.0 - g) * a2;
        Expr qcRaw = (1.0 - g) * a1 + e;
        Expr qc = qcRaw * Expr.Step(qcRaw);
        return 2.0 * qc / (qb + Expr.Sqrt(qb * qb + 4.0 * qa * qc));
    }

    /// <summary>No SERT ligand: the untreated levels, as constants.</summary>
    private static void ContributeBaseline(ModelBuilder b)
    {
        const string Why = " (no SERT ligand in the model: untreated level)";
        b.Observe(MechanismNames.SerotoninRel, "1", 1.0, "Extracellular 5-HT in prefrontal terminal fields, relative to untreated" + Why);
        b.Observe(MechanismNames.RapheFiringRel, "1", 1.0, "Raphe 5-HT neuron firing relative to untreated" + Why);
        b.Observe(MechanismNames.AutoreceptorSensitivity, "1", 1.0, "5-HT1A autoreceptor sensitivity" + Why);
        b.Observe(MechanismNames.SerotonergicPlasticityDrive, "1", 0.0, "Slow serotonergic plasticity drive" + Why);
    }
}
