using System.Runtime.InteropServices;
using KetaSim.Numerics.Ode;

namespace KetaSim.TestSupport.Cvode;

/// <summary>
/// Solves any <see cref="IOdeSystem"/> with SUNDIALS CVODE (BDF, dense direct solver, the system's own
/// Jacobian): an independent, widely trusted stiff solver to check KetaSim's integrators against.
/// </summary>
public static unsafe class CvodeReference
{
    private static readonly Lazy<string?> MissingReason = new(Probe);

    /// <summary>True when the SUNDIALS 6 libraries load; otherwise <paramref name="reason"/> says what is missing.</summary>
    public static bool IsAvailable(out string reason)
    {
        reason = MissingReason.Value ?? "";
        return MissingReason.Value is null;
    }

    /// <summary>
    /// Integrates from (t0, y0) and returns y at each of <paramref name="outputTimes"/> (sorted, each &gt;= t0).
    /// Throws <see cref="InvalidOperationException"/> with CVODE's return flag when it fails.
    /// </summary>
    public static CvodeSolution Solve(IOdeSystem system, double t0, double[] y0, ReadOnlySpan<double> outputTimes,
        double relTol, double absTol, long maxSteps = 10_000_000)
    {
        int n = system.Dimension;
        if (y0.Length != n) throw new ArgumentException($"y0 has {y0.Length} entries, system dimension is {n}.");
        var state = new CallbackState(system);
        var handle = GCHandle.Alloc(state);
        IntPtr ctx = IntPtr.Zero, y = IntPtr.Zero, matrix = IntPtr.Zero, solver = IntPtr.Zero, mem = IntPtr.Zero;
        try
        {
            Check(CvodeNative.SUNContext_Create(IntPtr.Zero, &ctx), "SUNContext_Create");
            y = NotNull(CvodeNative.N_VNew_Serial(n, ctx), "N_VNew_Serial");
            new ReadOnlySpan<double>(y0).CopyTo(new Span<double>(CvodeNative.N_VGetArrayPointer(y), n));
            mem = NotNull(CvodeNative.CVodeCreate(CvodeNative.CV_BDF, ctx), "CVodeCreate");
            Check(CvodeNative.CVodeInit(mem, &Rhs, t0, y), "CVodeInit");
            Check(CvodeNative.CVodeSStolerances(mem, relTol, absTol), "CVodeSStolerances");
            Check(CvodeNative.CVodeSetUserData(mem, GCHandle.ToIntPtr(handle)), "CVodeSetUserData");
            Check(CvodeNative.CVodeSetErrHandlerFn(mem, &ErrorHandler, GCHandle.ToIntPtr(handle)), "CVodeSetErrHandlerFn");
            Check(CvodeNative.CVodeSetMaxNumSteps(mem, maxSteps), "CVodeSetMaxNumSteps");
            matrix = NotNull(CvodeNative.SUNDenseMatrix(n, n, ctx), "SUNDenseMatrix");
            solver = NotNull(CvodeNative.SUNLinSol_Dense(y, matrix, ctx), "SUNLinSol_Dense");
            Check(CvodeNative.CVodeSetLinearSolver(mem, solver, matrix), "CVodeSetLinearSolver");
            Check(CvodeNative.CVodeSetJacFn(mem, &Jacobian), "CVodeSetJacFn");

            var states = new double[outputTimes.Length][];
            for (int k = 0; k < outputTimes.Length; k++)
            {
                double tOut = outputTimes[k];
                if (tOut < t0) throw new ArgumentException($"Output time {tOut} precedes t0 = {t0}.");
                if (tOut > t0)
                {
                    double tReached;
                    int flag = CvodeNative.CVode(mem, tOut, y, &tReached, CvodeNative.CV_NORMAL);
                    if (state.Error is not null) throw new InvalidOperationException("The system threw inside a CVODE callback.", state.Error);
                    Check(flag, $"CVode (to t = {tOut})", state.LastMessage);
                }
                states[k] = new ReadOnlySpan<double>(CvodeNative.N_VGetArrayPointer(y), n).ToArray();
                if (tOut == t0) y0.CopyTo(states[k], 0);
            }
            long steps;
            Check(CvodeNative.CVodeGetNumSteps(mem, &steps), "CVodeGetNumSteps");
            return new CvodeSolution(states, steps);
        }
        finally
        {
            if (mem != IntPtr.Zero) CvodeNative.CVodeFree(&mem);
            if (solver != IntPtr.Zero) CvodeNative.SUNLinSolFree(solver);
            if (matrix != IntPtr.Zero) CvodeNative.SUNMatDestroy(matrix);
            if (y != IntPtr.Zero) CvodeNative.N_VDestroy(y);
            if (ctx != IntPtr.Zero) CvodeNative.SUNContext_Free(&ctx);
            handle.Free();
        }
    }

