using System.Runtime.InteropServices;

namespace KetaSim.TestSupport.Cvode;

/// <summary>
/// The slice of the SUNDIALS 6 C API that CvodeReference needs. Unversioned library names so any
/// Debian SUNDIALS 6.x (libsundials-dev) resolves; sunrealtype = double, sunindextype = int64 there
/// (checked in /usr/include/sundials/sundials_config.h), C <c>long</c> is 64-bit on Linux.
/// </summary>
internal static unsafe class CvodeNative
{
    public const string CvodeLib = "sundials_cvode";
    public const string NVecSerialLib = "sundials_nvecserial";
    public const string DenseMatrixLib = "sundials_sunmatrixdense";
    public const string DenseSolverLib = "sundials_sunlinsoldense";

    public const int CV_BDF = 2;
    public const int CV_NORMAL = 1;

    [DllImport(CvodeLib)] public static extern int SUNContext_Create(IntPtr comm, IntPtr* ctx);
    [DllImport(CvodeLib)] public static extern int SUNContext_Free(IntPtr* ctx);

    [DllImport(NVecSerialLib)] public static extern IntPtr N_VNew_Serial(long length, IntPtr ctx);
    [DllImport(NVecSerialLib)] public static extern void N_VDestroy(IntPtr v);
    [DllImport(NVecSerialLib)] public static extern double* N_VGetArrayPointer(IntPtr v);

    [DllImport(DenseMatrixLib)] public static extern IntPtr SUNDenseMatrix(long rows, long columns, IntPtr ctx);
    [DllImport(DenseMatrixLib)] public static extern double* SUNDenseMatrix_Data(IntPtr matrix);
    [DllImport(DenseMatrixLib)] public static extern void SUNMatDestroy(IntPtr matrix);

    [DllImport(DenseSolverLib)] public static extern IntPtr SUNLinSol_Dense(IntPtr y, IntPtr matrix, IntPtr ctx);
    [DllImport(DenseSolverLib)] public static extern int SUNLinSolFree(IntPtr solver);

    [DllImport(CvodeLib)] public static extern IntPtr CVodeCreate(int lmm, IntPtr ctx);
    [DllImport(CvodeLib)] public static extern int CVodeInit(IntPtr mem, delegate* unmanaged<double, IntPtr, IntPtr, IntPtr, int> rhs, double t0, IntPtr y0);
    [DllImport(CvodeLib)] public static extern int CVodeSStolerances(IntPtr mem, double relTol, double absTol);
    [DllImport(CvodeLib)] public static extern int CVodeSetUserData(IntPtr mem, IntPtr userData);
    [DllImport(CvodeLib)] public static extern int CVodeSetMaxNumSteps(IntPtr mem, long maxSteps);
    [DllImport(CvodeLib)] public static extern int CVodeSetLinearSolver(IntPtr mem, IntPtr solver, IntPtr matrix);
    [DllImport(CvodeLib)]
    public static extern int CVodeSetJacFn(IntPtr mem,
        delegate* unmanaged<double, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int> jacobian);
    [DllImport(CvodeLib)]
    public static extern int CVodeSetErrHandlerFn(IntPtr mem, delegate* unmanaged<int, IntPtr, IntPtr, IntPtr, IntPtr, void> handler, IntPtr data);
    [DllImport(CvodeLib)] public static extern int CVode(IntPtr mem, double tout, IntPtr yout, double* tret, int itask);
    [DllImport(CvodeLib)] public static extern int CVodeGetNumSteps(IntPtr mem, long* steps);
    [DllImport(CvodeLib)] public static extern void CVodeFree(IntPtr* mem);
}
