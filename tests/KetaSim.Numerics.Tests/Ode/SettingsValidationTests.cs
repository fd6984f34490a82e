using KetaSim.Numerics.Ode;
using KetaSim.Numerics.Tests.Problems;
using KetaSim.Numerics.Tests.Support;

namespace KetaSim.Numerics.Tests.Ode;

/// <summary>Impossible settings and arguments are refused up front, with a message naming the culprit.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<string, string, string> BadSettings()
    {
        var data = new TheoryData<string, string, string>();
        string[] cases = ["RelTol=0", "RelTol=1", "RelTol=NaN", "AbsTol=0", "AbsTol=-1", "InitialStep=-1",
            "MinStep=0", "MaxStep=1e-13", "MaxSteps=0"];
        foreach (var integrator in Integrators.All)
            foreach (var c in cases)
                data.Add(integrator, c, c.Split('=')[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Rejects_an_impossible_setting(string integratorName, string assignment, string settingName)
    {
        var settings = Apply(assignment);
        var problem = new OneCompartmentBolus();
        var y = problem.InitialState();

        var e = Assert.Throws<ArgumentException>(() => Integrators.Create(integratorName).Integrate(problem, 0, 1, y, [], null, settings));

        Assert.StartsWith(settingName, e.Message);
        Assert.Equal(problem.InitialState(), y);
    }

    [Fact]
    public void Default_settings_are_valid() => SolverSettings.Default.Validate();

    [Theory]
    [InlineData(Integrators.DormandPrince)]
    [InlineData(Integrators.Rodas)]
    public void Rejects_bad_arguments(string integratorName)
    {
        var integrator = Integrators.Create(integratorName);
        var problem = new TwoCompartmentBolus();
        var settings = SolverSettings.Default;

        Assert.Contains("t1 must exceed t0", Assert.Throws<ArgumentException>(() => integrator.Integrate(problem, 1, 1, problem.InitialState(), [], null, settings)).Message);
        Assert.Contains("t1 must exceed t0", Assert.Throws<ArgumentException>(() => integrator.Integrate(problem, 2, 1, problem.InitialState(), [], null, settings)).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => integrator.Integrate(problem, 0, double.PositiveInfinity, problem.InitialState(), [], null, settings)).Message);
        Assert.Contains("dimension 3", Assert.Throws<ArgumentException>(() => integrator.Integrate(problem, 0, 1, new double[2], [], null, settings)).Message);
        Assert.Contains("sorted", Assert.Throws<ArgumentException>(() => integrator.Integrate(problem, 0, 1, problem.InitialState(), [0.5, 0.2], null, settings)).Message);
    }

    private static SolverSettings Apply(string assignment)
    {
        var parts = assignment.Split('=');
        double value = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var s = SolverSettings.Default;
        return parts[0] switch
        {
            "RelTol" => s with { RelTol = value },
            "AbsTol" => s with { AbsTol = value },
            "InitialStep" => s with { InitialStep = value },
            "MinStep" => s with { MinStep = value },
            "MaxStep" => s with { MaxStep = value },
            "MaxSteps" => s with { MaxSteps = (int)value },
            _ => throw new ArgumentOutOfRangeException(nameof(assignment)),
        };
    }
}
