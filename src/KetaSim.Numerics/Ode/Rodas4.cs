using KetaSim.Numerics.Linear;
using static KetaSim.Numerics.Ode.Tableaus.Rodas4Tableau;

namespace KetaSim.Numerics.Ode;

/// <summary>
/// RODAS (Hairer &amp; Wanner): a stiffly accurate, L-stable Rosenbrock method of order 4 with an
/// embedded order-3 error estimate and a third-order dense output. Uses the system's exact Jacobian and
/// time derivative, one LU factorization per step attempt, and Hairer's RODAS step control
/// (with Gustafsson's predictive controller).
/// </summary>
/// <remarks>
/// Not thread-safe: an instance owns its work arrays, allocated on first use and again only when the
/// system dimension changes, so Integrate does not allocate once warmed up.
/// <see cref="IntegrationStats.LastStep"/> is the step the controller would try next.
/// </remarks>
public sealed class Rodas4 : IOdeIntegrator, IDenseOutput
{
    // RODAS defaults: new step in [h/5, 6h], safety 0.9.
    private const double Safety = 0.9, MaxShrink = 5.0, MaxGrowth = 6.0;

    private int n = -1;
    private double[] f0 = [], dfdt = [], jacobian = [], lu = [];
    private int[] pivots = [];
    private double[] k1 = [], k2 = [], k3 = [], k4 = [], k5 = [], k6 = [];
    private double[] yStage = [], fStage = [], yNew = [], output = [];
    private double[] yOld = [], q1 = [], q2 = [];
    private double denseT0, denseH;

    public string Name => "Rodas4";
    public int Order => 4;

    /// <summary>Order of the embedded solution the error estimate compares against.</summary>
    public int EmbeddedOrder => 3;

    /// <summary>Order of the continuous extension used for output times inside a step.</summary>
    public int DenseOutputOrder => 3;

    public IntegrationStats Integrate(IOdeSystem system, double t0, double t1, double[] y,
        ReadOnlySpan<double> outputTimes, IOutputSink? sink, SolverSettings settings)
    {
        IntegrationArguments.Validate(system, t0, t1, y, outputTimes, settings);
        EnsureWorkArrays(system.Dimension);

        system.Rhs(t0, y, f0);
        int rhs = 1, jacobians = 0;
        int next = OutputEmitter.EmitStart(outputTimes, t0, y, output, sink);

        double h = settings.InitialStep;
        if (h == 0)
        {
            h = InitialStepHeuristic.Estimate(system, t0, t1, y, f0, yStage, fStage, Order, settings);
            rhs++;
        }
        h = Math.Min(h, settings.MaxStep);

        double t = t0, hAccepted = 0, errAccepted = 0, proposed = h;
        int accepted = 0, rejected = 0;
        bool lastRejected = false, derivativesFresh = false;
        while (true)
        {
            if (accepted + rejected >= settings.MaxSteps) throw IntegrationFailures.MaxStepsExceeded(Name, settings.MaxSteps, t, t0, t1);
            if (h < settings.MinStep) throw IntegrationFailures.StepTooSmall(Name, h, settings.MinStep, t);

            double intended = h;
            bool last = t + 1.01 * h >= t1;
            if (last) h = t1 - t;
            double tNew = last ? t1 : t + h;
            if (tNew <= t) throw IntegrationFailures.StepUnderflow(Name, h, t);

            // J and df/dt belong to the step's start point, so a rejected attempt reuses them.
            if (!derivativesFresh)
            {
                if (accepted > 0) { system.Rhs(t, y, f0); rhs++; }
                system.Jacobian(t, y, jacobian);
                system.TimeDerivative(t, y, dfdt);
                jacobians++;
                derivativesFresh = true;
            }

            if (!TryStep(system, t, h, y))
            {
                // Singular iteration matrix: RODAS halves the step and tries again.
                rejected++;
                lastRejected = true;
                h *= 0.5;
                continue;
            }
            rhs += 6;
            double errNorm = ErrorNorm.Rms(k6, y, yNew, n, settings.AbsTol, settings.RelTol);
            double fac = Math.Clamp(Math.Pow(errNorm, 0.25) / Safety, 1 / MaxGrowth, MaxShrink);
            double hNew = h / fac;

            if (errNorm <= 1)
            {
                if (accepted > 0)
                {
                    // Gustafsson's predictive controller: also looks at how the error moved with the last step.
                    double facPredicted = hAccepted / h * Math.Pow(errNorm * errNorm / errAccepted, 0.25) / Safety;
                    fac = Math.Max(fac, Math.Clamp(facPredicted, 1 / MaxGrowth, MaxShrink));
                    hNew = h / fac;
                }
                hAccepted = h;
                errAccepted = Math.Max(0.01, errNorm);
                hNew = Math.Min(hNew, settings.MaxStep);
                if (lastRejected) hNew = Math.Min(hNew, h);
                accepted++;

                if (OutputEmitter.AnyDue(outputTimes, next, tNew, sink))
                {
                    PrepareDense(t, h, y);
                    next = OutputEmitter.EmitWithin(outputTimes, next, tNew, yNew, this, output, sink!);
                }
                Array.Copy(yNew, y, n);
                t = tNew;
                lastRejected = false;
                derivativesFresh = false;
                if (last)
                {
                    proposed = Math.Min(Math.Max(hNew, intended), settings.MaxStep);
                    break;
                }
                h = hNew;
            }
            else
            {
                rejected++;
                lastRejected = true;
                h = hNew;
            }
        }
        return new IntegrationStats(accepted, rejected, rhs, jacobians, proposed);
    }

