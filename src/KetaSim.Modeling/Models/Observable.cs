using KetaSim.Modeling.Expressions;

namespace KetaSim.Modeling.Models;

/// <summary>A named quantity computed from states and parameters (a concentration, an occupancy, a score).</summary>
public sealed record Observable(string Name, int Index, string Unit, string Description, Expr Definition);

/// <summary>
/// A transfer of amount: rate (state unit per hour) leaves <see cref="From"/> and, multiplied by
/// <see cref="Yield"/>, enters <see cref="To"/> (null: leaves the system). Writing kinetics as flows
/// keeps mass balance true by construction; Yield carries molar-mass ratios for metabolism.
/// </summary>
public sealed record Flow(StateVar? From, StateVar? To, Expr Rate, double Yield, string Description);
