using KetaSim.Numerics.Ode;

namespace KetaSim.Numerics.Tests.Problems;

/// <summary>
/// The hand-written Jacobians and time derivatives of the test problems against central differences:
/// a wrong one would quietly turn Rodas4 into a lower-order W-method and weaken every test that uses it.
/// </summary>
public sealed class ProblemDerivativeTests
{
    public static TheoryData<string> Names() =>
    [
        "1-cmt IV bolus", "2-cmt IV bolus", "1-cmt infusion", "first-order absorption", "y' = -y^2", "y' = y cos t",
        "y' = -2t y^2", "logistic", "oscillator", "Robertson", "HIRES",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Jacobian_and_time_derivative_match_central_differences(string name)
    {
        var (system, y) = name switch
        {
            "Robertson" => ((IOdeSystem)new Robertson(), new[] { 0.8, 2e-5, 0.2 }),
            "HIRES" => (new Hires(), new[] { 0.7, 0.15, 0.06, 1.2, 2.4, 6.2, 2.8, 2.9 }.Select(v => v * 1e-3).ToArray()),
            _ => (ExactProblems.Create(name), Enumerable.Range(0, ExactProblems.Create(name).Dimension).Select(i => 0.7 + 0.3 * i).ToArray()),
        };
        int n = system.Dimension;
        const double t = 0.9;
        var jacobian = new double[n * n];
        system.Jacobian(t, y, jacobian);
        var dfdt = new double[n];
        system.TimeDerivative(t, y, dfdt);

        var plus = new double[n];
        var minus = new double[n];
        for (int j = 0; j < n; j++)
        {
            double step = 1e-6 * Math.Max(Math.Abs(y[j]), 1e-6);
            var yp = (double[])y.Clone(); yp[j] += step;
            var ym = (double[])y.Clone(); ym[j] -= step;
            system.Rhs(t, yp, plus);
            system.Rhs(t, ym, minus);
            for (int i = 0; i < n; i++)
            {
                double fd = (plus[i] - minus[i]) / (2 * step);
                Assert.True(Math.Abs(fd - jacobian[i * n + j]) <= 1e-6 * (Math.Abs(fd) + 1),
                    $"{name}: df{i}/dy{j} = {jacobian[i * n + j]} but central difference gives {fd}");
            }
        }

        system.Rhs(t + 1e-6, y, plus);
        system.Rhs(t - 1e-6, y, minus);
        for (int i = 0; i < n; i++)
        {
            double fd = (plus[i] - minus[i]) / 2e-6;
            Assert.True(Math.Abs(fd - dfdt[i]) <= 1e-6 * (Math.Abs(fd) + 1), $"{name}: df{i}/dt = {dfdt[i]} but central difference gives {fd}");
        }
    }
}
