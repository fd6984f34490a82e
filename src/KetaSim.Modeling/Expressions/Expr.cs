namespace KetaSim.Modeling.Expressions;

/// <summary>
/// A node of a rate equation. Nodes are immutable records, so equal subtrees compare equal: the
/// compiler uses that to evaluate shared subexpressions once. Build trees with the operators and
/// the static helpers, which fold constants and drop neutral elements as they go.
/// </summary>
public abstract record Expr
{
    public static implicit operator Expr(double value) => new Constant(value);

    public static Expr operator +(Expr a, Expr b) => Build.Add(a, b);
    public static Expr operator -(Expr a, Expr b) => Build.Sub(a, b);
    public static Expr operator *(Expr a, Expr b) => Build.Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => Build.Div(a, b);
    public static Expr operator -(Expr a) => Build.Neg(a);

    public static Expr Exp(Expr a) => Build.Unary(UnaryOp.Exp, a);
    public static Expr Log(Expr a) => Build.Unary(UnaryOp.Log, a);
    public static Expr Sqrt(Expr a) => Build.Unary(UnaryOp.Sqrt, a);
    public static Expr Pow(Expr a, Expr b) => Build.Pow(a, b);

    /// <summary>x^n / (x^n + c^n): a saturating response with half-effect at c; zero for x &lt;= 0.</summary>
    public static Expr Hill(Expr x, Expr c50, Expr n) => Build.Hill(x, c50, n);

    /// <summary>
    /// Heaviside step: 1 when x &gt;= 0, else 0. Piecewise constant, for covariate thresholds in derived
    /// parameters (e.g. age &gt;= 65); its derivative is taken as 0.
    /// </summary>
    public static Expr Step(Expr x) => Build.Step(x);

    /// <summary>Child nodes, for traversals.</summary>
    public abstract IEnumerable<Expr> Children { get; }

    public bool IsConstant(double value) => this is Constant c && c.Value == value;

    public abstract override string ToString();
}

/// <summary>A number.</summary>
public sealed record Constant(double Value) : Expr
{
    public override IEnumerable<Expr> Children => [];
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Model time (hours).</summary>
public sealed record TimeVar : Expr
{
    public static TimeVar Instance { get; } = new();
    public override IEnumerable<Expr> Children => [];
    public override string ToString() => "t";
}

public enum UnaryOp { Neg, Exp, Log, Sqrt }

public sealed record Unary(UnaryOp Op, Expr Arg) : Expr
{
    public override IEnumerable<Expr> Children => [Arg];
    public override string ToString() => Op == UnaryOp.Neg ? $"(-{Arg})" : $"{Op.ToString().ToLowerInvariant()}({Arg})";
}

public enum BinaryOp { Add, Sub, Mul, Div, Pow }

public sealed record Binary(BinaryOp Op, Expr Left, Expr Right) : Expr
{
    public override IEnumerable<Expr> Children => [Left, Right];

    public override string ToString() => Op switch
    {
        BinaryOp.Add => $"({Left} + {Right})",
        BinaryOp.Sub => $"({Left} - {Right})",
        BinaryOp.Mul => $"{Left}*{Right}",
        BinaryOp.Div => $"{Left}/{Right}",
        _ => $"{Left}^{Right}",
    };
}

/// <summary>
/// Hill term with a guard: x^n/(x^n+c^n) for x &gt; 0, else 0. A node of its own (not built from Pow)
/// because its derivative at x = 0 must be finite for the Jacobian.
/// </summary>
public sealed record HillTerm(Expr X, Expr C50, Expr N) : Expr
{
    public override IEnumerable<Expr> Children => [X, C50, N];
    public override string ToString() => $"hill({X}, {C50}, {N})";
}

/// <summary>Heaviside step of X: 1 when X &gt;= 0, else 0.</summary>
public sealed record StepTerm(Expr X) : Expr
{
    public override IEnumerable<Expr> Children => [X];
    public override string ToString() => $"step({X})";
}

/// <summary>d hill(x, c, n)/dx, finite at x = 0 (0 for n &gt; 1, 1/c for n = 1; capped for n &lt; 1).</summary>
public sealed record HillSlope(Expr X, Expr C50, Expr N) : Expr
{
    public override IEnumerable<Expr> Children => [X, C50, N];
    public override string ToString() => $"hill'({X}, {C50}, {N})";
}
