using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace KetaSim.Cli;

/// <summary>
/// Progress of a trial run on stderr (stdout stays the result table): a Spectre.Console bar with rate and ETA when
/// stderr is a terminal, otherwise a plain line such as <c>subjects 640/10000 (6%), 212/s, ETA 44 s</c> at most every
/// <see cref="PlainInterval"/> and once at the end.
/// </summary>
internal sealed class TrialProgress
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Action<string>? _line;
    private TimeSpan _lastLine;
    private int _done;
    private int _simulated;

    private TrialProgress(int total, Action<string>? line)
    {
        _total = total;
        _line = line;
    }

    /// <summary>Highest subjects-done count reported (stored ones included).</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Runs <paramref name="work"/> with a progress display: it receives the done reporter and the simulated-count callback.</summary>
    public static T Show<T>(TextWriter stderr, int total, string label, Func<IProgress<int>, Action<int>, TrialProgress, T> work)
    {
        bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!terminal)
        {
            var plain = new TrialProgress(total, stderr.WriteLine);
            var result = work(new Reporter(plain), plain.OnSimulated, plain);
            plain.WriteLine(final: true);
            return result;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T value = default!;
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: total);
                var bar = new TrialProgress(total, null);
                var reporter = new Reporter(bar, done =>
                {
                    task.Value = done;
                    task.Description = Markup.Escape($"{label} {bar.Text(final: false)}");
                });
                value = work(reporter, bar.OnSimulated, bar);
                task.Value = total;
                task.Description = Markup.Escape($"{label} {bar.Text(final: true)}");
            });
        return value;
    }

    private void OnSimulated(int simulated) => Volatile.Write(ref _simulated, simulated);

    private void Report(int done)
    {
        lock (_lock)
        {
            if (done <= _done) return;   // reports from worker threads may arrive out of order
            _done = done;
            if (_line is not null && _clock.Elapsed - _lastLine >= PlainInterval && done < _total) WriteLine(final: false);
        }
    }

    private void WriteLine(bool final)
    {
        lock (_lock)
        {
            _lastLine = _clock.Elapsed;
            _line?.Invoke("subjects " + Text(final));
        }
    }

    /// <summary><c>640/10000 (6%), 212/s, ETA 44 s</c>; at the end the elapsed time instead of the ETA.</summary>
    private string Text(bool final)
    {
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        int done = Math.Max(Done, 0), simulated = Volatile.Read(ref _simulated);
        double rate = simulated / seconds;
        string percent = (_total > 0 ? 100.0 * done / _total : 100).ToString("0", CultureInfo.InvariantCulture);
        string tail = final ? $"{Seconds(seconds)}" : rate > 0 ? $"ETA {Seconds((_total - done) / rate)}" : "ETA ?";
        return $"{done}/{_total} ({percent}%), {rate.ToString(rate < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)}/s, {tail}";
    }

    private static string Seconds(double s) => s < 120 ? $"{s.ToString("0", CultureInfo.InvariantCulture)} s"
        : s < 7200 ? $"{(s / 60).ToString("0.0", CultureInfo.InvariantCulture)} min"
        : $"{(s / 3600).ToString("0.0", CultureInfo.InvariantCulture)} h";

    private sealed class Reporter(TrialProgress owner, Action<int>? also = null) : IProgress<int>
    {
        public void Report(int value)
        {
            owner.Report(value);
            also?.Invoke(owner.Done);
        }
    }
}
