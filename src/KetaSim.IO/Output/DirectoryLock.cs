using System.Runtime.InteropServices;
using KetaSim.IO.Input;

namespace KetaSim.IO.Output;

/// <summary>
/// An exclusive, advisory lock on an output directory, held by a run for its whole life: a second run
/// (another process, or another command in this one) that tries to write into the same directory is refused
/// with a clear message before it changes anything. On Unix it is <c>flock(LOCK_EX|LOCK_NB)</c> on the
/// directory itself, so nothing is left behind and the kernel releases it when the process dies
/// (SIGKILL included); elsewhere a <c>.ketasim.lock</c> file opened without sharing.
/// </summary>
public sealed class DirectoryLock : IDisposable
{
    private int _fd = -1;
    private FileStream? _file;

    private DirectoryLock(string path) => Path = path;

    /// <summary>The locked directory (full path).</summary>
    public string Path { get; }

    /// <summary>Locks <paramref name="directory"/> (which must exist). A directory locked by another run is an
    /// <see cref="InputException"/> naming <paramref name="shown"/> and <paramref name="optionName"/>.</summary>
    public static DirectoryLock Acquire(string directory, string shown, string optionName = "--out")
    {
        var full = System.IO.Path.GetFullPath(directory);
        var l = new DirectoryLock(full);
        if (OperatingSystem.IsWindows())
        {
            try
            {
                l._file = new FileStream(System.IO.Path.Combine(full, ".ketasim.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                throw Busy(shown, optionName);
            }
            return l;
        }
        // Close-on-exec: a child process (anything this process starts) must not inherit the descriptor, or the lock
        // would outlive this run for as long as the child lives.
        int fd = open(full, OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000 /* O_RDONLY | O_CLOEXEC */);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new InputException(shown, 0, optionName, shown, $"cannot open the output directory to lock it (errno {errno})", "a readable and writable directory");
        }
        _ = fcntl(fd, SetDescriptorFlags, CloseOnExec);
        if (flock(fd, LockExclusive | LockNonBlocking) != 0)
        {
            close(fd);
            throw Busy(shown, optionName);
        }
        l._fd = fd;
        return l;
    }

    private static InputException Busy(string shown, string optionName) =>
        new(shown, 0, optionName, shown, "another ketasim run is writing to this directory (it is locked)",
            "wait until that run ends, or give another output directory");

    public void Dispose()
    {
        if (_fd >= 0)
        {
            close(_fd);   // closing the descriptor releases the flock
            _fd = -1;
        }
        _file?.Dispose();
        _file = null;
    }

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    private const int SetDescriptorFlags = 2;   // F_SETFD
    private const int CloseOnExec = 1;          // FD_CLOEXEC

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);
}
