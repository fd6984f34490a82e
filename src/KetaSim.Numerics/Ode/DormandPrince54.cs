using static KetaSim.Numerics.Ode.Tableaus.DormandPrince54Tableau;

namespace KetaSim.Numerics.Ode;

/// <summary>
/// Dormand–Prince 5(4): explicit Runge–Kutta of order 5 with an embedded order-4 error estimate,
/// first-same-as-last, Hairer's PI step-size controller and Shampine's order-4 dense output (as DOPRI5).
/// For non-stiff problems; on stiff ones its step is bounded by stability, not accuracy.
/// </summary>
/// <remarks>
/// Not thread-safe: an instance owns its work arrays. They are allocated on first use and again only
/// when the system dimension changes (every array handed to the system or the sink has exactly
/// <see cref="IOdeSystem.Dimension"/> entries), so Integrate does not allocate once warmed up.
/// <see cref="IntegrationStats.LastStep"/> is the step the controller would try next, a good
/// <see cref="SolverSettings.InitialStep"/> for the following segment.
/// </remarks>
public sealed class DormandPrince54 : IOdeIntegrator, IDenseOutput
{
    // Hairer's DOPRI5 defaults: step ratio in [0.2, 10], safety 0.9, PI controller with beta = 0.04.
    private const double Safety = 0.9, MinRatio = 0.2, MaxRatio = 10.0, Beta = 0.04;
    private const double Alpha = 0.2 - Beta * 0.75;

    private int n = -1;
    private double[] k1 = [], k2 = [], k3 = [], k4 = [], k5 = [], k6 = [], k7 = [];
    private double[] yStage = [], yNew = [], err = [], output = [];
    private double[] r1 = [], r2 = [], r3 = [], r4 = [], r5 = [];
    private double denseT0, denseH;

    public string Name => "DormandPrince54";
    public int Order => 5;

    /// <summary>Order of the embedded solution the error estimate compares against.</summary>
    public int EmbeddedOrder => 4;

    /// <summary>Order of the continuous extension used for output times inside a step.</summary>
    public int DenseOutputOrder => 4;

    public IntegrationStats Integrate(IOdeSystem system, double t0, double t1, double[] y,
        ReadOnlySpan<double> outputTimes, IOutputSink? sink, SolverSettings settings)
    {
        IntegrationArguments.Validate(system, t0, t1, y, outputTimes, settings);
        EnsureWorkArrays(system.Dimension);

        system.Rhs(t0, y, k1);
        int rhs = 1;
        int next = OutputEmitter.EmitStart(outputTimes, t0, y, output, sink);

        double h = settings.InitialStep;
        if (h == 0)
        {
            h = InitialStepHeuristic.Estimate(system, t0, t1, y, k1, yStage, k2, Order, settings);
            rhs++;
        }
        h = Math.Min(h, settings.MaxStep);

        double t = t0, errOld = 1e-4, proposed = h;
        int accepted = 0, rejected = 0;
        bool lastRejected = false;
        while (true)
        {
            if (accepted + rejected >= settings.MaxSteps) throw IntegrationFailures.MaxStepsExceeded(Name, settings.MaxSteps, t, t0, t1);
            if (h < settings.MinStep) throw IntegrationFailures.StepTooSmall(Name, h, settings.MinStep, t);

            // Stretch or shrink the step to land exactly on t1 rather than leave a sliver for the next one.
            double intended = h;
            bool last = t + 1.01 * h >= t1;
            if (last) h = t1 - t;
            double tNew = last ? t1 : t + h;
            if (tNew <= t) throw IntegrationFailures.StepUnderflow(Name, h, t);

            Step(system, t, h, y);
            rhs += 6;
            double errNorm = ErrorNorm.Rms(err, y, yNew, n, settings.AbsTol, settings.RelTol);
            double fac11 = Math.Pow(errNorm, Alpha);

            if (errNorm <= 1)
            {
                // PI control (Hairer's DOPRI5): the previous error damps the reaction to the current one.
                double fac = Math.Clamp(fac11 / Math.Pow(errOld, Beta) / Safety, 1 / MaxRatio, 1 / MinRatio);
                double hNew = Math.Min(h / fac, settings.MaxStep);
                if (lastRejected) hNew = Math.Min(hNew, h);
                errOld = Math.Max(errNorm, 1e-4);
                accepted++;

                if (OutputEmitter.AnyDue(outputTimes, next, tNew, sink))
                {
                    PrepareDense(t, h, y);
                    next = OutputEmitter.EmitWithin(outputTimes, next, tNew, yNew, this, output, sink!);
                }
                Array.Copy(yNew, y, n);
                (k1, k7) = (k7, k1);
                t = tNew;
                lastRejected = false;
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
                h /= Math.Min(1 / MinRatio, fac11 / Safety);
            }
        }
        return new IntegrationStats(accepted, rejected, rhs, 0, proposed);
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

        system.Rhs(t0, y, k1);
        int next = OutputEmitter.EmitStart(outputTimes, t0, y, output, sink);
        double h = (t1 - t0) / steps;
        for (int i = 0; i < steps; i++)
        {
            // Times from the index, not by accumulation, so the last step ends exactly at t1.
            double t = t0 + i * h;
            double tNew = i == steps - 1 ? t1 : t0 + (i + 1) * h;
            Step(system, t, tNew - t, y);
            if (OutputEmitter.AnyDue(outputTimes, next, tNew, sink))
            {
                PrepareDense(t, tNew - t, y);
                next = OutputEmitter.EmitWithin(outputTimes, next, tNew, yNew, this, output, sink!);
            }
            Array.Copy(yNew, y, n);
            (k1, k7) = (k7, k1);
        }
        return new IntegrationStats(steps, 0, 1 + 6 * steps, 0, h);
    }

