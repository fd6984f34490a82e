namespace KetaSim.Design.Sensitivity;

/// <summary>The analyses <c>ketasim sensitivity</c> runs.</summary>
public enum SensitivityMethod
{
    /// <summary>Normalised local sensitivities at the nominal point (<see cref="LocalSensitivity"/>).</summary>
    Local,
    /// <summary>Sobol' first- and total-order indices, Saltelli sampling (<see cref="SobolIndices"/>).</summary>
    Sobol,
    /// <summary>Morris elementary-effects screening (<see cref="MorrisScreening"/>).</summary>
    Morris,
}

/// <summary>Settings of one analysis. <paramref name="N"/>: Sobol' base sample size or Morris trajectories (unused by local).</summary>
public sealed record SensitivityOptions(SensitivityMethod Method, int N, ulong Seed, int Threads)
{
    public const int DefaultSobolN = 256, MinSobolN = 16, DefaultMorrisTrajectories = 20, MinMorrisTrajectories = 4;
    public double RelativeStep { get; init; } = LocalSensitivity.DefaultRelativeStep;
    public int Levels { get; init; } = MorrisScreening.DefaultLevels;
    public int Resamples { get; init; } = SobolIndices.DefaultResamples;

    public static int DefaultN(SensitivityMethod method) => method switch
    {
        SensitivityMethod.Sobol => DefaultSobolN,
        SensitivityMethod.Morris => DefaultMorrisTrajectories,
        _ => 0,
    };

    public static int MinN(SensitivityMethod method) => method == SensitivityMethod.Sobol ? MinSobolN : MinMorrisTrajectories;

    /// <summary>Model evaluations for k parameters: 2k + 1 (local), N(k + 2) (Sobol'), N(k + 1) (Morris).</summary>
    public int Evaluations(int k) => Method switch
    {
        SensitivityMethod.Local => 2 * k + 1,
        SensitivityMethod.Sobol => SaltelliDesign.Evaluations(N, k),
        _ => N * (k + 1),
    };
}

/// <summary>One index of one metric to one parameter: S (local), dY/dtheta, S1, ST, mu, mu_star, sigma; with a 95% interval where it has one.</summary>
public sealed record SensitivityIndex(string Metric, string Parameter, string Index, double Value, double Low = double.NaN, double High = double.NaN)
{
    public bool HasInterval => double.IsFinite(Low) && double.IsFinite(High);
}
