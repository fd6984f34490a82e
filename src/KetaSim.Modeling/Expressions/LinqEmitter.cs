using System.Linq.Expressions;
using L = System.Linq.Expressions.Expression;

namespace KetaSim.Modeling.Expressions;

/// <summary>
/// Turns a set of output expressions into one block of System.Linq.Expressions statements that
/// assigns each output into an array slot. Subtrees that occur more than once (C = A/V appears in
/// many fluxes and in most Jacobian entries) are evaluated once into a local.
/// </summary>
internal sealed class LinqEmitter
{
    private static readonly System.Reflection.MethodInfo MathExp = typeof(Math).GetMethod(nameof(Math.Exp))!;
    private static readonly System.Reflection.MethodInfo MathLog = typeof(Math).GetMethod(nameof(Math.Log), [typeof(double)])!;
    private static readonly System.Reflection.MethodInfo MathSqrt = typeof(Math).GetMethod(nameof(Math.Sqrt))!;
    private static readonly System.Reflection.MethodInfo MathPow = typeof(Math).GetMethod(nameof(Math.Pow))!;
    private static readonly System.Reflection.MethodInfo RtHill = typeof(Runtime).GetMethod(nameof(Runtime.Hill))!;
    private static readonly System.Reflection.MethodInfo RtHillSlope = typeof(Runtime).GetMethod(nameof(Runtime.HillSlope))!;

    private readonly ParameterExpression _t, _y, _p;
    private readonly Dictionary<Expr, int> _useCount = [];
    private readonly Dictionary<Expr, ParameterExpression> _locals = [];
    private readonly List<L> _statements = [];

    public LinqEmitter(ParameterExpression t, ParameterExpression y, ParameterExpression p)
    {
        _t = t; _y = y; _p = p;
    }

    /// <summary>Emits target[index] = expr for each pair, in order.</summary>
    public BlockExpression Assignments(ParameterExpression target, IReadOnlyList<(int Index, Expr Value)> outputs, IEnumerable<L>? prologue = null)
    {
        foreach (var (_, value) in outputs) Count(value);
        if (prologue is not null) _statements.AddRange(prologue);
        foreach (var (index, value) in outputs)
        {
            L emitted = Emit(value);
            _statements.Add(L.Assign(L.ArrayAccess(target, L.Constant(index)), emitted));
        }
        if (_statements.Count == 0) _statements.Add(L.Empty());
        return L.Block(_locals.Values, _statements);
    }

    private void Count(Expr e)
    {
        if (IsLeaf(e)) return;
        _useCount.TryGetValue(e, out int n);
        _useCount[e] = n + 1;
        if (n == 0) foreach (var c in e.Children) Count(c);
    }

    private static bool IsLeaf(Expr e) => e is Constant or StateVar or Param or TimeVar;

    private L Emit(Expr e)
    {
        if (_locals.TryGetValue(e, out var local)) return local;
        L value = EmitNode(e);
        if (!IsLeaf(e) && _useCount.TryGetValue(e, out int uses) && uses > 1)
        {
            var v = L.Variable(typeof(double), "s" + _locals.Count);
            _locals[e] = v;
            _statements.Add(L.Assign(v, value));
            return v;
        }
        return value;
    }

    private L EmitNode(Expr e) => e switch
    {
        Constant c => L.Constant(c.Value),
        TimeVar => _t,
        StateVar s => L.ArrayIndex(_y, L.Constant(s.Index)),
        Param p => L.ArrayIndex(_p, L.Constant(p.Index)),
        Unary u => u.Op switch
        {
            UnaryOp.Neg => L.Negate(Emit(u.Arg)),
            UnaryOp.Exp => L.Call(MathExp, Emit(u.Arg)),
            UnaryOp.Log => L.Call(MathLog, Emit(u.Arg)),
            _ => L.Call(MathSqrt, Emit(u.Arg)),
        },
        Binary b => EmitBinary(b),
        HillTerm h => L.Call(RtHill, Emit(h.X), Emit(h.C50), Emit(h.N)),
        StepTerm s => L.Condition(L.GreaterThanOrEqual(Emit(s.X), L.Constant(0.0)), L.Constant(1.0), L.Constant(0.0)),
        HillSlope h => L.Call(RtHillSlope, Emit(h.X), Emit(h.C50), Emit(h.N)),
        _ => throw new NotSupportedException($"No compiler for node {e.GetType().Name}."),
    };

    private L EmitBinary(Binary b)
    {
        if (b.Op == BinaryOp.Pow && b.Right is Constant { Value: 2.0 })
        {
            L a = Emit(b.Left);
            return L.Multiply(a, a);
        }
        L left = Emit(b.Left), right = Emit(b.Right);
        return b.Op switch
        {
            BinaryOp.Add => L.Add(left, right),
            BinaryOp.Sub => L.Subtract(left, right),
            BinaryOp.Mul => L.Multiply(left, right),
            BinaryOp.Div => L.Divide(left, right),
            _ => L.Call(MathPow, left, right),
        };
    }
}
