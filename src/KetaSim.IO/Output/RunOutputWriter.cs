namespace KetaSim.IO.Output;

/// <summary>Writes one run's files (timecourse.csv, summary.json, plot_*.png, and chain.png for mechanism runs) into a directory.</summary>
public static class RunOutputWriter
{
    /// <summary>Writes into <paramref name="directory"/> (created if needed); returns the file names written.</summary>
    public static IReadOnlyList<string> Write(string directory, RunResult run)
    {
        run.Validate();
        Directory.CreateDirectory(directory);
        TimecourseCsv.Write(Path.Combine(directory, TimecourseCsv.FileName), run);
        SummaryJson.Write(Path.Combine(directory, SummaryJson.FileName), run);
        var plots = TimecoursePlots.Write(directory, run).ToList();
        if (run.Chain is { Count: > 0 } chain)
        {
            PanelFigure.Save(Path.Combine(directory, ChainFigure.FileName), $"{run.ScenarioName}: from plasma to symptoms", run.TimesHours, chain);
            plots.Add(ChainFigure.FileName);
        }
        return [TimecourseCsv.FileName, SummaryJson.FileName, .. plots];
    }
}
