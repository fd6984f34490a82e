using KetaSim.Biology.Calibration;
using KetaSim.Biology.Scenarios;

namespace KetaSim.IO.Calibration;

/// <summary>
/// MECH-8 on the bounded-dynamics grid (<see cref="BoundedDynamicsGrid"/>): the grid needs the population's varied
/// parameters, so it is evaluated here, one layer above the model. The grid runs once per process, in parallel over
/// its cases (each case is independent; the extremes do not depend on the order).
/// </summary>
public sealed class WeeksCalibration : ICalibrationSet
{
    private static readonly Lazy<BoundedDynamicsGrid.Extremes> Grid = new(EvaluateGrid);

    public void Register(List<ICalibrationEvaluator> bands, List<IShapeEvaluator> shapes)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(shapes);
        bands.Add(new CalibrationEvaluator("MECH-8/SpineDensity", _ => Grid.Value.MaxSpineDensity));
        shapes.Add(new ShapeEvaluator("MECH-8/Madrs", _ =>
        {
            var g = Grid.Value;
            return new ShapeVerdict(g.MadrsBounded,
                $"{g.Cases} grid runs: MADRS before the guard {g.MinRawMadrs:F2} to {g.MaxRawMadrs:F2} (lowest: {g.RawMadrsAt}); the guard changed it by at most {g.MaxGuardDeviation:F3} points. " +
                $"Criteria: 0 ≤ raw ≤ 60 and guard change < {BoundedDynamicsGrid.GuardTolerancePoints} [{(g.MadrsBounded ? "ok" : "no")}]");
        }));
        shapes.Add(new ShapeEvaluator("MECH-8/States", _ =>
        {
            var g = Grid.Value;
            return new ShapeVerdict(g.StatesNonNegative,
                $"{g.Cases} grid runs: smallest value of a state that cannot be negative {g.MinGuardedState:G3} ({g.MinStateAt}); largest spine density {g.MaxSpineDensity:F4} ({g.MaxSpineAt}). " +
                $"Criterion: ≥ −{BoundedDynamicsGrid.NegativeTolerance:G1} [{(g.StatesNonNegative ? "ok" : "no")}]");
        }));
    }

    private static BoundedDynamicsGrid.Extremes EvaluateGrid() => BoundedDynamicsGrid.EvaluateAll(ScenarioRunner.Shared);
}
