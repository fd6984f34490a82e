namespace KetaSim.Design.Fitting;

/// <summary>One parameter's estimate with its Wald statistics (null where the information matrix is singular).</summary>
public sealed record ParameterEstimate(FitParameter Parameter, double Value, double? StandardError, double? RsePercent, double? CiLow, double? CiHigh)
{
    /// <summary>True when the estimate lies within 0.1% of the bounds' span (on its scale) of a bound.</summary>
    public bool AtBound { get; init; }
}

/// <summary>One profile-likelihood point: the profiled parameter fixed at <see cref="Value"/>, the others re-optimised.</summary>
public sealed record ProfilePoint(double Value, double WeightedRss, double Delta, double[] Parameters, bool Converged);

/// <summary>
/// The profile of one parameter: its points in increasing value (the optimum included, Delta 0), where it
/// crosses the χ²(1) 95% threshold on each side (the profile-likelihood interval), or null where it does not
/// cross within the bounds: the parameter is then practically unidentifiable on that side (Raue 2009).
/// </summary>
public sealed record ParameterProfile(int Index, IReadOnlyList<ProfilePoint> Points, double? Lower, double? Upper)
{
    public bool Identifiable => Lower is not null && Upper is not null;

    /// <summary>"identifiable", or "practically unidentifiable (lower side | upper side | both sides)".</summary>
    public string Flag => (Lower, Upper) switch
    {
        (not null, not null) => "identifiable",
        (null, null) => "practically unidentifiable (both sides)",
        (null, _) => "practically unidentifiable (lower side)",
        _ => "practically unidentifiable (upper side)",
    };
}

/// <summary>A fitted model: estimates, their covariance and correlation, the likelihood, the optimiser's course and the profiles.</summary>
public sealed record FitResult
{
    public required IReadOnlyList<ParameterEstimate> Estimates { get; init; }
    /// <summary>Correlation matrix of the estimates (null when singular).</summary>
    public double[,]? Correlation { get; init; }
    public required double WeightedRss { get; init; }
    public required double Minus2LogLikelihood { get; init; }
    public required double Aic { get; init; }
    public required double Bic { get; init; }
    /// <summary>The residual SD on the weighted scale: estimated σ (uniform: in the data's unit; proportional: the CV), or √(WRSS/(n−p)) with known SDs (about 1 when they are right).</summary>
    public required double ResidualScale { get; init; }
    public required int Observations { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    public required bool Converged { get; init; }
    public required string Reason { get; init; }
    public required double[] Predictions { get; init; }
    public required double[] Residuals { get; init; }
    public IReadOnlyList<ParameterProfile> Profiles { get; init; } = [];
    /// <summary>The fit's own warnings (bounds, convergence, singular information, identifiability), as code and message.</summary>
    public IReadOnlyList<(string Code, string Message)> Warnings { get; init; } = [];
}