    /// <summary>Managed side of the callbacks, reached from CVODE's user_data pointer.</summary>
    private sealed class CallbackState(IOdeSystem system)
    {
        public readonly IOdeSystem System = system;
        public readonly double[] Y = new double[system.Dimension];
        public readonly double[] F = new double[system.Dimension];
        public readonly double[] J = new double[system.Dimension * system.Dimension];
        public Exception? Error;
        public string? LastMessage;
    }

    // CVODE's messages go into the exception we throw rather than to stderr.
    [UnmanagedCallersOnly]
    private static void ErrorHandler(int code, IntPtr module, IntPtr function, IntPtr message, IntPtr data)
    {
        var state = (CallbackState)GCHandle.FromIntPtr(data).Target!;
        state.LastMessage = $"{Marshal.PtrToStringUTF8(function)}: {Marshal.PtrToStringUTF8(message)} (code {code})";
    }

    // Exceptions must not unwind through native frames, so callbacks report them and return failure.
    [UnmanagedCallersOnly]
    private static int Rhs(double t, IntPtr y, IntPtr yDot, IntPtr userData)
    {
        var state = (CallbackState)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            int n = state.Y.Length;
            new ReadOnlySpan<double>(CvodeNative.N_VGetArrayPointer(y), n).CopyTo(state.Y);
            state.System.Rhs(t, state.Y, state.F);
            state.F.AsSpan().CopyTo(new Span<double>(CvodeNative.N_VGetArrayPointer(yDot), n));
            return 0;
        }
        catch (Exception e)
        {
            state.Error = e;
            return -1;
        }
    }

    [UnmanagedCallersOnly]
    private static int Jacobian(double t, IntPtr y, IntPtr fy, IntPtr matrix, IntPtr userData, IntPtr tmp1, IntPtr tmp2, IntPtr tmp3)
    {
        var state = (CallbackState)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            int n = state.Y.Length;
            new ReadOnlySpan<double>(CvodeNative.N_VGetArrayPointer(y), n).CopyTo(state.Y);
            state.System.Jacobian(t, state.Y, state.J);
            // KetaSim's Jacobian is row-major; SUNDIALS dense matrices are column-major.
            double* data = CvodeNative.SUNDenseMatrix_Data(matrix);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    data[(long)j * n + i] = state.J[i * n + j];
            return 0;
        }
        catch (Exception e)
        {
            state.Error = e;
            return -1;
        }
    }

    private static void Check(int flag, string call, string? message = null)
    {
        if (flag < 0) throw new InvalidOperationException($"SUNDIALS {call} failed with flag {flag}. {message}".TrimEnd());
    }

    private static IntPtr NotNull(IntPtr pointer, string call) =>
        pointer != IntPtr.Zero ? pointer : throw new InvalidOperationException($"SUNDIALS {call} returned NULL.");

    private static string? Probe()
    {
        string[] libraries = [CvodeNative.CvodeLib, CvodeNative.NVecSerialLib, CvodeNative.DenseMatrixLib, CvodeNative.DenseSolverLib];
        foreach (var library in libraries)
        {
            if (!NativeLibrary.TryLoad(library, typeof(CvodeReference).Assembly, null, out var handle))
                return $"native library lib{library}.so not found (install libsundials-dev)";
            // SUNDIALS 5 has no SUNContext; its API would not match these imports.
            if (library == CvodeNative.CvodeLib && !NativeLibrary.TryGetExport(handle, "SUNContext_Create", out _))
                return $"lib{library}.so is older than SUNDIALS 6 (no SUNContext_Create)";
        }
        return null;
    }
}
