namespace KetaSim.Design.Fitting;

/// <summary>One row of the observations file: what was measured, when, in which experiment, its value and (optionally) its SD.</summary>
public sealed record Observation(string Experiment, double TimeHours, string Observable, double Value, double? Sd, int Line);
