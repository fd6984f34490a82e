using KetaSim.TestSupport.Cvode;
using Xunit;

namespace KetaSim.TestSupport;

/// <summary>
/// Decides what a reference-solver test does when its external solver is missing: on a developer
/// machine it is skipped with the reason; in CI (environment variable CI = "true") it fails, because
/// there a missing reference means the cross-checks silently stopped running.
/// </summary>
public static class ReferenceSolvers
{
    public const string CvodeMissingInCi = "CVODE (libsundials-dev) missing in CI";
    public const string SciPyMissingInCi = "SciPy (/usr/bin/python3 with python3-scipy) missing in CI";

    /// <summary>True when the environment variable CI is "true".</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Skips (or in CI fails) the calling test unless SUNDIALS CVODE loads.</summary>
    public static void RequireCvode()
    {
        bool available = CvodeReference.IsAvailable(out var reason);
        RequireOrSkip(available, CvodeMissingInCi, reason, IsCi);
    }

    /// <summary>Skips (or in CI fails) the calling test unless /usr/bin/python3 imports scipy.</summary>
    public static void RequireSciPy()
    {
        bool available = SciPyReference.IsAvailable(out var reason);
        RequireOrSkip(available, SciPyMissingInCi, reason, IsCi);
    }

    /// <summary>
    /// Does nothing when <paramref name="available"/>; otherwise fails with
    /// <paramref name="missingInCiMessage"/> when <paramref name="isCi"/>, else skips with <paramref name="reason"/>.
    /// </summary>
    public static void RequireOrSkip(bool available, string missingInCiMessage, string reason, bool isCi)
    {
        if (available) return;
        if (isCi) Assert.Fail($"{missingInCiMessage}: {reason}");
        Assert.Skip($"Reference solver unavailable, test skipped: {reason}");
    }
}
