using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.IO.Input;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Tests.Trials;

public class TrialReaderTests
{
    internal const string File = "trial.yaml";

    internal const string Valid = """
        name: ket-vs-mid
        description: test trial
        population: trd-adult
        subjects: 200
        seed: 7
        duration: 7 d
        visits: [24 h, 72 h, 7 d]
        placebo: active-placebo
        randomisation: "2:1"
        arms:
          - name: ketamine
            doses:
              - { drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min }
          - name: midazolam
            doses:
              - { drug: midazolam, route: iv-infusion, amount: 0.045 mg/kg, duration: 40 min }
        control: midazolam
        endpoints:
          remission: { madrs_max: 10 }
          response: { fraction: 0.5 }
          relapse: { madrs_min: 22, consecutive_visits: 2, after_remission: true }
        dropout: { per_week: 0.02 }
        measurement_noise: true
        """;

    internal static TrialDefinition Read(string yaml) => TrialReader.Read(yaml, File);

    [Fact]
    public void Reads_every_field_of_a_parallel_trial()
    {
        var t = Read(Valid);
        Assert.Equal("ket-vs-mid", t.Name);
        Assert.Equal("test trial", t.Description);
        Assert.Equal("trd-adult", t.Population.Name);
        Assert.Equal(200, t.DefaultSubjectCount);
        Assert.Equal(7UL, t.DefaultSeed);
        Assert.Equal(168, t.DurationHours);
        Assert.Equal([24.0, 72, 168], t.VisitTimesHours);
        Assert.Equal(["ketamine", "midazolam"], t.Arms.Select(a => a.Name));
        Assert.Equal([2.0, 1.0], t.Arms.Select(a => a.RandomisationWeight));
        Assert.All(t.Arms, a => Assert.Equal(PlaceboKind.ActivePlacebo, a.RegimenTemplate.Mechanism!.Patient.Placebo));
        var dose = Assert.Single(t.Arms[0].RegimenTemplate.Doses);
        Assert.Equal("ketamine", dose.Compound);
        Assert.Equal(Route.IvInfusion, dose.Route);
        Assert.Equal(DoseAmount.MgPerKg(0.5), dose.Amount);
        Assert.Equal(40.0 / 60, dose.DurationHours!.Value, 12);
        Assert.Equal("midazolam", t.ControlArm);
        Assert.Equal(1, t.ControlArmIndex);
        Assert.Equal(RatingScale.Madrs, t.Scale);
        Assert.Equal(10, t.RemissionThreshold);
        Assert.Equal(0.5, t.ResponseFraction);
        Assert.Equal(new RelapseRule(22, 2, true), t.Relapse);
        Assert.Equal(0.02, t.DropoutHazardPerWeek);
        Assert.True(t.MeasurementNoise);
        Assert.Null(t.Withdrawal);
        t.Validate(t.DefaultSubjectCount);
    }

    [Fact]
    public void Defaults_when_optional_keys_are_absent()
    {
        var t = Read("""
            population: mdd-adult
            duration: 6 weeks
            visits: [{ every: 1 week, until: 6 week }]
            arms:
              - name: placebo
                placebo: inert
            """);
        Assert.Equal("trial", t.Name);   // the file name
        Assert.Equal(1000, t.DefaultSubjectCount);
        Assert.Equal(1UL, t.DefaultSeed);
        Assert.Equal(Enumerable.Range(1, 6).Select(w => w * 168.0), t.VisitTimesHours);
        Assert.Equal(10, t.RemissionThreshold);
        Assert.Equal(new RelapseRule(22, 2, true), t.Relapse);
        Assert.Null(t.DropoutHazardPerWeek);
        Assert.False(t.MeasurementNoise);
        Assert.Null(t.ControlArm);
        var arm = Assert.Single(t.Arms);
        Assert.Empty(arm.RegimenTemplate.Doses);
        Assert.Equal(PlaceboKind.Saline, arm.RegimenTemplate.Mechanism!.Patient.Placebo);
        Assert.Equal(1, arm.RandomisationWeight);
        Assert.Null(arm.TreatmentResistant);
    }