    /// <summary>
    /// Takes exactly <paramref name="steps"/> equal steps with no error control: the hook the tests use
    /// to measure the convergence order. Output times are served from the dense output as in Integrate.
    /// </summary>
    internal IntegrationStats IntegrateFixedStep(IOdeSystem system, double t0, double t1, double[] y, int steps,
        ReadOnlySpan<double> outputTimes = default, IOutputSink? sink = null)
    {
        IntegrationArguments.ValidateInterval(system, t0, t1, y);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        EnsureWorkArrays(system.Dimension);

        int next = OutputEmitter.EmitStart(outputTimes, t0, y, output, sink);
        double h = (t1 - t0) / steps;
        for (int i = 0; i < steps; i++)
        {
            double t = t0 + i * h;
            double tNew = i == steps - 1 ? t1 : t0 + (i + 1) * h;
            system.Rhs(t, y, f0);
            system.Jacobian(t, y, jacobian);
            system.TimeDerivative(t, y, dfdt);
            if (!TryStep(system, t, tNew - t, y))
                throw new IntegrationException($"{Name}: singular iteration matrix at t = {t} with fixed step {h}.");
            if (OutputEmitter.AnyDue(outputTimes, next, tNew, sink))
            {
                PrepareDense(t, tNew - t, y);
                next = OutputEmitter.EmitWithin(outputTimes, next, tNew, yNew, this, output, sink!);
            }
            Array.Copy(yNew, y, n);
        }
        return new IntegrationStats(steps, 0, 7 * steps, steps, h);
    }

