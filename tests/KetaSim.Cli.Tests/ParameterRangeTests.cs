namespace KetaSim.Cli.Tests;

/// <summary>Solver settings the solver cannot honour, parameter overrides outside their plausible range, covariate
/// limits shared by scenarios and populations, and trial-level parameters of a drug one arm does not get.</summary>
public sealed class ParameterRangeTests
{
    private static string Scenario => Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg.yaml");
    private static string Mechanism => Path.Combine(CliRunner.ScenariosDirectory, "ketamine-iv-0.5mgkg-trd-mechanism.yaml");

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // base scenario, replacement of its solver line (or appended text), located field, fragment
        { "pk", "solver: { rtol: 1e-6, atol: 1e-9, max_step: 1e-6 s }", "solver.max_step = '1e-6 s'", "more than 500000 steps" },
        { "pk", "solver: { rtol: 1e-14, atol: 1e-20 }", "solver.rtol = '1e-14'", "1e-12 <= rtol" },
        { "pk", "solver: { rtol: 1e-6, atol: 1e-20 }", "solver.atol = '1e-20'", "1e-15 <= atol" },
        { "pk", "solver: { rtol: 1e-6, atol: 1e-9 }\nparameters: { ket_CL_S_ref: -5 }", "parameters.ket_CL_S_ref = '-5'", "admissible range" },
        { "pk", "solver: { rtol: 1e-6, atol: 1e-9 }\nparameters: { ket_V1_ref: 0 }", "parameters.ket_V1_ref = '0'", "admissible range" },
        { "pk", "solver: { rtol: 1e-6, atol: 1e-9 }\nparameters: { ket_kv: 0 }", "parameters.ket_kv = '0'", "admissible range" },
        { "mech", "solver: { rtol: 1e-6, atol: 1e-9 }\nparameters: { ki_NMDA_s_ketamine: -0.3 }", "parameters.ki_NMDA_s_ketamine = '-0.3'", "admissible range" },
        { "mech", "solver: { rtol: 1e-6, atol: 1e-9 }\nparameters: { ki_NMDA_s_ketamine: 0 }", "parameters.ki_NMDA_s_ketamine = '0'", "admissible range" },
        { "pk", "solver: { rtol: 1e-6, atol: 1e-9 }\nparameters: { ket_frac_to_nk: 1.5 }", "parameters.ket_frac_to_nk = '1.5'", "0 to 1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Impossible_settings_and_implausible_parameters_are_bad_input_before_running(string baseName, string replacement, string located, string fragment)
    {
        using var tmp = new TempDir();
        var text = File.ReadAllText(baseName == "pk" ? Scenario : Mechanism);
        var solverLine = text.Split('\n').FirstOrDefault(l => l.StartsWith("solver:", StringComparison.Ordinal));
        text = solverLine is null ? text.TrimEnd() + "\n" + replacement + "\n" : text.Replace(solverLine, replacement, StringComparison.Ordinal);
        var file = tmp["s.yaml"];
        File.WriteAllText(file, text);
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, located, file, located, fragment);
        Assert.Contains("allowed:", r.Stderr);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Theory]
    [InlineData("weight_kg: { median: 80, cv: 0.22, min: 40, max: 160 }", "weight_kg: { median: 500, cv: 0.1, min: 400, max: 600 }", "covariates.weight_kg.median")]
    [InlineData("age_years: { mean: 46, sd: 12, min: 18, max: 64 }", "age_years: { mean: 200, sd: 12, min: 18, max: 250 }", "covariates.age_years.mean")]
    [InlineData("age_years: { mean: 46, sd: 12, min: 18, max: 64 }", "age_years: { mean: 46, sd: 12, min: 18, max: 200 }", "covariates.age_years.max")]
    public void Population_covariates_obey_the_same_limits_as_scenarios(string find, string replace, string located)
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("trial", CliRunner.TrialCopy(tmp, populationEdits: [(find, replace)]), "--n", "4", "--out", tmp["out"]);
        CliRunner.AssertRefusedBeforeOutput(r, tmp["out"], located, located.Contains("age") ? "0 to 120 y" : "2 kg to 300 kg");
    }

    private static string TrialWithParameters(TempDir tmp, string parameters) =>
        CliRunner.TrialCopy(tmp, null, ("\narms:", "\nparameters: " + parameters + "\narms:"));

    [Fact]
    public void A_trial_level_pk_parameter_applies_to_the_arms_that_get_the_drug()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("trial", TrialWithParameters(tmp, "{ ket_CL_S_ref: 120 }"), "--n", "4", "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Fact]
    public void A_trial_level_parameter_no_arm_has_is_refused_as_such()
    {
        using var tmp = new TempDir();
        var file = TrialWithParameters(tmp, "{ ket_CL_Q_ref: 120 }");
        var r = CliRunner.Run("trial", file, "--n", "4", "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, "unknown", file, "parameters.ket_CL_Q_ref", "not a parameter of any arm's model");
    }
}

/// <summary>An inclusion rule that most draws fail is refused before any output exists, with the run's N.</summary>
public sealed class InclusionRateTests
{
    [Fact]
    public void A_rule_that_would_leave_subjects_without_an_eligible_draw_fails_up_front()
    {
        using var tmp = new TempDir();
        // Baseline MADRS ~ N(33, 4): about 31% of draws reach 35, so 10 draws miss for about 2.4% of subjects.
        var trial = CliRunner.TrialCopy(tmp, populationEdits: [("madrs_min: 22", "madrs_min: 35"), ("max_draws: 10000", "max_draws: 10")]);
        var r = CliRunner.Run("trial", trial, "--n", "400", "--out", tmp["out"]);
        CliRunner.AssertRefusedBeforeOutput(r, tmp["out"], "pop.yaml:", "inclusion.madrs_min", "accepts about");
    }
}

/// <summary>Dose limits apply to what adds up within a session and a day, not only to each dose line.</summary>
public sealed class CumulativeDoseTests
{
    [Theory]
    [InlineData("ten maximal boluses at once", 10, 0.0, "session (4 h)")]
    [InlineData("three maximal boluses 6 h apart", 3, 6.0, "day (24 h)")]
    public void Doses_that_add_up_beyond_the_limit_are_refused(string name, int count, double apartHours, string window)
    {
        using var tmp = new TempDir();
        var lines = Enumerable.Range(0, count).Select(i =>
            $"  - {{ drug: ketamine, route: iv-bolus, amount: 10 mg/kg, start: {(i * apartHours).ToString(System.Globalization.CultureInfo.InvariantCulture)} h }}");
        var file = tmp["s.yaml"];
        File.WriteAllText(file, "name: cumulative\nduration: 48 h\ndoses:\n" + string.Join("\n", lines) + "\n");
        var r = CliRunner.Run("simulate", file, "--out", tmp["out"]);
        CliRunner.AssertBadInput(r, name, file, ":4: doses", "add up to");
        Assert.Contains(window, r.Stderr);
        Assert.False(Directory.Exists(tmp["out"]));
    }

    [Fact]
    public void A_split_dose_within_the_limit_runs()
    {
        using var tmp = new TempDir();
        var file = tmp["s.yaml"];
        File.WriteAllText(file, "name: split\nduration: 24 h\ndoses:\n  - { drug: ketamine, route: iv-bolus, amount: 0.25 mg/kg }\n  - { drug: ketamine, route: iv-bolus, amount: 0.25 mg/kg, start: 20 min }\n");
        Assert.Equal(0, CliRunner.Run("simulate", file, "--out", tmp["out"]).ExitCode);
    }
}
