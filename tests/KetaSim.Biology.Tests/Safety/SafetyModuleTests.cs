using KetaSim.Biology.Calibration;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Safety;
using KetaSim.Biology.Scenarios;
using KetaSim.Modeling.Expressions;
using Xunit;
using static KetaSim.Biology.Tests.Safety.SafetyRuns;

namespace KetaSim.Biology.Tests.Safety;

public class SafetyModuleTests
{
    private static readonly string[] SafetyObservables =
        [MechanismNames.SystolicMmHg, MechanismNames.DiastolicMmHg, MechanismNames.HeartRateBpm, MechanismNames.Cadss, MechanismNames.Moaas, MechanismNames.DrugLiking];

    [Theory]
    [InlineData("ketamine")]
    [InlineData("esketamine")]
    public void Blood_pressure_and_heart_rate_return_to_baseline(string compound)
    {
        var dose = compound == "ketamine" ? KetamineIv() : Esketamine(84);
        var r = Run(Human($"safety-test-bp-return-{compound}", 24, dose));
        foreach (var (name, baseline) in new[] { (MechanismNames.SystolicMmHg, 125.0), (MechanismNames.DiastolicMmHg, 80.0), (MechanismNames.HeartRateBpm, 72.0) })
        {
            var y = r.Observable(name);
            Assert.Equal(baseline, y[0], 1e-9);
            int peak = Array.IndexOf(y, y.Max());
            Assert.True(y[peak] > baseline + 3, $"{name}: no rise");
            for (int i = peak + 1; i < y.Length; i++) Assert.True(y[i] <= y[i - 1] + 1e-9, $"{name} rises again at {r.TimesHours[i]} h");
            Assert.InRange(y[^1] - baseline, 0, 0.5);
        }
        Assert.InRange(SafetyMeasures.At(r, MechanismNames.SystolicMmHg, 6) - 125, 0, 3);
    }

