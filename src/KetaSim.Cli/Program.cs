using System.CommandLine;
using KetaSim.IO.Input;

namespace KetaSim.Cli;

/// <summary>
/// The <c>ketasim</c> command. Exit codes: 0 success; 1 internal fault (short message, stack trace in a
/// log file) or, for <c>validate</c>, a failed calibration check; 2 bad input (one line on stderr).
/// </summary>
public static class Program
{
    public const int Ok = 0;
    public const int Fault = 1;
    public const int BadInput = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>The whole CLI, in-process, writing to the given streams (what the end-to-end tests call).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Commands.Build(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"ketasim: {Biology.Inputs.TerminalText.Safe(OneLine(e.Message))}");
            stderr.WriteLine("Run 'ketasim --help' (or 'ketasim COMMAND --help') for usage.");
            return BadInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Set by a signal handler that cancelled the run: a failure that follows is the cancellation, not a fault.</summary>
    internal static volatile bool Cancelling;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Runs a command body with the CLI's error policy.</summary>
    internal static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            stderr.WriteLine(e.Message);
            return BadInput;
        }
        catch (Biology.Compounds.ModelDataException e)
        {
            stderr.WriteLine(e.Message);
            return BadInput;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<InputException>().FirstOrDefault() is { } first)
        {
            // A parallel run (demo, compare) failed on bad input: report it like a sequential one.
            stderr.WriteLine(first.Message);
            return BadInput;
        }
        catch (Exception) when (Cancelling)
        {
            return Interrupted;
        }
        catch (IO.Output.OutputWriteException e)
        {
            // A full disk or an I/O error while writing the output: what is left in the folder is said, no stack trace.
            stderr.WriteLine($"ketasim: {FirstLine(e.Message)}");
            return Fault;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<IO.Output.OutputWriteException>().FirstOrDefault() is { } first)
        {
            stderr.WriteLine($"ketasim: {FirstLine(first.Message)}");
            return Fault;
        }
        catch (Exception e)
        {
            var log = FaultLog.Write(e);
            stderr.WriteLine($"ketasim: internal error: {e.GetType().Name}: {FirstLine(e.Message)}");
            stderr.WriteLine(log is null ? "(the details could not be logged)" : $"details: {log}");
            return Fault;
        }
    }

    private static string OneLine(string s) =>
        string.Join(' ', s.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string FirstLine(string s) => Biology.Inputs.TerminalText.Safe(s.ReplaceLineEndings("\n").Split('\n')[0]);
}
