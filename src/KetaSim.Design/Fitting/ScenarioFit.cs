using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Validity;
using KetaSim.IO.Scenarios;

namespace KetaSim.Design.Fitting;

/// <summary>One experiment at the estimates: its whole scenario run (for the fitted curves) and its validity warnings.</summary>
public sealed record FittedExperiment(FitExperiment Experiment, Scenario Scenario, ScenarioRun Run, IReadOnlyList<ValidityWarning> Warnings);

/// <summary>A finished fit of scenarios to observations.</summary>
public sealed record ScenarioFitResult(FitProblem Problem, FitResult Fit, IReadOnlyList<FittedExperiment> Experiments)
{
    /// <summary>The fitted values as scenario parameter overrides: every shared parameter when <paramref name="experiment"/> is null, else
    /// those that apply to that experiment (its model has them), its local ones included.</summary>
    public IReadOnlyList<(string Name, ParameterEstimate Estimate)> Overrides(string? experiment)
    {
        if (experiment is null) return Fit.Estimates.Where(e => e.Parameter.Experiment is null).Select(e => (e.Parameter.Name, e)).ToArray();
        var e = Problem.Experiments.First(x => x.Id == experiment);
        return e.Settings.Select(s => (s.Name, Fit.Estimates[s.Index])).ToArray();
    }

    /// <summary>True when one parameter file cannot serve every experiment: local parameters, or a shared one some experiment's model lacks.</summary>
    public bool NeedsFilePerExperiment => Problem.HasLocal || Problem.Experiments.Any(e => e.Settings.Count < Problem.Parameters.Count);
}

/// <summary>Fits a <see cref="FitProblem"/>: checks the model runs at the initial values, fits, and runs each experiment's whole scenario at the estimates.</summary>
public static class ScenarioFit
{
    public static ScenarioFitResult Run(FitProblem problem, FitOptions options)
    {
        var model = problem.Model;
        var initial = problem.Parameters.Select(p => p.Initial).ToArray();
        var first = model.Predict([initial], options.Threads)[0];
        // A run that fails at the starting values is the user's input to fix (the solver message names it).
        if (model.LastFailure is { } failure) throw failure;
        if (first.Any(v => !double.IsFinite(v)))
            throw new IO.Input.InputException(problem.DataFile, 0, "", null, "the model gives no finite prediction for some observations at the initial values",
                "observables with finite values at the observation times");
        var fit = Fitter.Fit(model, problem.Data, options);
        var theta = fit.Estimates.Select(e => e.Value).ToArray();
        var experiments = new FittedExperiment[problem.Experiments.Count];
        Parallel.For(0, experiments.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) }, i =>
        {
            var e = problem.Experiments[i];
            var observed = e.Observations.Select(k => problem.Observations[k].Observable).Distinct(StringComparer.Ordinal).ToArray();
            var scenario = ScenarioFitModel.ScenarioOf(e, theta, e.Scenario with { Observables = observed });
            var run = ScenarioEngine.RunScenario(e.Document, scenario);
            experiments[i] = new FittedExperiment(e, scenario, run, ValidityDomain.Check(run));
        });
        return new ScenarioFitResult(problem, fit, experiments);
    }
}
