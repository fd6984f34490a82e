using System.Runtime.InteropServices;
using KetaSim.IO.Output;

namespace KetaSim.Cli;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM while a command writes through an <see cref="OutputDirectory"/>: the staged files
/// are removed (nothing is committed), one line says so on stderr, and the signal then ends the process as usual.
/// </summary>
internal sealed class CancelOnSignal : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public CancelOnSignal(OutputDirectory directory, TextWriter stderr)
    {
        void Handler(PosixSignalContext context)
        {
            Program.Cancelling = true;
            if (directory.Cancel())
            {
                stderr.WriteLine($"ketasim: cancelled ({context.Signal}); nothing was written to {directory.Target}");
                stderr.Flush();
            }
            // context.Cancel stays false: the signal's default action ends the process.
        }
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler);
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
