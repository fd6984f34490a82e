using System.Globalization;
using KetaSim.IO.Output;

namespace KetaSim.Cli;

/// <summary>Short human-readable summaries on stdout.</summary>
internal static class ConsoleReport
{
    public static void WriteSummary(TextWriter stdout, RunResult run)
    {
        foreach (var s in run.Series)
        {
            var m = ObservableMetrics.For(run.TimesHours, s);
            var half = double.IsFinite(m.TerminalHalfLifeHours) ? $"{F(m.TerminalHalfLifeHours)} h" : "n/a";
            stdout.WriteLine($"  {s.Name}: Cmax {F(m.Cmax)} {s.Unit} at {F(m.TmaxHours)} h, AUC {F(m.AucLast)} {s.Unit}*h, t1/2 {half}");
        }
        foreach (var h in run.HeldDoses)
            stdout.WriteLine($"  held: {h.Compound} {h.Amount} at {F(h.TimeHours)} h (pre-dose BP {F(h.SystolicMmHg)}/{F(h.DiastolicMmHg)} mmHg)");
    }

    /// <summary>Each validity-domain warning on stderr, one line each, "warning: " first (with a prefix such as the scenario name).</summary>
    public static void WriteWarnings(TextWriter stderr, IEnumerable<KetaSim.Biology.Validity.ValidityWarning> warnings, string prefix = "")
    {
        foreach (var w in warnings) stderr.WriteLine($"warning: {prefix}{w.Message} [{w.Code}]");
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
