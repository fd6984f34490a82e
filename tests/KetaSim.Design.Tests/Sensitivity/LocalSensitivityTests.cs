using KetaSim.Design.Sensitivity;

namespace KetaSim.Design.Tests.Sensitivity;

public class LocalSensitivityTests
{
    [Fact]
    public void Power_law_exponents_are_recovered()
    {
        // y = a·b²: S_a = 1, S_b = 2; z = a + b: S = a/(a + b), b/(a + b).
        Func<double[], double[]> model = x => [x[0] * x[1] * x[1], x[0] + x[1]];
        var r = LocalSensitivity.Compute(model, [3.0, 0.7], threads: 2);
        Assert.Equal(1, r.S[0][0], 1e-4);
        Assert.Equal(2, r.S[0][1], 1e-4);
        Assert.Equal(3 / 3.7, r.S[1][0], 1e-4);
        Assert.Equal(0.7 / 3.7, r.S[1][1], 1e-4);
        Assert.Equal(0.7 * 0.7, r.Derivative[0][0], 1e-6);   // ∂(a b²)/∂a = b²
        Assert.Equal(5, r.Evaluations);
    }

    [Fact]
    public void Sensitivity_is_undefined_where_the_output_is_zero()
    {
        var r = LocalSensitivity.Compute(x => [x[0] - 2], [2.0]);
        Assert.True(double.IsNaN(r.S[0][0]));
        Assert.Equal(1, r.Derivative[0][0], 1e-9);
    }

    [Fact]
    public void Thread_count_does_not_change_the_result()
    {
        Func<double[], double[]> model = x => [Math.Exp(x[0]) * Math.Sin(x[1]) + x[2]];
        double[] nominal = [0.3, 1.1, 2.0];
        Assert.Equal(LocalSensitivity.Compute(model, nominal, threads: 1).S[0], LocalSensitivity.Compute(model, nominal, threads: 3).S[0]);
    }
}
