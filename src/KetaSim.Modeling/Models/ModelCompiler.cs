using System.Linq.Expressions;
using KetaSim.Modeling.Expressions;
using L = System.Linq.Expressions.Expression;

namespace KetaSim.Modeling.Models;

/// <summary>Compiles a model's equations, exact Jacobian, time derivative and observables to IL.</summary>
internal static class ModelCompiler
{
    public static CompiledModel Compile(Model model)
    {
        int n = model.States.Count;
        var rhs = CompileVector(model.Rhs.Select((e, i) => (i, e)).ToList(), zeroFirst: false, n);

        var jacEntries = new List<(int, Expr)>();
        var pattern = new List<(int Row, int Col)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Expr d = model.JacobianEntry(i, j);
                if (d.IsConstant(0)) continue;
                jacEntries.Add((i * n + j, d));
                pattern.Add((i, j));
            }
        var jac = CompileVector(jacEntries, zeroFirst: true, n * n);

        var dfdt = CompileVector(model.Rhs.Select((e, i) => (i, Differentiate.ByTime(e))).Where(x => !x.Item2.IsConstant(0)).ToList(), zeroFirst: true, n);
        var obs = CompileVector(model.Observables.Select(o => (o.Index, o.Definition)).ToList(), zeroFirst: false, model.Observables.Count);
        var derive = CompileDerived(model);
        return new CompiledModel(model, rhs, jac, dfdt, obs, derive, pattern);
    }

    /// <summary>(t, y, p, out) => out[k] = e_k(t, y, p).</summary>
    private static CompiledModel.VectorFunction CompileVector(IReadOnlyList<(int, Expr)> outputs, bool zeroFirst, int length)
    {
        var t = L.Parameter(typeof(double), "t");
        var y = L.Parameter(typeof(double[]), "y");
        var p = L.Parameter(typeof(double[]), "p");
        var o = L.Parameter(typeof(double[]), "o");
        var prologue = new List<L>();
        if (zeroFirst)
        {
            var clear = typeof(Array).GetMethod(nameof(Array.Clear), [typeof(Array), typeof(int), typeof(int)])!;
            prologue.Add(L.Call(clear, o, L.Constant(0), L.Constant(length)));
        }
        var body = new LinqEmitter(t, y, p).Assignments(o, outputs, prologue);
        return L.Lambda<CompiledModel.VectorFunction>(body, t, y, p, o).Compile();
    }

    /// <summary>(p) => p[derived_k] = def_k(p), in declaration order so later ones may use earlier ones.</summary>
    private static Action<double[]> CompileDerived(Model model)
    {
        var p = L.Parameter(typeof(double[]), "p");
        var statements = new List<L>();
        foreach (var (param, def) in model.DerivedParameters)
        {
            // One emitter per derived value: each reads p after the previous assignments.
            var block = new LinqEmitter(L.Parameter(typeof(double), "t"), L.Parameter(typeof(double[]), "y"), p)
                .Assignments(p, [(param.Index, def)]);
            statements.Add(block);
        }
        if (statements.Count == 0) statements.Add(L.Empty());
        return L.Lambda<Action<double[]>>(L.Block(statements), p).Compile();
    }
}
