namespace KetaSim.Modeling.Expressions;

/// <summary>
/// Tree-walking evaluation: slow, allocation-heavy and obviously correct. The reference the compiled
/// delegates are tested against, and a debugging aid; never on a hot path.
/// </summary>
public static class Evaluate
{
    public static double At(Expr e, double t, double[] y, double[] p) => e switch
    {
        Constant c => c.Value,
        TimeVar => t,
        StateVar s => y[s.Index],
        Param q => p[q.Index],
        Unary u => u.Op switch
        {
            UnaryOp.Neg => -At(u.Arg, t, y, p),
            UnaryOp.Exp => Math.Exp(At(u.Arg, t, y, p)),
            UnaryOp.Log => Math.Log(At(u.Arg, t, y, p)),
            _ => Math.Sqrt(At(u.Arg, t, y, p)),
        },
        Binary b => b.Op switch
        {
            BinaryOp.Add => At(b.Left, t, y, p) + At(b.Right, t, y, p),
            BinaryOp.Sub => At(b.Left, t, y, p) - At(b.Right, t, y, p),
            BinaryOp.Mul => At(b.Left, t, y, p) * At(b.Right, t, y, p),
            BinaryOp.Div => At(b.Left, t, y, p) / At(b.Right, t, y, p),
            _ => Math.Pow(At(b.Left, t, y, p), At(b.Right, t, y, p)),
        },
        StepTerm s => At(s.X, t, y, p) >= 0 ? 1.0 : 0.0,
        HillTerm h => Runtime.Hill(At(h.X, t, y, p), At(h.C50, t, y, p), At(h.N, t, y, p)),
        HillSlope h => Runtime.HillSlope(At(h.X, t, y, p), At(h.C50, t, y, p), At(h.N, t, y, p)),
        _ => throw new NotSupportedException(e.GetType().Name),
    };
}
