using KetaSim.Modeling;

namespace KetaSim.Biology.Serotonin;

/// <summary>One parameter of the serotonin chain: model name, value, unit, provenance, description.</summary>
public sealed record SerotoninParameter(string Name, double Value, string Unit, Provenance Provenance, string Description);

/// <summary>
/// The serotonin chain's parameters (docs/model/serotonin.md has the reasoning). Names carry the
/// <c>sero_</c> prefix; values are in the parameter's own unit; a scenario may override any by name.
/// </summary>
public static class SerotoninParameters
{
    private const string Klein = "Klein et al. 2006 (Psychopharmacology 188:263) and 2007 (191:333), [123I]ADAM SPECT midbrain SERT occupancy";

    public static SerotoninParameter SertClearanceFraction { get; } = new("sero_sert_clearance_fraction", 0.85, "1",
        Provenance.Assume("SERT clears most extracellular 5-HT; the rest goes by diffusion and low-affinity uptake (OCT3, PMAT, NET). " +
            "0.85 lets a fully adapted 80% occupancy raise extracellular 5-HT ≈ 3-fold, the order chronic-SSRI microdialysis reports in rodents"),
        "Share of extracellular 5-HT clearance that goes through SERT (k in 5-HT ∝ release / (1 − k·occupancy))");

    public static SerotoninParameter FiringIndependentRapheRelease { get; } = new("sero_raphe_release_firing_independent", 0.5, "1",
        Provenance.Assume("somatodendritic 5-HT in the raphe is partly impulse-independent (local release and uptake dominate its " +
            "response to SERT block); half is a neutral choice"),
        "Share of raphe (somatodendritic) 5-HT release that does not follow firing");

    public static SerotoninParameter Ht1aEc50 { get; } = new("sero_ht1a_ec50_rel", 5.0, "1",
        Provenance.Assume("basal extracellular 5-HT (a few nM) lies well below the autoreceptor's functional EC50, so activation " +
            "rises almost in proportion to 5-HT; EC50 5 × basal keeps a little saturation"),
        "5-HT concentration for half-maximal 5-HT1A autoreceptor activation, relative to basal raphe 5-HT");

    public static SerotoninParameter Ht1aBasalTone { get; } = new("sero_ht1a_basal_tone", 0.4, "1",
        Provenance.Calibrated("MECH-6 (depth of the early suppression, with the desensitisation rate). Checked against: a 5-HT1A " +
            "antagonist alone (WAY-100635) then raises firing 1/(1 − 0.4) ≈ 1.7-fold, within what awake-animal recordings report " +
            "(small in anaesthetised rats, large in behaving cats)"),
        "Fraction of maximal raphe firing that the basal autoreceptor activation suppresses");

    public static SerotoninParameter DesensitisationRate { get; } = new("sero_ht1a_desensitisation_rate", 0.005, "1/h",
        Provenance.Calibrated("MECH-6: firing back within 10% of baseline by day ≈ 18 on escitalopram 10 mg/day (target 14-21, band 10-25)"),
        "Rate constant k_d of autoreceptor sensitivity adaptation: d ln R/dt = −k_d·(activation/basal − 1)");

    public static SerotoninParameter ReferenceOccupancy { get; } = new("sero_reference_sert_occupancy", 0.8, "1",
        Provenance.Cite("Meyer et al. 2004, Am J Psychiatry 161:826: minimum therapeutic doses of SSRIs give ≈ 80% SERT occupancy"),
        "SERT occupancy of an adequate SSRI course: the drive is 1 at this occupancy once firing has adapted");

    public static SerotoninParameter DriveHalfEffect { get; } = new("sero_drive_half_effect", 0.5, "1",
        Provenance.Calibrated("CLIN-9 shape (about a third of the week-6 drive at week 1); also gives the flat SSRI dose-response " +
            "above the minimum effective dose (escitalopram 20 mg ≈ 1.05 × the 10 mg drive)"),
        "Excess terminal 5-HT (relative, above 1) for half of the maximal serotonergic transduction");

    public static SerotoninParameter DriveTimeConstant { get; } = new("sero_drive_time_constant", 1000, "h",
        Provenance.Calibrated("CLIN-9 shape: the week-1 share of the week-6 drug-placebo difference (≈ 0.4 with τ ≈ 6 weeks; the " +
            "expectancy of the placebo arm keeps growing, so the drug's share of what is left must build slowly — most remitters need " +
            "more than a month); also its decay after stopping"),
        "Time constant of the slow serotonergic plasticity drive");

    public static IReadOnlyList<SerotoninParameter> All { get; } =
    [
        SertClearanceFraction, FiringIndependentRapheRelease, Ht1aEc50, Ht1aBasalTone,
        DesensitisationRate, ReferenceOccupancy, DriveHalfEffect, DriveTimeConstant,
    ];
}
