using System.Runtime.InteropServices;
using KetaSim.IO.Output;

namespace KetaSim.Cli;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM while a command writes through an <see cref="OutputDirectory"/>: the staged files
/// are removed (nothing is committed), one line says so on stderr, and the signal then ends the process as usual.
/// Registered before the output directory exists, so a signal during its creation is not missed: it is held until
/// <see cref="Attach"/>, which then cancels the directory and throws.
/// </summary>
internal sealed class CancelOnSignal : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly TextWriter _stderr;
    private readonly Lock _gate = new();
    private OutputDirectory? _directory;
    private PosixSignal? _pending;

    public CancelOnSignal(TextWriter stderr)
    {
        _stderr = stderr;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    private void Handle(PosixSignalContext context)
    {
        Program.Cancelling = true;
        OutputDirectory? directory;
        lock (_gate)
        {
            directory = _directory;
            if (directory is null)
            {
                // No output yet: keep running until Attach (or the command's end) sees the cancellation.
                _pending = context.Signal;
                context.Cancel = true;
                return;
            }
        }
        Report(directory, context.Signal);
        // context.Cancel stays false: the signal's default action ends the process.
    }

    /// <summary>From now on a signal cancels <paramref name="directory"/>; one that came before does so now and throws.</summary>
    public void Attach(OutputDirectory directory)
    {
        PosixSignal? pending;
        lock (_gate)
        {
            _directory = directory;
            pending = _pending;
        }
        if (pending is { } signal)
        {
            Report(directory, signal);
            throw new OperationCanceledException("cancelled by a signal");
        }
    }

    private void Report(OutputDirectory directory, PosixSignal signal)
    {
        if (!directory.Cancel()) return;
        _stderr.WriteLine($"ketasim: cancelled ({signal}); nothing was written to {directory.Target}");
        _stderr.Flush();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
