using KetaSim.TestSupport;
using Xunit.Sdk;

namespace KetaSim.Numerics.Tests.ReferenceSolvers;

/// <summary>A missing reference solver skips locally but fails in CI, where it would mean checks silently stopped.</summary>
public sealed class ReferenceSolverPolicyTests
{
    [Fact]
    public void An_available_solver_lets_the_test_run() =>
        KetaSim.TestSupport.ReferenceSolvers.RequireOrSkip(true, KetaSim.TestSupport.ReferenceSolvers.CvodeMissingInCi, "", isCi: true);

    [Fact]
    public void A_missing_solver_fails_in_CI()
    {
        var e = Assert.Throws<FailException>(() =>
            KetaSim.TestSupport.ReferenceSolvers.RequireOrSkip(false, KetaSim.TestSupport.ReferenceSolvers.CvodeMissingInCi, "libsundials_cvode.so not found", isCi: true));
        Assert.StartsWith("CVODE (libsundials-dev) missing in CI", e.Message);
        Assert.Contains("libsundials_cvode.so not found", e.Message);
    }

    [Fact]
    public void A_missing_solver_skips_outside_CI()
    {
        // Assert.Throws deliberately lets a skip through (it would skip this test), so catch it by hand.
        SkipException? skip = null;
        try
        {
            KetaSim.TestSupport.ReferenceSolvers.RequireOrSkip(false, KetaSim.TestSupport.ReferenceSolvers.CvodeMissingInCi, "libsundials_cvode.so not found", isCi: false);
        }
        catch (SkipException e)
        {
            skip = e;
        }
        Assert.NotNull(skip);
        Assert.Contains("libsundials_cvode.so not found", skip.Message);
    }
}
