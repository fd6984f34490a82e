using KetaSim.Biology.Compounds;
using KetaSim.Biology.Dosing;
using KetaSim.Biology.Mechanism;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Validity;
using KetaSim.Modeling;
using KetaSim.Modeling.Models;
using KetaSim.Modeling.Simulation;
using Xunit;

namespace KetaSim.Biology.Tests.Validity;

/// <summary>Each kind of validity-domain warning fires on a crafted case just past its threshold and stays silent just inside it.</summary>
public class ValidityDomainTests
{
    private static DoseRecord Ketamine(double mgPerKg, double atHours = 0) => new()
    {
        Compound = "ketamine", Route = Route.IvInfusion, Amount = DoseAmount.MgPerKg(mgPerKg), DurationHours = 40.0 / 60, TimeHours = atHours,
    };

    private static DoseRecord Esketamine(double mg, double atHours = 0) => new()
    {
        Compound = "esketamine", Route = Route.Intranasal, Amount = DoseAmount.Mg(mg), TimeHours = atHours,
    };

    private static Scenario Regimen(IEnumerable<DoseRecord> doses, double durationHours = 14 * 24, Subject? subject = null) => new()
    {
        Name = "crafted",
        Subject = subject ?? Subject.TypicalAdult,
        Doses = [.. doses],
        DurationHours = durationHours,
    };

    private static string[] Codes(IEnumerable<ValidityWarning> warnings) => [.. warnings.Select(w => w.Code)];

    /// <summary>Session times (days) of a schedule with <paramref name="perWeek"/> sessions on days 0, 2, 4 (or 0, 3) of each week.</summary>
    private static IEnumerable<double> Days(int perWeek, int weeks)
    {
        double[] inWeek = perWeek switch { 1 => [0], 2 => [0, 3], 3 => [0, 2, 4], 4 => [0, 2, 4, 6], _ => throw new ArgumentOutOfRangeException(nameof(perWeek)) };
        for (int w = 0; w < weeks; w++)
            foreach (var d in inWeek) yield return 7 * w + d;
    }

