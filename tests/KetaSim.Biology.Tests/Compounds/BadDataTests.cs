using KetaSim.Biology.Compounds;
using KetaSim.Biology.Mechanism;
using Xunit;

namespace KetaSim.Biology.Tests.Compounds;

/// <summary>Every kind of bad compound data gives one located message: file, line, field, value, what is allowed.</summary>
public class BadDataTests
{
    internal const string ValidUserCompound = """
        ligands:
          my-mor-agonist:
            description: a user's MOR agonist
            targets:
              MOR:
                ki_um: 0.01
                efficacy: 0.8
                source: "assumption: test value"
        compounds:
          my-mor-agonist:
            description: a user's compound
            pk:
              human:
                generic:
                  reference_weight_kg: 70
                  molar_mass_g_per_mol: 300
                  clearance_l_per_h: { value: 30, source: "assumption: test" }
                  central_volume_l: { value: 100, source: "assumption: test" }
                  unbound_fraction: { value: 0.5, source: "assumption: test" }
                  kp_uu_brain: { value: 1, source: "assumption: test" }
                  routes:
                    oral:
                      ka_per_h: { value: 1, source: "assumption: test" }
                      bioavailability: { value: 0.5, source: "assumption: test" }
        """;

    private static ModelDataException Fails(string yaml)
    {
        var ex = Assert.Throws<ModelDataException>(() => CompoundLibrary.Parse([("user.yaml", yaml)], CompoundLibrary.BuiltIn));
        Assert.Equal("user.yaml", ex.File);
        Assert.StartsWith($"user.yaml:{ex.Line}: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static int LineOf(string yaml, string fragment) =>
        yaml.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(fragment, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void The_valid_user_file_loads()
    {
        var lib = CompoundLibrary.Parse([("user.yaml", ValidUserCompound)], CompoundLibrary.BuiltIn);
        Assert.True(lib.Compounds.ContainsKey("my-mor-agonist"));
    }

    [Fact]
    public void Efficacy_outside_0_to_1()
    {
        string yaml = ValidUserCompound.Replace("efficacy: 0.8", "efficacy: 1.4");
        var ex = Fails(yaml);
        Assert.Equal("ligands.my-mor-agonist.targets.MOR.efficacy", ex.Field);
        Assert.Equal("1.4", ex.Value);
        Assert.Equal(LineOf(yaml, "efficacy: 1.4"), ex.Line);
        Assert.Equal($"user.yaml:{ex.Line}: ligands.my-mor-agonist.targets.MOR.efficacy = '1.4': efficacy must be in [0, 1] (0 antagonist/blocker/inhibitor, 1 full agonist, between: partial agonist)", ex.Message);
    }

    [Fact]
    public void Unknown_target_lists_the_allowed_ones()
    {
        string yaml = ValidUserCompound.Replace("      MOR:", "      MOPR:");
        var ex = Fails(yaml);
        Assert.Equal("ligands.my-mor-agonist.targets", ex.Field);
        Assert.Equal("MOPR", ex.Value);
        Assert.Equal(LineOf(yaml, "MOPR:"), ex.Line);
        foreach (var t in MechanismNames.Targets.All) Assert.Contains(t, ex.Message);
    }

    [Fact]
    public void A_compound_without_PK()
    {
        string yaml = ValidUserCompound[..ValidUserCompound.IndexOf("    pk:", StringComparison.Ordinal)];
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-mor-agonist.pk", ex.Field);
        Assert.Null(ex.Value);
        Assert.Equal(yaml.Split('\n').ToList().FindLastIndex(l => l == "  my-mor-agonist:") + 1, ex.Line);
        Assert.Contains("generic", ex.Message);
        Assert.Contains("ketamine-racemic-human", ex.Message);
    }

    [Fact]
    public void A_species_block_with_neither_model_nor_generic()
    {
        string yaml = """
            compounds:
              foo:
                description: no model
                ligand: naltrexone
                pk:
                  human:
                    moieties: []
            """;
        var ex = Fails(yaml);
        Assert.Equal("compounds.foo.pk.human", ex.Field);
        Assert.Equal(6, ex.Line);
    }

    [Fact]
    public void Unknown_built_in_PK_model()
    {
        string yaml = """
            compounds:
              my-ketamine:
                description: ketamine with a typo in the model key
                pk:
                  human:
                    model: ketamine-racemic-humen
                    moieties:
                      - { ligand: s-ketamine, observable: s_ketamine_brain_unbound_um }
            """;
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-ketamine.pk.human.model", ex.Field);
        Assert.Equal("ketamine-racemic-humen", ex.Value);
        Assert.Equal(6, ex.Line);
        Assert.Contains("ketamine-racemic-human", ex.Message);
    }

    [Fact]
    public void A_moiety_without_binding_data()
    {
        string yaml = """
            compounds:
              my-ketamine:
                description: names a ligand nobody defined
                pk:
                  human:
                    model: ketamine-racemic-human
                    moieties:
                      - { ligand: s-ketamine, observable: s_ketamine_brain_unbound_um }
                      - { ligand: x-ketamine, observable: r_ketamine_brain_unbound_um }
            """;
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-ketamine.pk.human.moieties[1].ligand", ex.Field);
        Assert.Equal("x-ketamine", ex.Value);
        Assert.Equal(9, ex.Line);
        Assert.Contains("moiety without binding data", ex.Message);
    }

    [Fact]
    public void A_generic_compound_whose_ligand_has_no_binding_data()
    {
        string yaml = ValidUserCompound.Replace("    description: a user's compound", "    description: a user's compound\n    ligand: nothing-like-it");
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-mor-agonist.ligand", ex.Field);
        Assert.Equal("nothing-like-it", ex.Value);
        Assert.Equal(LineOf(yaml, "ligand: nothing-like-it"), ex.Line);
    }

    [Fact]
    public void A_moiety_observable_the_built_in_model_does_not_make()
    {
        string yaml = """
            compounds:
              my-esketamine:
                description: wrong observable
                pk:
                  human:
                    model: esketamine-perezruixo2021
                    moieties:
                      - { ligand: s-ketamine, observable: s_ketamine_brain_unbound_um }
            """;
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-esketamine.pk.human.moieties[0].observable", ex.Field);
        Assert.Contains("esketamine_brain_unbound_um", ex.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    public void Negative_or_zero_Ki(string ki)
    {
        string yaml = ValidUserCompound.Replace("ki_um: 0.01", $"ki_um: {ki}");
        var ex = Fails(yaml);
        Assert.Equal("ligands.my-mor-agonist.targets.MOR.ki_um", ex.Field);
        Assert.Equal(ki, ex.Value);
        Assert.Equal(LineOf(yaml, $"ki_um: {ki}"), ex.Line);
        Assert.Contains("positive", ex.Message);
    }

    [Fact]
    public void Missing_source_of_a_binding()
    {
        string yaml = ValidUserCompound.Replace("        source: \"assumption: test value\"\n", "");
        var ex = Fails(yaml);
        Assert.Equal("ligands.my-mor-agonist.targets.MOR.source", ex.Field);
        Assert.Null(ex.Value);
        Assert.Equal(LineOf(yaml, "ki_um: 0.01"), ex.Line);
        Assert.Contains("assumption", ex.Message);
    }

    [Fact]
    public void An_empty_assumption_is_a_missing_source()
    {
        var ex = Fails(ValidUserCompound.Replace("source: \"assumption: test value\"", "source: \"assumption:\""));
        Assert.Equal("ligands.my-mor-agonist.targets.MOR.source", ex.Field);
        Assert.Equal("assumption:", ex.Value);
    }

    [Fact]
    public void Missing_source_of_a_generic_PK_value()
    {
        string yaml = ValidUserCompound.Replace("clearance_l_per_h: { value: 30, source: \"assumption: test\" }", "clearance_l_per_h: { value: 30 }");
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-mor-agonist.pk.human.generic.clearance_l_per_h.source", ex.Field);
        Assert.Equal(LineOf(yaml, "clearance_l_per_h"), ex.Line);
    }

    [Fact]
    public void Bioavailability_above_one()
    {
        string yaml = ValidUserCompound.Replace("bioavailability: { value: 0.5", "bioavailability: { value: 5");
        var ex = Fails(yaml);
        Assert.Equal("compounds.my-mor-agonist.pk.human.generic.routes.oral.bioavailability.value", ex.Field);
        Assert.Equal("5", ex.Value);
    }

    private const string BindingSource = "        source: \"assumption: test value\"\n";

    private static string WithSafety(string block) => ValidUserCompound.Replace(BindingSource, BindingSource + block);

    [Fact]
    public void A_safety_block_loads_with_its_values_and_defaults()
    {
        string yaml = WithSafety("    safety:\n      sympathomimetic_potency: 0.2\n      source: \"assumption: test\"\n");
        var lib = CompoundLibrary.Parse([("user.yaml", yaml)], CompoundLibrary.BuiltIn);
        var safety = lib.Ligands["my-mor-agonist"].Safety;
        Assert.NotNull(safety);
        Assert.Equal(0.2, safety.SympathomimeticPotency);
        Assert.Equal(1, safety.NmdaCnsWeight);
        Assert.Equal(LineOf(yaml, "sympathomimetic_potency"), safety.Location.Line);
        Assert.Null(CompoundLibrary.BuiltIn.Ligands["illustrative-mor-agonist"].Safety);
        Assert.Equal(1, CompoundLibrary.BuiltIn.Ligands["s-ketamine"].Safety!.SympathomimeticPotency);
        Assert.Equal(0.5, CompoundLibrary.BuiltIn.Ligands["r-ketamine"].Safety!.SympathomimeticPotency);
        Assert.Equal(0, CompoundLibrary.BuiltIn.Ligands["s-norketamine"].Safety!.NmdaCnsWeight);
    }

    [Theory]
    [InlineData("sympathomimetic_potency", "-1", "sympathomimetic potency relative to S-ketamine")]
    [InlineData("sympathomimetic_potency", "lots", "sympathomimetic potency relative to S-ketamine")]
    [InlineData("nmda_cns_weight", "1.5", "weight of the moiety's NMDA block")]
    public void A_safety_value_out_of_range(string key, string value, string rule)
    {
        string yaml = WithSafety($"    safety:\n      {key}: {value}\n      source: \"assumption: test\"\n");
        var ex = Fails(yaml);
        Assert.Equal($"ligands.my-mor-agonist.safety.{key}", ex.Field);
        Assert.Equal(value, ex.Value);
        Assert.Equal(LineOf(yaml, $"{key}: {value}"), ex.Line);
        Assert.Contains(rule, ex.Message);
    }

    [Fact]
    public void A_safety_block_without_a_source()
    {
        string yaml = WithSafety("    safety:\n      sympathomimetic_potency: 0.2\n");
        var ex = Fails(yaml);
        Assert.Equal("ligands.my-mor-agonist.safety.source", ex.Field);
        Assert.Equal(LineOf(yaml, "sympathomimetic_potency"), ex.Line);
        Assert.Contains("every value needs a source", ex.Message);
    }

    [Fact]
    public void A_safety_block_with_an_unknown_key_or_nothing_in_it()
    {
        string yaml = WithSafety("    safety:\n      pressor_potency: 0.2\n      source: \"assumption: test\"\n");
        var ex = Fails(yaml);
        Assert.Equal("ligands.my-mor-agonist.safety.pressor_potency", ex.Field);
        Assert.Equal(LineOf(yaml, "pressor_potency"), ex.Line);
        Assert.Contains("allowed keys: sympathomimetic_potency, nmda_cns_weight, source", ex.Message);

        string empty = WithSafety("    safety:\n      source: \"assumption: test\"\n");
        var ex2 = Fails(empty);
        Assert.Equal("ligands.my-mor-agonist.safety.sympathomimetic_potency", ex2.Field);
        Assert.Contains("sympathomimetic_potency and/or nmda_cns_weight", ex2.Message);
    }

    [Fact]
    public void Malformed_YAML_is_located()
    {
        var ex = Fails("ligands:\n  a:\n    targets: [\n");
        Assert.Contains("malformed YAML", ex.Message);
        Assert.True(ex.Line >= 1);
    }

    [Fact]
    public void A_missing_user_path_is_a_data_error()
    {
        var ex = Assert.Throws<ModelDataException>(() => CompoundLibrary.Load("/no/such/compounds.yaml"));
        Assert.Contains("no such file", ex.Message);
    }
}