    /// <summary>
    /// One attempt from (t, y) with f0, J and df/dt at that point: fills yNew and k6 (the difference
    /// between the order-4 and embedded order-3 solutions). False if the iteration matrix is singular.
    /// </summary>
    private bool TryStep(IOdeSystem system, double t, double h, double[] y)
    {
        // E = I/(hγ) − J, factorized once for all six stages.
        double diagonal = 1.0 / (h * Gamma);
        for (int i = 0; i < n * n; i++) lu[i] = -jacobian[i];
        for (int i = 0; i < n; i++) lu[i * n + i] += diagonal;
        if (!DenseLu.Factor(lu, n, pivots)) return false;

        double hd1 = h * D1, hd2 = h * D2, hd3 = h * D3, hd4 = h * D4;
        double hc21 = C21 / h, hc31 = C31 / h, hc32 = C32 / h, hc41 = C41 / h, hc42 = C42 / h, hc43 = C43 / h;
        double hc51 = C51 / h, hc52 = C52 / h, hc53 = C53 / h, hc54 = C54 / h;
        double hc61 = C61 / h, hc62 = C62 / h, hc63 = C63 / h, hc64 = C64 / h, hc65 = C65 / h;

        for (int i = 0; i < n; i++) k1[i] = f0[i] + hd1 * dfdt[i];
        DenseLu.Solve(lu, n, pivots, k1);

        for (int i = 0; i < n; i++) yStage[i] = y[i] + A21 * k1[i];
        system.Rhs(t + C2 * h, yStage, fStage);
        for (int i = 0; i < n; i++) k2[i] = fStage[i] + hc21 * k1[i] + hd2 * dfdt[i];
        DenseLu.Solve(lu, n, pivots, k2);

        for (int i = 0; i < n; i++) yStage[i] = y[i] + A31 * k1[i] + A32 * k2[i];
        system.Rhs(t + C3 * h, yStage, fStage);
        for (int i = 0; i < n; i++) k3[i] = fStage[i] + hc31 * k1[i] + hc32 * k2[i] + hd3 * dfdt[i];
        DenseLu.Solve(lu, n, pivots, k3);

        for (int i = 0; i < n; i++) yStage[i] = y[i] + A41 * k1[i] + A42 * k2[i] + A43 * k3[i];
        system.Rhs(t + C4 * h, yStage, fStage);
        for (int i = 0; i < n; i++) k4[i] = fStage[i] + hc41 * k1[i] + hc42 * k2[i] + hc43 * k3[i] + hd4 * dfdt[i];
        DenseLu.Solve(lu, n, pivots, k4);

        for (int i = 0; i < n; i++) yStage[i] = y[i] + A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i];
        system.Rhs(t + h, yStage, fStage);
        for (int i = 0; i < n; i++) k5[i] = fStage[i] + hc51 * k1[i] + hc52 * k2[i] + hc53 * k3[i] + hc54 * k4[i];
        DenseLu.Solve(lu, n, pivots, k5);

        // Stiff accuracy: the embedded solution is the last stage's argument, and one more stage corrects it.
        for (int i = 0; i < n; i++) yStage[i] += k5[i];
        system.Rhs(t + h, yStage, fStage);
        for (int i = 0; i < n; i++)
            k6[i] = fStage[i] + hc61 * k1[i] + hc62 * k2[i] + hc63 * k3[i] + hc64 * k4[i] + hc65 * k5[i];
        DenseLu.Solve(lu, n, pivots, k6);

        for (int i = 0; i < n; i++) yNew[i] = yStage[i] + k6[i];
        return true;
    }

    /// <summary>RODAS's interpolation data for the step just taken from (t, y) to (t + h, yNew).</summary>
    private void PrepareDense(double t, double h, double[] y)
    {
        denseT0 = t;
        denseH = h;
        for (int i = 0; i < n; i++)
        {
            yOld[i] = y[i];
            q1[i] = D21 * k1[i] + D22 * k2[i] + D23 * k3[i] + D24 * k4[i] + D25 * k5[i];
            q2[i] = D31 * k1[i] + D32 * k2[i] + D33 * k3[i] + D34 * k4[i] + D35 * k5[i];
        }
    }

    void IDenseOutput.Interpolate(double t, double[] result)
    {
        double s = (t - denseT0) / denseH;
        double s1 = 1 - s;
        for (int i = 0; i < n; i++) result[i] = yOld[i] * s1 + s * (yNew[i] + s1 * (q1[i] + s * q2[i]));
    }

    private void EnsureWorkArrays(int dimension)
    {
        if (dimension == n) return;
        n = dimension;
        f0 = new double[n]; dfdt = new double[n]; jacobian = new double[n * n]; lu = new double[n * n];
        pivots = new int[n];
        k1 = new double[n]; k2 = new double[n]; k3 = new double[n]; k4 = new double[n]; k5 = new double[n]; k6 = new double[n];
        yStage = new double[n]; fStage = new double[n]; yNew = new double[n]; output = new double[n];
        yOld = new double[n]; q1 = new double[n]; q2 = new double[n];
    }
}
