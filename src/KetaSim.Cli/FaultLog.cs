namespace KetaSim.Cli;

/// <summary>Internal faults get a log file with the full exception in the temp directory; the terminal gets its path.</summary>
internal static class FaultLog
{
    public static string? Write(Exception e)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"ketasim-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}.log");
            File.WriteAllText(path,
                $"ketasim {typeof(FaultLog).Assembly.GetName().Version} internal error at {DateTime.UtcNow:O}\n" +
                $"command line: {Environment.CommandLine}\n\n{e}\n");
            return path;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