    [Fact]
    public void Without_a_relevant_drug_the_observables_sit_at_the_patients_baseline()
    {
        var s = Human("safety-test-escitalopram-only", 48,
            new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10), IntervalHours = 24, AdditionalDoses = 1 });
        s = DoseHoldRule.WithBaselineBloodPressure(s, 150, 95);
        var r = Run(s);
        Assert.All(r.Observable(MechanismNames.SystolicMmHg), v => Assert.Equal(150, v));
        Assert.All(r.Observable(MechanismNames.DiastolicMmHg), v => Assert.Equal(95, v));
        Assert.All(r.Observable(MechanismNames.HeartRateBpm), v => Assert.Equal(72, v));
        Assert.All(r.Observable(MechanismNames.Cadss), v => Assert.Equal(0, v));
        Assert.All(r.Observable(MechanismNames.Moaas), v => Assert.Equal(5, v));
        Assert.All(r.Observable(MechanismNames.DrugLiking), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Mouse_models_get_no_clinical_scales()
    {
        var s = BuiltInScenarios.MouseKetamineIp10 with { Name = "safety-test-mouse", Mechanism = new MechanismSettings() };
        var model = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(s), ScenarioRunner.MechanismFor(s)).Model;
        foreach (var name in SafetyObservables) Assert.False(model.HasObservable(name), name);
    }

    /// <summary>Every symbol an observable's definition reaches (through parameters' derived definitions too).</summary>
    private static IEnumerable<string> Symbols(Expr e) => e switch
    {
        StateVar s => [s.Name],
        Param p => [p.Name],
        _ => e.Children.SelectMany(Symbols),
    };

    private static bool IsCellOrCircuit(string x) => x.StartsWith("expression_", StringComparison.Ordinal)
        || x.StartsWith("sst_", StringComparison.Ordinal) || x.StartsWith("pyr_", StringComparison.Ordinal) || x.StartsWith("circuit_", StringComparison.Ordinal);

    [Fact]
    public void Each_safety_scale_reads_only_its_own_drivers()
    {
        var s = Human("safety-test-structure", 1, KetamineIv(), Esketamine(56));
        var model = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(s), ScenarioRunner.MechanismFor(s)).Model;
        List<string> SymbolsOf(string name) => Symbols(model.Observables[model.ObservableIndex(name)].Definition).ToList();

        // No scale reads a cell's receptor expression or the circuit: MOR@SST knockouts and circuit hypotheses cannot move them.
        foreach (var name in SafetyObservables)
        {
            var symbols = SymbolsOf(name);
            Assert.NotEmpty(symbols);
            Assert.DoesNotContain(symbols, IsCellOrCircuit);
        }
        // Blood pressure and heart rate: the sympathomimetic exposure (PK) only, never a receptor of the targets layer.
        foreach (var name in new[] { MechanismNames.SystolicMmHg, MechanismNames.DiastolicMmHg, MechanismNames.HeartRateBpm })
            Assert.DoesNotContain(SymbolsOf(name), x => x.StartsWith("ki_", StringComparison.Ordinal) || x.Contains("MOR", StringComparison.Ordinal));
        // Dissociation: NMDA block, nothing opioid.
        var cadss = SymbolsOf(MechanismNames.Cadss);
        Assert.Contains("ki_NMDA_s_ketamine", cadss);
        Assert.DoesNotContain(cadss, x => x.Contains("MOR", StringComparison.Ordinal));
        // Sedation and drug liking: NMDA block and MOR agonism at receptor level.
        foreach (var name in new[] { MechanismNames.Moaas, MechanismNames.DrugLiking })
        {
            var symbols = SymbolsOf(name);
            Assert.Contains("ki_NMDA_s_ketamine", symbols);
            Assert.Contains("ki_MOR_s_ketamine", symbols);
        }
    }

    private static void AssertSameSafety(Scenario a, Scenario b, IEnumerable<string> observables)
    {
        var ra = Run(a);
        var rb = Run(b);
        foreach (var name in observables)
        {
            var ya = ra.Observable(name);
            var yb = rb.Observable(name);
            Assert.Equal(ya.Length, yb.Length);
            for (int i = 0; i < ya.Length; i++) Assert.True(Math.Abs(ya[i] - yb[i]) < 1e-4, $"{name} differs at {ra.TimesHours[i]} h: {ya[i]} vs {yb[i]}");
        }
        Assert.True(ra.Observable(MechanismNames.Cadss).Max() > 5, "the comparison needs real dissociation");
    }

    [Fact]
    public void Naltrexone_does_not_block_dissociation_or_the_pressor_effect()
    {
        Assert.SkipUnless(PkLibrary.Contains("naltrexone"), "naltrexone is not in the compound library yet");
        var ketamineAt1h = Human("safety-test-ketamine-at-1h", 6, KetamineIv(1));
        var withNaltrexone = Human("safety-test-naltrexone-then-ketamine", 6,
            new DoseRecord { Compound = "naltrexone", Route = Route.Oral, Amount = DoseAmount.Mg(50) }, KetamineIv(1));
        AssertSameSafety(ketamineAt1h, withNaltrexone, [MechanismNames.Cadss, MechanismNames.SystolicMmHg, MechanismNames.DiastolicMmHg, MechanismNames.HeartRateBpm]);

        // Sedation and liking carry ketamine's own (weak, partial) MOR agonism, which naltrexone removes: a trace only.
        var a = Run(ketamineAt1h);
        var b = Run(withNaltrexone);
        Assert.InRange(a.Observable(SafetyParameters.MorAgonismObservable).Max(), 0.001, 0.02);
        Assert.True(SafetyMeasures.At(b, SafetyParameters.MorAgonismObservable, 1.5) < -0.2, "naltrexone takes MOR below its endogenous tone");
        for (int i = 0; i < a.TimesHours.Length; i++)
        {
            Assert.InRange(b.Observable(MechanismNames.Moaas)[i] - a.Observable(MechanismNames.Moaas)[i], -1e-9, 0.05);
            Assert.InRange(a.Observable(MechanismNames.DrugLiking)[i] - b.Observable(MechanismNames.DrugLiking)[i], -1e-9, 1.0);
        }
    }

    [Fact]
    public void Deleting_MOR_from_SST_cells_changes_no_safety_scale()
    {
        var intact = Human("safety-test-ketamine-intact", 6, KetamineIv());
        var model = ScenarioRunner.Shared.CompiledModelFor(ScenarioRunner.ModulesFor(intact), ScenarioRunner.MechanismFor(intact)).Model;
        string expression = MechanismNames.Expression(MechanismNames.Targets.Mor, Cells.Sst);
        Assert.SkipUnless(model.Parameters.Any(p => p.Name == expression), "the targets layer does not place MOR on SST cells yet");
        var knockout = intact with { Name = "safety-test-ketamine-mor-sst-ko", Mechanism = new MechanismSettings { Knockouts = [new Knockout(MechanismNames.Targets.Mor, Cells.Sst)] } };
        AssertSameSafety(intact, knockout, SafetyObservables);
    }

    [Fact]
    public void Drug_liking_combines_NMDA_block_anchored_at_71_ng_per_ml_S_ketamine_and_MOR_agonism()
    {
        // The anchor: Simons 2022's 71 ng/mL S-ketamine (plasma), unbound (fu 0.55) over the S-ketamine NMDA Ki (0.30 µM).
        double b50 = 71 * 0.55 / 237.7 / 0.30;
        foreach (var r in new[] { Run(SafetyScenarios.KetamineIv05), Run(SafetyScenarios.EsketamineNasal(84)) })
        {
            var block = r.Observable(SafetyParameters.NmdaBlockOddsObservable);
            var mor = r.Observable(SafetyParameters.MorAgonismObservable);
            var liking = r.Observable(MechanismNames.DrugLiking);
            for (int i = 0; i < block.Length; i += 10)
            {
                double u = block[i] / b50 + Math.Max(0, mor[i]) / 0.3;
                Assert.Equal(100 * u * u / (u * u + 1), liking[i], 1e-6);
            }
        }

        // Esketamine alone, rising phase (before noresketamine, which counts 0): half-maximal near 71 ng/mL plasma.
        var esk = Run(SafetyScenarios.EsketamineNasal(84));
        var c = esk.Observable("esketamine_plasma_ng_per_ml");
        var h = esk.Observable(MechanismNames.DrugLiking);
        int near71 = Enumerable.Range(0, c.Length).Where(i => esk.TimesHours[i] < 0.5).MinBy(i => Math.Abs(c[i] - 71));
        Assert.InRange(c[near71], 69, 73);
        Assert.InRange(h[near71], 48, 53);
    }

    [Fact]
    public void Dissociation_follows_cortical_NMDA_block_and_norketamine_does_not_count()
    {
        var r = Run(SafetyScenarios.EsketamineNasal(84));
        var block = r.Observable(SafetyParameters.NmdaBlockOddsObservable);
        var occS = r.Observable("occupancy_NMDA_s_ketamine");
        var occ = r.Observable("occupancy_NMDA");
        var occNor = r.Observable("occupancy_NMDA_s_norketamine");
        Assert.True(occNor.Max() > 0.1, "noresketamine does occupy NMDA receptors");
        for (int i = 0; i < block.Length; i += 10)
            Assert.Equal(occS[i] / (1 - occ[i]), block[i], 1e-9);

        // The CADSS rise follows the block: peak within one output step of the block's (tolerance building within the
        // session pulls it slightly earlier).
        int peakBlock = Array.IndexOf(block, block.Max());
        var cadss = r.Observable(MechanismNames.Cadss);
        Assert.InRange(Array.IndexOf(cadss, cadss.Max()), peakBlock - 1, peakBlock);
    }

    [Fact]
    public void The_illustrative_MOR_agonist_shows_its_own_abuse_liability_but_no_dissociation_or_pressor_effect()
    {
        var r = Run(Human("safety-test-illustrative-mor", 12,
            new DoseRecord { Compound = "illustrative-mor-agonist", Route = Route.Oral, Amount = DoseAmount.Mg(4) }));
        Assert.All(r.Observable(MechanismNames.Cadss), v => Assert.Equal(0, v));
        Assert.All(r.Observable(MechanismNames.SystolicMmHg), v => Assert.Equal(125, v)); // no sympathomimetic data: unknown, not absent
        Assert.True(r.Observable(SafetyParameters.MorAgonismObservable).Max() > 0.01);
        Assert.True(r.Observable(MechanismNames.DrugLiking).Max() > 1, "MOR agonism above baseline is liked");
        Assert.True(r.Observable(MechanismNames.Moaas).Min() < 5);
    }

    [Fact]
    public void Midazolam_sedates_adds_to_ketamine_and_leaves_dissociation_and_blood_pressure_alone()
    {
        Assert.SkipUnless(PkLibrary.Contains("midazolam"), "midazolam is not in the compound library yet");
        var midazolam = new DoseRecord { Compound = "midazolam", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(0.045), DurationHours = 40.0 / 60 };
        var alone = Run(Human("safety-test-midazolam", 6, midazolam));
        double lowest = alone.Observable(MechanismNames.Moaas).Min();
        Assert.InRange(lowest, 3, 4.99);
        Assert.All(alone.Observable(MechanismNames.Cadss), v => Assert.Equal(0, v));
        Assert.All(alone.Observable(MechanismNames.SystolicMmHg), v => Assert.Equal(125, v));

        var ketamine = Run(Human("safety-test-ketamine-only", 6, KetamineIv()));
        var both = Run(Human("safety-test-ketamine-midazolam", 6, KetamineIv(), midazolam));
        Assert.True(both.Observable(MechanismNames.Moaas).Min() < ketamine.Observable(MechanismNames.Moaas).Min() - 0.1);
        Assert.Equal(ketamine.Observable(MechanismNames.Cadss).Max(), both.Observable(MechanismNames.Cadss).Max(), 1e-4);
    }

    [Fact]
    public void Dissociation_tolerance_builds_over_close_sessions_and_fades_over_weeks()
    {
        var close = Run(Human("safety-test-tolerance-3d", 3 * 24 + 4, Esketamine(56), Esketamine(56, 3 * 24)));
        var first = SafetyMeasures.Dissociation(close, 0).Peak;
        var second = SafetyMeasures.Dissociation(close, 72).Peak;
        Assert.True(second < 0.95 * first, $"second session {second:F2} vs first {first:F2}");

        var apart = Run(Human("safety-test-tolerance-10wk", 70 * 24 + 4, Esketamine(56), Esketamine(56, 70 * 24)));
        Assert.Equal(SafetyMeasures.Dissociation(apart, 0).Peak, SafetyMeasures.Dissociation(apart, 70 * 24).Peak, 0.02 * first);
    }

    [Fact]
    public void A_sensitive_patient_dissociates_more_and_the_score_stays_on_its_scale()
    {
        var typical = Run(Human("safety-test-cadss-typical", 4, Esketamine(84)));
        var sensitive = Human("safety-test-cadss-sensitive", 4, Esketamine(84)) with
        {
            ParameterOverrides = new Dictionary<string, double> { [SafetyParameters.CadssSensitivity] = 50 },
        };
        var r = Run(sensitive);
        Assert.True(r.Observable(MechanismNames.Cadss).Max() > typical.Observable(MechanismNames.Cadss).Max() * 5);
        Assert.All(r.Observable(MechanismNames.Cadss), v => Assert.InRange(v, 0, 92));
        Assert.All(r.Observable(MechanismNames.Moaas), v => Assert.InRange(v, 0, 5));
    }
}
