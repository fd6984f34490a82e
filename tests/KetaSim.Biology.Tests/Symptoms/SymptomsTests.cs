using KetaSim.Biology.Calibration;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Symptoms;
using Xunit;
using static KetaSim.Biology.Tests.Mechanism.MechanismRuns;

namespace KetaSim.Biology.Tests.Symptoms;

public class SymptomsTests(ITestOutputHelper output)
{
    private static double MadrsChangeWith(PlaceboKind kind, double hours)
    {
        var s = MechanismScenarios.MidazolamTrd with
        {
            Name = $"test-placebo-{kind}",
            Mechanism = MechanismScenarios.TrdActivePlacebo with { Patient = MechanismScenarios.TrdActivePlacebo.Patient with { Placebo = kind } },
        };
        return At(Run(s), SymptomNames.MadrsChange, hours);
    }

    [Fact]
    public void Expectancy_is_larger_with_an_active_placebo_than_with_saline_and_absent_without_context()
    {
        double none = MadrsChangeWith(PlaceboKind.None, 24), saline = MadrsChangeWith(PlaceboKind.Saline, 24), active = MadrsChangeWith(PlaceboKind.ActivePlacebo, 24);
        output.WriteLine($"MADRS change at 24 h: none {none:F2}, saline {saline:F2}, active placebo {active:F2}");
        Assert.Equal(0, none, 1);
        Assert.True(active < saline && saline < -1);
    }

    [Fact]
    public void MADRS_stays_in_range_and_HAMD_follows_the_conversion()
    {
        var s = MechanismScenarios.KetamineTrd with
        {
            Name = "test-hyper-responder",
            Mechanism = MechanismScenarios.TrdActivePlacebo with { Patient = MechanismScenarios.TrdActivePlacebo.Patient with { BaselineMadrs = 20, Responsiveness = 10 } },
        };
        var r = Run(s);
        var madrs = r.Observable(MechanismNames.Madrs);
        var hamd = r.Observable(MechanismNames.Hamd17);
        output.WriteLine($"min MADRS {madrs.Min():F3}");
        Assert.All(madrs, m => Assert.InRange(m, -0.01, 60.01));
        // Every drive saturates: ten times the typical responsiveness brings MADRS far down, but the drug relief is bounded
        // (Emax, log units 3) and so is expectancy (2), so even this patient keeps at least baseline × e^−5.
        Assert.True(madrs.Min() < 0.2 * 20, "an extreme responder improves a lot");
        Assert.True(madrs.Min() >= 20 * Math.Exp(-5) - 1e-6, "the relief is bounded");
        for (int i = 0; i < madrs.Length; i += 50) Assert.Equal(SymptomsModule.HamdPerMadrs * madrs[i], hamd[i], 9);
    }

    [Fact]
    public void Mouse_behaviour_index_is_1_when_stressed_and_untreated_and_improves_after_ketamine()
    {
        var r = Run(MechanismScenarios.MouseKetamineAcute());
        var index = r.Observable(SymptomNames.StressBehaviourIndex);
        output.WriteLine($"index at 0 {index[0]:F3}, 1 h {At(r, SymptomNames.StressBehaviourIndex, 1):F3}, 24 h {At(r, SymptomNames.StressBehaviourIndex, 24):F3}");
        Assert.Equal(1, index[0], 2);
        Assert.True(At(r, SymptomNames.StressBehaviourIndex, 1) < 0.95);
    }
}
