using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using KetaSim.Population.Definitions;
using KetaSim.Population.Sampling;
using Xunit;

namespace KetaSim.Population.Tests.Sampling;

public class ApplyTests
{
    private static Scenario Esketamine(bool mechanism) => new()
    {
        Name = "esk56",
        Doses = [new DoseRecord { Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(56) }],
        DurationHours = 6,
        Mechanism = mechanism ? new MechanismSettings { Patient = PatientState.TypicalTrd with { Placebo = PlaceboKind.NewOralAntidepressant } } : null,
        ParameterOverrides = new Dictionary<string, double> { ["esk_Vc"] = 200 },
    };

    [Fact]
    public void Apply_sets_covariates_patient_and_only_the_models_parameters()
    {
        var subject = PopulationSampler.Sample(PopulationLibrary.Get("trd-adult"), 1, 3);
        var s = subject.Apply(Esketamine(mechanism: true));
        Assert.Equal(subject.Subject, s.Subject);
        var patient = s.Mechanism!.Patient;
        Assert.Equal(subject.Patient.BaselineMadrs, patient.BaselineMadrs);
        Assert.Equal(subject.Patient.StressSeverity, patient.StressSeverity);
        Assert.Equal(subject.Patient.Responsiveness, patient.Responsiveness);
        Assert.Equal(PlaceboKind.NewOralAntidepressant, patient.Placebo);   // the template's context is kept
        // The template's override is the typical value the subject's η acts on.
        Assert.Equal(200 * Math.Exp(subject.Etas["esk-Vc"]), s.ParameterOverrides["esk_Vc"], 12);
        Assert.True(s.ParameterOverrides.ContainsKey("spine_formation_gain"));
        Assert.False(s.ParameterOverrides.ContainsKey("ket_V1_ref"));   // not in an esketamine model
        Assert.False(s.ParameterOverrides.ContainsKey("esc_ka"));
        double frn = s.ParameterOverrides["esk_FRn"];
        Assert.InRange(frn, 0, 1);

        var pkOnly = subject.Apply(Esketamine(mechanism: false));
        Assert.Null(pkOnly.Mechanism);
        Assert.False(pkOnly.ParameterOverrides.ContainsKey("spine_formation_gain"));
    }

    [Fact]
    public void Applied_subjects_run_and_differ_in_exposure()
    {
        var pop = PopulationLibrary.Get("trd-adult");
        double[] cmax = Enumerable.Range(0, 4).Select(i =>
        {
            var run = ScenarioRunner.Shared.Run(PopulationSampler.Sample(pop, 5, i).Apply(Esketamine(mechanism: false)));
            return run.Observable("esketamine_plasma_ng_per_ml").Max();
        }).ToArray();
        Assert.All(cmax, c => Assert.True(c > 0 && double.IsFinite(c)));
        Assert.True(cmax.Distinct().Count() == 4);
    }

    [Fact]
    public void Every_parameter_a_builtin_population_varies_exists_in_a_model()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (compound, route, species) in new[]
        {
            ("esketamine", Route.Intranasal, Species.Human), ("ketamine", Route.IvInfusion, Species.Human),
            ("escitalopram", Route.Oral, Species.Human), ("ketamine", Route.Intraperitoneal, Species.Mouse),
        })
        {
            var scenario = new Scenario
            {
                Name = compound,
                Subject = species == Species.Mouse ? Subject.TypicalMouse : Subject.TypicalAdult,
                Doses = [new DoseRecord { Compound = compound, Route = route, Amount = DoseAmount.Mg(1), DurationHours = route == Route.IvInfusion ? 0.67 : 0 }],
                DurationHours = 1,
                Mechanism = new MechanismSettings(),
            };
            var model = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(scenario), ScenarioRunner.MechanismFor(scenario)).Model;
            foreach (var p in model.Parameters) names.Add(p.Name);
        }
        foreach (var popName in PopulationLibrary.Names)
            foreach (var e in PopulationLibrary.Get(popName).Effects)
                foreach (var p in e.Parameters)
                    Assert.True(names.Contains(p), $"{popName}: effect '{e.Name}' varies '{p}', which no model has");
    }

    [Fact]
    public void Mouse_population_samples_mice_and_refuses_a_human_scenario()
    {
        var mouse = PopulationSampler.Sample(PopulationLibrary.Get("stressed-mouse"), 1, 0);
        Assert.Equal(Species.Mouse, mouse.Subject.Species);
        Assert.False(mouse.Patient.TreatmentResistant);
        Assert.Throws<ArgumentException>(() => mouse.Apply(Esketamine(mechanism: true)));
    }
}

/// <summary>SmallCohort now draws from the shared generator; its stream must be bit-identical to its former private SplitMix64.</summary>
public class SmallCohortReproducibilityTests
{
    /// <summary>The former private generator of SmallCohort, verbatim: the reference for bit-identity.</summary>
    private struct FormerSplitMix64(ulong state)
    {
        private ulong _state = state;
        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
            return z ^ (z >> 31);
        }
        public ulong Next() { _state += 0x9E37_79B9_7F4A_7C15UL; return Mix(_state); }
        public double NextOpenUnit() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53));
        public double NextStandardNormal()
        {
            double u1 = NextOpenUnit(), u2 = NextOpenUnit();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }

    [Fact]
    public void SmallCohort_etas_are_bit_identical_to_the_former_generator()
    {
        var cohort = new SmallCohort();
        foreach (int subject in new[] { 0, 1, 57, 199 })
        {
            var rng = new FormerSplitMix64(FormerSplitMix64.Mix(cohort.Seed) ^ FormerSplitMix64.Mix(0x632B_E59B_D9B4_E019UL + (ulong)subject));
            var etas = cohort.Etas(subject);
            for (int k = 0; k < etas.Length; k++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(cohort.Terms[k].Omega * rng.NextStandardNormal()), BitConverter.DoubleToInt64Bits(etas[k]));
        }
    }
}
