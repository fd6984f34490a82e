using System.Globalization;
using CsvHelper;

namespace KetaSim.IO.Output;

/// <summary>timecourse.csv: <c>time_h</c> then one column per observable, invariant culture, one row per output time.</summary>
public static class TimecourseCsv
{
    public const string FileName = "timecourse.csv";

    public static void Write(TextWriter writer, RunResult run)
    {
        run.Validate();
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, true);
        csv.WriteRecord(["time_h", .. run.Series.Select(s => s.Name)]);
        var row = new string[run.Series.Count + 1];
        for (int k = 0; k < run.TimesHours.Length; k++)
        {
            row[0] = Format(run.TimesHours[k]);
            for (int j = 0; j < run.Series.Count; j++) row[j + 1] = Format(run.Series[j].Values[k]);
            csv.WriteRecord(row);
        }
        csv.Flush();
    }

    public static void Write(string path, RunResult run)
    {
        using var w = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Write(w, run);
    }

    /// <summary>Ten significant digits: far beyond any solver tolerance, short enough to read.</summary>
    public static string Format(double v) => v.ToString("G10", CultureInfo.InvariantCulture);
}