    /// <summary>One step from (t, y) with k1 = f(t, y): fills yNew, k7 = f(t + h, yNew) and the error vector.</summary>
    private void Step(IOdeSystem system, double t, double h, double[] y)
    {
        for (int i = 0; i < n; i++) yStage[i] = y[i] + h * A21 * k1[i];
        system.Rhs(t + C2 * h, yStage, k2);
        for (int i = 0; i < n; i++) yStage[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        system.Rhs(t + C3 * h, yStage, k3);
        for (int i = 0; i < n; i++) yStage[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        system.Rhs(t + C4 * h, yStage, k4);
        for (int i = 0; i < n; i++) yStage[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        system.Rhs(t + C5 * h, yStage, k5);
        for (int i = 0; i < n; i++)
            yStage[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        system.Rhs(t + h, yStage, k6);
        for (int i = 0; i < n; i++)
            yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
        system.Rhs(t + h, yNew, k7);
        for (int i = 0; i < n; i++)
            err[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
    }

    /// <summary>Hairer's contd5 coefficients for the step just taken from (t, y) to (t + h, yNew).</summary>
    private void PrepareDense(double t, double h, double[] y)
    {
        denseT0 = t;
        denseH = h;
        for (int i = 0; i < n; i++)
        {
            double yDiff = yNew[i] - y[i];
            double bspl = h * k1[i] - yDiff;
            r1[i] = y[i];
            r2[i] = yDiff;
            r3[i] = bspl;
            r4[i] = yDiff - h * k7[i] - bspl;
            r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
        }
    }

    void IDenseOutput.Interpolate(double t, double[] result)
    {
        double theta = (t - denseT0) / denseH;
        double theta1 = 1 - theta;
        for (int i = 0; i < n; i++)
            result[i] = r1[i] + theta * (r2[i] + theta1 * (r3[i] + theta * (r4[i] + theta1 * r5[i])));
    }

    private void EnsureWorkArrays(int dimension)
    {
        if (dimension == n) return;
        n = dimension;
        k1 = new double[n]; k2 = new double[n]; k3 = new double[n]; k4 = new double[n];
        k5 = new double[n]; k6 = new double[n]; k7 = new double[n];
        yStage = new double[n]; yNew = new double[n]; err = new double[n]; output = new double[n];
        r1 = new double[n]; r2 = new double[n]; r3 = new double[n]; r4 = new double[n]; r5 = new double[n];
    }
}
