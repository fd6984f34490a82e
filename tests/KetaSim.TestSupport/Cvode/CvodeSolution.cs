namespace KetaSim.TestSupport.Cvode;

/// <summary>CVODE's answer: States[k] is y at the k-th requested output time; Steps is CVODE's internal step count.</summary>
public sealed record CvodeSolution(double[][] States, long Steps);
