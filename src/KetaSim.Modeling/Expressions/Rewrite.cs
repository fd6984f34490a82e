namespace KetaSim.Modeling.Expressions;

/// <summary>
/// Rebuilds a tree with some leaves replaced (parameters rebound to their final indices, states set to
/// their initial values...). Interior nodes are rebuilt through the simplifying constructors, so
/// replacing a leaf by a constant folds what it can. The one place that knows every node type's shape.
/// </summary>
public static class Rewrite
{
    /// <param name="replace">Returns the replacement of a leaf (Constant, TimeVar, StateVar, Param), or null to keep it.</param>
    public static Expr Leaves(Expr e, Func<Expr, Expr?> replace) => e switch
    {
        Constant or TimeVar or StateVar or Param => replace(e) ?? e,
        Unary u => Build.Unary(u.Op, Leaves(u.Arg, replace)),
        Binary b => b.Op switch
        {
            BinaryOp.Add => Leaves(b.Left, replace) + Leaves(b.Right, replace),
            BinaryOp.Sub => Leaves(b.Left, replace) - Leaves(b.Right, replace),
            BinaryOp.Mul => Leaves(b.Left, replace) * Leaves(b.Right, replace),
            BinaryOp.Div => Leaves(b.Left, replace) / Leaves(b.Right, replace),
            _ => Expr.Pow(Leaves(b.Left, replace), Leaves(b.Right, replace)),
        },
        StepTerm s => Expr.Step(Leaves(s.X, replace)),
        HillTerm h => Expr.Hill(Leaves(h.X, replace), Leaves(h.C50, replace), Leaves(h.N, replace)),
        HillSlope h => new HillSlope(Leaves(h.X, replace), Leaves(h.C50, replace), Leaves(h.N, replace)),
        _ => throw new NotSupportedException($"No rewrite for node {e.GetType().Name}."),
    };
}
