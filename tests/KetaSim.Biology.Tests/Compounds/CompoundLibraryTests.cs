using KetaSim.Biology.Compounds;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Compounds;

public class CompoundLibraryTests
{
    private static CompoundLibrary Lib => CompoundLibrary.BuiltIn;

    [Theory]
    [InlineData("ketamine"), InlineData("esketamine"), InlineData("escitalopram"), InlineData("citalopram"), InlineData("midazolam"),
     InlineData("naltrexone"), InlineData("rapamycin"), InlineData("illustrative-mor-agonist"), InlineData("illustrative-rxfp3-agonist"),
     InlineData("illustrative-prokr2-antagonist")]
    public void The_built_in_library_lists_every_required_compound_and_each_resolves_to_a_PK_model(string name)
    {
        Assert.True(Lib.TryGetCompound(name, out var c), $"{name} missing from the built-in library");
        Assert.True(c.Pk.ContainsKey(Species.Human));
        Assert.Equal(name, PkLibrary.Get(name, Species.Human).Compound);
    }

    [Theory]
    [InlineData("s-ketamine"), InlineData("r-ketamine"), InlineData("s-norketamine"), InlineData("r-norketamine"), InlineData("hnk"),
     InlineData("escitalopram"), InlineData("r-citalopram"), InlineData("naltrexone"), InlineData("midazolam"), InlineData("rapamycin")]
    public void Every_required_moiety_has_binding_data(string ligand) => Assert.True(Lib.Ligands.ContainsKey(ligand), ligand);

    [Fact]
    public void Illustrative_compounds_are_flagged_and_say_the_real_ones_are_not_public()
    {
        var illustrative = Lib.Compounds.Values.Where(c => c.Illustrative).Select(c => c.Name).Order().ToArray();
        Assert.Equal(["illustrative-mor-agonist", "illustrative-nmda-blocker", "illustrative-prokr2-antagonist", "illustrative-rxfp3-agonist"], illustrative);
        Assert.StartsWith("ILLUSTRATIVE", Lib.Ligands["illustrative-nmda-blocker"].Description);
        Assert.Contains("not a real drug", Lib.Compounds["illustrative-nmda-blocker"].Description);
        foreach (var name in illustrative.Where(n => n != "illustrative-nmda-blocker"))
        {
            Assert.Contains("not public", Lib.Compounds[name].Description);
            Assert.StartsWith("ILLUSTRATIVE", Lib.Ligands[name].Description);
            Assert.True(Lib.Compounds[name].Pk.ContainsKey(Species.Mouse), $"{name} needs a mouse block for the combination experiments");
        }
        Assert.DoesNotContain(Lib.Compounds.Values, c => !c.Illustrative && c.Name.StartsWith("illustrative", StringComparison.Ordinal));
    }

    [Fact]
    public void The_paper_anchors_are_the_values_used()
    {
        Assert.Equal(0.30, Lib.Ligands["s-ketamine"].Targets["NMDA"].AffinityUm);
        Assert.Equal(1.4, Lib.Ligands["r-ketamine"].Targets["NMDA"].AffinityUm);
        Assert.Equal(1.7, Lib.Ligands["s-norketamine"].Targets["NMDA"].AffinityUm);
        Assert.Equal(13, Lib.Ligands["r-norketamine"].Targets["NMDA"].AffinityUm);
        Assert.Equal(46, Lib.Ligands["hnk"].Targets["NMDA"].AffinityUm);
        // S and R MOR/KOR Ki reproduce the racemic Hirota 1999 values (50:50 mixture, Hill 1): 1/K = 0.5/K_S + 0.5/K_R.
        foreach (var (target, racemic) in new[] { ("MOR", 42.0), ("KOR", 28.0) })
        {
            double ks = Lib.Ligands["s-ketamine"].Targets[target].AffinityUm, kr = Lib.Ligands["r-ketamine"].Targets[target].AffinityUm;
            Assert.Equal(racemic, 1 / (0.5 / ks + 0.5 / kr), 6);
            Assert.InRange(kr / ks, 2, 3);
        }
        Assert.Empty(Lib.Ligands["midazolam"].Targets);
    }

    [Fact]
    public void Every_binding_and_every_generic_value_carries_a_source()
    {
        foreach (var l in Lib.Ligands.Values)
            foreach (var b in l.Targets.Values)
            {
                Assert.False(string.IsNullOrWhiteSpace(b.Source));
                Assert.InRange(b.Efficacy, 0, 1);
                Assert.Contains(b.Target, MechanismNames.Targets.All);
            }
    }

    [Fact]
    public void Mouse_subjects_get_mouse_blocks_and_compounds_without_one_are_refused()
    {
        Assert.IsType<MouseKetaminePk>(PkLibrary.Get("ketamine", Species.Mouse));
        var rapa = Assert.IsType<GenericPkModule>(PkLibrary.Get("rapamycin", Species.Mouse));
        Assert.Equal(Species.Mouse, rapa.Set.Species);
        var ex = Assert.Throws<ArgumentException>(() => PkLibrary.Get("midazolam", Species.Mouse));
        Assert.Contains("rapamycin", ex.Message);
    }

    [Fact]
    public void A_user_file_is_merged_over_the_built_ins()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ketasim-compounds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "mine.yaml"), BadDataTests.ValidUserCompound);
            var lib = CompoundLibrary.Load(dir);
            Assert.True(lib.Compounds.ContainsKey("my-mor-agonist"));
            Assert.True(lib.Compounds.ContainsKey("ketamine"));
            Assert.NotEqual(CompoundLibrary.BuiltIn.Fingerprint, lib.Fingerprint);
            Assert.Equal(0.01, lib.Ligands["my-mor-agonist"].Targets["MOR"].AffinityUm);
            Assert.IsType<GenericPkModule>(lib.PkModule("my-mor-agonist", Species.Human));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
