namespace KetaSim.Modeling.Expressions;

/// <summary>Symbolic derivatives, for the exact Jacobian and the explicit time derivative.</summary>
public static class Differentiate
{
    /// <summary>∂e/∂y_stateIndex. Derived parameters are constants with respect to states.</summary>
    public static Expr ByState(Expr e, int stateIndex) => D(e, v => v is StateVar s && s.Index == stateIndex);

    /// <summary>∂e/∂t (explicit dependence on time only).</summary>
    public static Expr ByTime(Expr e) => D(e, v => v is TimeVar);

    private static Expr D(Expr e, Func<Expr, bool> isVar)
    {
        switch (e)
        {
            case Constant or Param or StepTerm: return 0.0; // a step is flat wherever it is differentiable
            case StateVar or TimeVar: return isVar(e) ? 1.0 : 0.0;
            case Unary u:
            {
                Expr du = D(u.Arg, isVar);
                if (du.IsConstant(0)) return 0.0;
                return u.Op switch
                {
                    UnaryOp.Neg => -du,
                    UnaryOp.Exp => e * du,
                    UnaryOp.Log => du / u.Arg,
                    _ => du / (2.0 * e),
                };
            }
            case Binary b:
            {
                Expr da = D(b.Left, isVar), db = D(b.Right, isVar);
                return b.Op switch
                {
                    BinaryOp.Add => da + db,
                    BinaryOp.Sub => da - db,
                    BinaryOp.Mul => da * b.Right + b.Left * db,
                    BinaryOp.Div => da / b.Right - b.Left * db / (b.Right * b.Right),
                    _ => DPow(b, da, db),
                };
            }
            case HillTerm h:
            {
                RequireFree(h.C50, isVar, "the C50 of a Hill term");
                RequireFree(h.N, isVar, "the exponent of a Hill term");
                Expr dx = D(h.X, isVar);
                return dx.IsConstant(0) ? 0.0 : new HillSlope(h.X, h.C50, h.N) * dx;
            }
            default:
                throw new NotSupportedException($"Cannot differentiate {e}: second derivatives of guarded nodes are not needed by the solvers.");
        }
    }

    private static Expr DPow(Binary p, Expr da, Expr db)
    {
        if (db.IsConstant(0))
        {
            // d(a^c) = c a^(c-1) da: the common case (allometry, Hill-free powers).
            return p.Right * Expr.Pow(p.Left, p.Right - 1.0) * da;
        }
        // d(a^b) = a^b (db ln a + b da / a)
        return p * (db * Expr.Log(p.Left) + p.Right * da / p.Left);
    }

    private static void RequireFree(Expr e, Func<Expr, bool> isVar, string what)
    {
        if (!D(e, isVar).IsConstant(0))
            throw new NotSupportedException($"{what} may not depend on a state or on time.");
    }
}