    [Fact]
    public void Single_ketamine_infusion_is_inside_the_domain()
    {
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen([Ketamine(0.5)])));
    }

    [Fact]
    public void Calibrated_esketamine_programme_is_inside_the_domain()
    {
        // SUSTAIN-2: 84 mg twice weekly for 4 weeks, then weekly to week 48, 52-week horizon.
        var doses = Days(2, 4).Concat(Enumerable.Range(4, 44).Select(w => 7.0 * w)).Select(d => Esketamine(84, d * 24));
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen(doses, 52 * 168)));
    }

    [Fact]
    public void Horizon_beyond_52_weeks_warns()
    {
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen([Ketamine(0.5)], 52 * 168)));
        var w = Assert.Single(ValidityDomain.CheckRegimen(Regimen([Ketamine(0.5)], 53 * 168)));
        Assert.Equal(ValidityCodes.HorizonBeyondCalibration, w.Code);
        Assert.Contains("53 weeks", w.Message);
    }

    [Fact]
    public void Doses_above_the_studied_maxima_warn_once_per_compound()
    {
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen([Ketamine(1.0), Esketamine(84, 72)])));
        var ket = Assert.Single(ValidityDomain.CheckRegimen(Regimen([Ketamine(1.5), Ketamine(1.5, 96)])));
        Assert.Equal(ValidityCodes.DoseAboveStudied, ket.Code);
        Assert.Contains("1.5 mg/kg", ket.Message);
        Assert.Equal(0, ket.TimeHours);
        var esk = Assert.Single(ValidityDomain.CheckRegimen(Regimen([Esketamine(112)])));
        Assert.Equal(ValidityCodes.DoseAboveStudied, esk.Code);
        Assert.Contains("112 mg", esk.Message);
    }

    [Fact]
    public void More_than_three_sessions_in_a_week_warns()
    {
        // Six infusions in 12 days (thrice weekly for two weeks) is the most the calibration's neighbourhood covers.
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen(Days(3, 2).Select(d => Ketamine(0.5, d * 24)), 28 * 24)));
        var w = Assert.Single(ValidityDomain.CheckRegimen(Regimen(Days(4, 1).Select(d => Ketamine(0.5, d * 24)), 28 * 24)));
        Assert.Equal(ValidityCodes.SessionFrequency, w.Code);
        Assert.StartsWith("4 ketamine/esketamine sessions", w.Message);
    }

    [Fact]
    public void More_than_twice_weekly_for_more_than_four_weeks_warns()
    {
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen(Days(3, 4).Select(d => Esketamine(56, d * 24)), 10 * 168)));
        var w = Assert.Single(ValidityDomain.CheckRegimen(Regimen(Days(3, 5).Select(d => Esketamine(56, d * 24)), 10 * 168)));
        Assert.Equal(ValidityCodes.SessionFrequency, w.Code);
        Assert.Contains("in 5 weeks", w.Message);
    }

    [Fact]
    public void Doses_of_one_session_count_once()
    {
        // Two records at the same visit (e.g. a split infusion) are one session: four such visits a week would warn, three do not.
        var doses = Days(3, 2).SelectMany(d => new[] { Ketamine(0.25, d * 24), Ketamine(0.25, d * 24 + 0.5) });
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen(doses, 28 * 24)));
    }

    [Fact]
    public void Mouse_runs_are_preclinical()
    {
        var mouse = Regimen([new DoseRecord { Compound = "ketamine", Route = Route.Intraperitoneal, Amount = DoseAmount.MgPerKg(10) }], 24, Subject.TypicalMouse);
        Assert.Equal([ValidityCodes.Preclinical], Codes(ValidityDomain.CheckRegimen(mouse)));
    }

    [Fact]
    public void Illustrative_and_user_compounds_warn()
    {
        var oral = (string c) => new DoseRecord { Compound = c, Route = Route.Oral, Amount = DoseAmount.Mg(10) };
        var illustrative = Assert.Single(ValidityDomain.CheckRegimen(Regimen([oral("illustrative-mor-agonist")]), library: CompoundLibrary.BuiltIn));
        Assert.Equal(ValidityCodes.IllustrativeCompound, illustrative.Code);
        Assert.Contains("illustrative-mor-agonist", illustrative.Message);

        var library = CompoundLibrary.Parse([("user.yaml", Compounds.BadDataTests.ValidUserCompound)], CompoundLibrary.BuiltIn);
        var user = Assert.Single(ValidityDomain.CheckRegimen(Regimen([oral("my-mor-agonist"), Ketamine(0.5)]), library: library));
        Assert.Equal(ValidityCodes.UserCompound, user.Code);
        Assert.Contains("my-mor-agonist", user.Message);
        Assert.Contains("user.yaml", user.Message);
        // A built-in compound is still built-in inside a user library that does not replace it.
        Assert.Empty(ValidityDomain.CheckRegimen(Regimen([Ketamine(0.5)]), library: library));
    }

    [Fact]
    public void A_user_file_replacing_a_built_in_compound_makes_it_a_user_compound()
    {
        string replaced = Compounds.BadDataTests.ValidUserCompound.Replace("compounds:\n  my-mor-agonist:", "compounds:\n  escitalopram:", StringComparison.Ordinal);
        Assert.NotEqual(Compounds.BadDataTests.ValidUserCompound, replaced);
        var library = CompoundLibrary.Parse([("user.yaml", replaced)], CompoundLibrary.BuiltIn);
        var w = Assert.Single(ValidityDomain.CheckRegimen(Regimen([new DoseRecord { Compound = "escitalopram", Route = Route.Oral, Amount = DoseAmount.Mg(10) }]), library: library));
        Assert.Equal(ValidityCodes.UserCompound, w.Code);
    }

    [Fact]
    public void Override_outside_the_plausible_range_names_parameter_value_and_range()
    {
        var inside = Regimen([Ketamine(0.5)]) with { ParameterOverrides = new Dictionary<string, double> { ["ket_fu"] = 0.6, ["ket_CL_S_ref"] = 120 } };
        Assert.Empty(ValidityDomain.CheckRegimen(inside));
        var outside = inside with { ParameterOverrides = new Dictionary<string, double> { ["ket_fu"] = 1.5, ["ket_CL_S_ref"] = 200 } };
        var warnings = ValidityDomain.CheckRegimen(outside);
        Assert.Equal([ValidityCodes.ParameterOutOfRange, ValidityCodes.ParameterOutOfRange], Codes(warnings));
        Assert.Equal(["ket_CL_S_ref", "ket_fu"], warnings.Select(w => w.Parameter));
        Assert.Equal("parameter ket_fu = 1.5 is outside its plausible range 0 to 1 (a fraction)", warnings[1].Message);
        Assert.StartsWith("parameter ket_CL_S_ref = 200 L/h is outside its plausible range 53.13 to 177.8 L/h (5th-95th percentile", warnings[0].Message);
    }

    /// <summary>A stand-in model with the two observables the trajectory checks read, and a result with given values.</summary>
    private static SimulationResult Trajectory(double[] times, double[]? madrs = null, double[]? spines = null)
    {
        var b = new ModelBuilder("trajectory");
        var x = b.State("x", "1", "unused");
        if (madrs is not null) b.Observe(MechanismNames.Madrs, "points", x, "MADRS");
        if (spines is not null) b.Observe(MechanismNames.SpineDensityRel, "1", x, "spines");
        var model = b.Build();
        double[][] observables = [.. new[] { madrs, spines }.Where(o => o is not null).Select(o => o!)];
        return new SimulationResult(model, times, [new double[times.Length]], observables);
    }

    private static double[] Hours(int n) => [.. Enumerable.Range(0, n).Select(i => (double)i)];

    [Fact]
    public void Madrs_at_the_floor_for_more_than_a_day_warns()
    {
        var t = Hours(60);
        // At the floor from 10 h to 34 h: exactly a day, silent.
        double[] day = [.. t.Select(h => h is >= 10 and <= 34 ? 0.5 : 20)];
        Assert.Empty(ValidityDomain.CheckTrajectory(Trajectory(t, madrs: day)));
        double[] longer = [.. t.Select(h => h is >= 10 and <= 35 ? 1.0 : 20)];
        var w = Assert.Single(ValidityDomain.CheckTrajectory(Trajectory(t, madrs: longer)));
        Assert.Equal(ValidityCodes.MadrsFloor, w.Code);
        Assert.Equal(10, w.TimeHours);
        Assert.Equal(SubjectValidityFlags.MadrsFloor, ValidityDomain.SubjectFlags(Trajectory(t, madrs: longer)));
        // Just above the floor never counts.
        double[] above = [.. t.Select(h => h >= 10 ? 1.01 : 20)];
        Assert.Empty(ValidityDomain.CheckTrajectory(Trajectory(t, madrs: above)));
    }

    [Fact]
    public void Madrs_at_the_ceiling_for_more_than_a_day_warns()
    {
        var t = Hours(60);
        double[] high = [.. t.Select(h => h >= 20 ? 59.5 : 40)];
        var w = Assert.Single(ValidityDomain.CheckTrajectory(Trajectory(t, madrs: high)));
        Assert.Equal(ValidityCodes.MadrsCeiling, w.Code);
        Assert.Equal(20, w.TimeHours);
        double[] below = [.. t.Select(h => h >= 20 ? 58.9 : 40)];
        Assert.Empty(ValidityDomain.CheckTrajectory(Trajectory(t, madrs: below)));
    }

    [Fact]
    public void Spine_density_near_its_bound_warns()
    {
        var t = Hours(10);
        Assert.Empty(ValidityDomain.CheckTrajectory(Trajectory(t, spines: [.. t.Select(h => 1 + 0.003 * h)])));   // up to 1.027
        var w = Assert.Single(ValidityDomain.CheckTrajectory(Trajectory(t, spines: [.. t.Select(h => 1 + 0.01 * h)])));
        Assert.Equal(ValidityCodes.SpineNearBound, w.Code);
        Assert.Equal(4, w.TimeHours);
        Assert.Contains("1.09", w.Message);
    }

    [Fact]
    public void Calibrated_single_infusion_run_has_no_warning()
    {
        var scenario = new Scenario
        {
            Name = "ketamine-0.5",
            Doses = [Ketamine(0.5)],
            DurationHours = 7 * 24,
            OutputStepHours = 1,
            Mechanism = new MechanismSettings(),
        };
        var run = ScenarioRunner.Shared.RunDetailed(scenario);
        Assert.True(run.Result.Model.HasObservable(MechanismNames.Madrs));
        Assert.Empty(ValidityDomain.Check(run));
    }
}