    [Fact]
    public void Background_doses_come_before_the_arm_doses_and_patient_overrides_apply()
    {
        var t = Read("""
            population: trd-adult
            duration: 8 d
            visits: [2 h, 24 h, 7 d]
            placebo: new-oral-antidepressant
            patient: { trd: false }
            background:
              - { drug: escitalopram, route: oral, amount: 10 mg, schedule: daily for 8 days }
            dose_hold: label
            arms:
              - name: placebo-spray
                doses: []
              - name: esketamine
                patient: { trd: true, resting_systolic: 130 }
                dose_hold: none
                doses:
                  - { drug: esketamine, route: intranasal, amount: 56 mg, schedule: "on days 1, 4" }
            """);
        var placebo = t.Arms[0].RegimenTemplate;
        Assert.Equal(8, placebo.Doses.Count);
        Assert.All(placebo.Doses, d => Assert.Equal("escitalopram", d.Compound));
        Assert.False(t.Arms[0].TreatmentResistant);
        Assert.NotNull(placebo.DoseHold);
        var esk = t.Arms[1].RegimenTemplate;
        Assert.Equal(10, esk.Doses.Count);
        Assert.Equal([0.0, 72], esk.Doses.Where(d => d.Compound == "esketamine").Select(d => d.TimeHours));
        Assert.True(t.Arms[1].TreatmentResistant);
        Assert.Equal(130, esk.Mechanism!.Patient.BaselineSystolicMmHg);
        Assert.Equal(PlaceboKind.NewOralAntidepressant, esk.Mechanism.Patient.Placebo);
        Assert.Null(esk.DoseHold);
    }

    [Fact]
    public void Hamd17_endpoints_set_the_scale_and_its_defaults()
    {
        var t = Read("""
            population: mdd-adult
            duration: 14 weeks
            visits: [2 week, 14 week]
            arms:
              - name: citalopram
                doses: [{ drug: citalopram, route: oral, amount: 20 mg, schedule: daily for 14 weeks }]
            endpoints:
              remission: { hamd17_max: 7 }
            """);
        Assert.Equal(RatingScale.Hamd17, t.Scale);
        Assert.Equal(7, t.RemissionThreshold);
        Assert.Equal(22 * 0.7, t.Relapse.Threshold, 12);
    }

    [Fact]
    public void Dropout_by_end_is_the_constant_hazard_with_that_fraction()
    {
        var t = Read(Valid.Replace("dropout: { per_week: 0.02 }", "dropout: { by_end: 0.2 }"));
        double weeks = 1;
        Assert.Equal(0.2, 1 - Math.Exp(-t.DropoutHazardPerWeek!.Value * weeks), 12);
    }

    [Fact]
    public void Arm_ratios_are_weights()
    {
        var t = Read(Valid.Replace("randomisation: \"2:1\"\n", "").Replace("  - name: ketamine\n", "  - name: ketamine\n    ratio: 3\n"));
        Assert.Equal([3.0, 1.0], t.Arms.Select(a => a.RandomisationWeight));
    }

    [Fact]
    public void Unquoted_randomisation_ratio_reads_too()
    {
        var t = Read(Valid.Replace("randomisation: \"2:1\"", "randomisation: 2:1"));
        Assert.Equal([2.0, 1.0], t.Arms.Select(a => a.RandomisationWeight));
    }

    [Fact]
    public void Population_path_is_relative_to_the_trial_file()
    {
        var dir = Directory.CreateTempSubdirectory("ketasim-trial-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "pops"));
            System.IO.File.WriteAllText(Path.Combine(dir.FullName, "pops", "mine.yaml"), "name: mine\ninclusion: { madrs_min: 20 }\n");
            var path = Path.Combine(dir.FullName, "t.yaml");
            System.IO.File.WriteAllText(path, Valid.Replace("population: trd-adult", "population: pops/mine.yaml"));
            var t = TrialReader.ReadFile(path);
            Assert.Equal("mine", t.Population.Name);
            Assert.Equal(20, t.Population.MadrsMin);
            // baseDirectory overrides the file's own directory.
            var t2 = TrialReader.Read(Valid.Replace("population: trd-adult", "population: mine.yaml"), "x.yaml", Path.Combine(dir.FullName, "pops"));
            Assert.Equal("mine", t2.Population.Name);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Withdrawal_design_is_read()
    {
        var t = Read(WithdrawalYaml);
        Assert.Equal(new WithdrawalDesign(4 * 168, 2), t.Withdrawal);
        Assert.Equal(4, t.OpenLabelVisitCount);
        t.Validate(10);
    }

    internal const string WithdrawalYaml = """
        name: wd
        population: trd-adult
        duration: 8 weeks
        visits: [{ every: 1 week, until: 4 week }, { every: 1 week, from: 5 week, until: 8 week }]
        placebo: saline
        withdrawal: { randomise_at: 4 week, stable_visits: 2 }
        arms:
          - name: continue
            doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min, schedule: weekly for 8 weeks }]
          - name: stop
            doses: [{ drug: ketamine, route: iv-infusion, amount: 0.5 mg/kg, duration: 40 min, schedule: weekly for 4 weeks }]
        endpoints:
          relapse: { madrs_min: 22, consecutive_visits: 2 }
        """;
}
