namespace KetaSim.Modeling.Expressions;

/// <summary>Simplifying constructors: fold constants and neutral elements so derivatives stay small.</summary>
public static class Build
{
    public static Expr Add(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb) return new Constant(ca.Value + cb.Value);
        if (a.IsConstant(0)) return b;
        if (b.IsConstant(0)) return a;
        if (b is Unary { Op: UnaryOp.Neg } nb) return Sub(a, nb.Arg);
        return new Binary(BinaryOp.Add, a, b);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb) return new Constant(ca.Value - cb.Value);
        if (b.IsConstant(0)) return a;
        if (a.IsConstant(0)) return Neg(b);
        if (a == b) return new Constant(0);
        if (b is Unary { Op: UnaryOp.Neg } nb) return Add(a, nb.Arg);
        return new Binary(BinaryOp.Sub, a, b);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb) return new Constant(ca.Value * cb.Value);
        if (a.IsConstant(0) || b.IsConstant(0)) return new Constant(0);
        if (a.IsConstant(1)) return b;
        if (b.IsConstant(1)) return a;
        if (a.IsConstant(-1)) return Neg(b);
        if (b.IsConstant(-1)) return Neg(a);
        if (a is Unary { Op: UnaryOp.Neg } na) return Neg(Mul(na.Arg, b));
        if (b is Unary { Op: UnaryOp.Neg } nb) return Neg(Mul(a, nb.Arg));
        // Constants first, so c1*(c2*x) folds.
        if (b is Constant && a is not Constant) return Mul(b, a);
        if (a is Constant c1 && b is Binary { Op: BinaryOp.Mul, Left: Constant c2 } bm) return Mul(new Constant(c1.Value * c2.Value), bm.Right);
        return new Binary(BinaryOp.Mul, a, b);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (b.IsConstant(0)) throw new DivideByZeroException($"Division by the constant 0 in {a}/0.");
        if (a is Constant ca && b is Constant cb) return new Constant(ca.Value / cb.Value);
        if (a.IsConstant(0)) return new Constant(0);
        if (b.IsConstant(1)) return a;
        if (a == b) return new Constant(1);
        if (a is Unary { Op: UnaryOp.Neg } na) return Neg(Div(na.Arg, b));
        return new Binary(BinaryOp.Div, a, b);
    }

    public static Expr Neg(Expr a) => a switch
    {
        Constant c => new Constant(-c.Value),
        Unary { Op: UnaryOp.Neg } n => n.Arg,
        _ => new Unary(UnaryOp.Neg, a),
    };

    public static Expr Pow(Expr a, Expr b)
    {
        if (b.IsConstant(0)) return new Constant(1);
        if (b.IsConstant(1)) return a;
        if (a is Constant ca && b is Constant cb) return new Constant(Math.Pow(ca.Value, cb.Value));
        return new Binary(BinaryOp.Pow, a, b);
    }

    public static Expr Unary(UnaryOp op, Expr a)
    {
        if (op == UnaryOp.Neg) return Neg(a);
        if (a is Constant c)
        {
            return new Constant(op switch
            {
                UnaryOp.Exp => Math.Exp(c.Value),
                UnaryOp.Log => Math.Log(c.Value),
                _ => Math.Sqrt(c.Value),
            });
        }
        return new Unary(op, a);
    }

    public static Expr Step(Expr x) => x is Constant c ? new Constant(c.Value >= 0 ? 1 : 0) : new StepTerm(x);

    public static Expr Hill(Expr x, Expr c50, Expr n)
    {
        if (x.IsConstant(0)) return new Constant(0);
        return new HillTerm(x, c50, n);
    }
}
