using System.Globalization;
using KetaSim.IO.Input;

namespace KetaSim.Design.Fitting;

/// <summary>
/// Reads the long observations CSV of a fit: a header naming the columns <c>experiment, time, observable, value</c>
/// and optionally <c>sd</c>, in any order, then one row per observation. Times are hours, or a number with a unit
/// ("30 min", "2 d"). Lines that are empty or start with '#' are skipped. Every bad cell is an
/// <see cref="InputException"/> naming the file, line, column, value and what is allowed.
/// </summary>
public static class ObservationReader
{
    public static readonly string[] Columns = ["experiment", "time", "observable", "value", "sd"];
    private static readonly string[] Required = ["experiment", "time", "observable", "value"];

    /// <summary>What an experiment accepts: its observables and its duration in hours.</summary>
    public sealed record ExperimentInfo(IReadOnlyCollection<string> Observables, double DurationHours);

    /// <param name="file">The file as shown in messages.</param>
    /// <param name="experiments">The experiments by id, with what they accept.</param>
    public static IReadOnlyList<Observation> Read(string file, string text, IReadOnlyDictionary<string, ExperimentInfo> experiments)
    {
        var lines = text.Split('\n');
        int headerLine = -1;
        string[] header = [];
        var result = new List<Observation>();
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var cells = Split(line);
            if (headerLine < 0)
            {
                headerLine = i + 1;
                header = cells.Select(c => c.ToLowerInvariant()).ToArray();
                for (int c = 0; c < header.Length; c++)
                {
                    if (!Columns.Contains(header[c]))
                        throw new InputException(file, headerLine, "header", cells[c], $"unknown column '{cells[c]}'{NearestName.Hint(header[c], Columns)}",
                            "the columns experiment, time, observable, value and optionally sd, in any order");
                    if (!column.TryAdd(header[c], c))
                        throw new InputException(file, headerLine, "header", cells[c], $"column '{cells[c]}' appears twice", "each column once");
                }
                foreach (var r in Required)
                    if (!column.ContainsKey(r))
                        throw new InputException(file, headerLine, "header", line.Trim(), $"the column '{r}' is missing",
                            "a header with the columns experiment, time, observable, value and optionally sd");
                continue;
            }
            if (cells.Length != header.Length)
                throw new InputException(file, i + 1, "", line.Trim(), $"{cells.Length} cells where the header has {header.Length}", $"one cell per column: {string.Join(",", header)}");
            result.Add(Row(file, i + 1, cells, column, experiments));
        }
        if (headerLine < 0) throw new InputException(file, 0, "", null, "the file has no header and no observations", "a header 'experiment,time,observable,value[,sd]' and one row per observation");
        if (result.Count == 0) throw new InputException(file, headerLine, "", null, "the file has no observations", "one row per observation after the header");
        return result;
    }

    private static Observation Row(string file, int line, string[] cells, Dictionary<string, int> column, IReadOnlyDictionary<string, ExperimentInfo> experiments)
    {
        string Cell(string name) => cells[column[name]];
        var id = Cell("experiment");
        if (!experiments.TryGetValue(id, out var info))
            throw new InputException(file, line, "experiment", id, $"unknown experiment '{id}'{NearestName.Hint(id, experiments.Keys.ToArray())}",
                $"an id from the fit spec's experiments: {string.Join(", ", experiments.Keys)}");

        var timeText = Cell("time");
        double time;
        if (Number(timeText, out var hours)) time = hours;
        else if (Units.TryParse(timeText, Units.Time, out var q, out var problem)) time = q.InBaseUnit;
        else throw new InputException(file, line, "time", timeText, $"not a time: {problem}", $"a number of hours, or a number with one of {Units.Time.AllowedText}");
        if (time < 0) throw new InputException(file, line, "time", timeText, "the time is negative", "a time from 0 (the scenario's start) to its end");
        if (time > info.DurationHours * (1 + 1e-12))
            throw new InputException(file, line, "time", timeText,
                $"{F(time)} h is after the end of experiment '{id}''s scenario ({F(info.DurationHours)} h)",
                "a time within the scenario's duration, or a longer duration in the scenario file");

        var observable = Cell("observable");
        if (!info.Observables.Contains(observable))
            throw new InputException(file, line, "observable", observable,
                $"unknown observable for experiment '{id}''s model{NearestName.Hint(observable, info.Observables.ToArray())}",
                "an observable of the scenario's model ('ketasim simulate' writes them; docs/cli.md)");

        var valueText = Cell("value");
        if (!Number(valueText, out var value))
            throw new InputException(file, line, "value", valueText, "not a number", "a number in the observable's unit");

        double? sd = null;
        if (column.TryGetValue("sd", out var sdColumn) && cells[sdColumn].Length > 0)
        {
            var sdText = cells[sdColumn];
            if (!Number(sdText, out var s)) throw new InputException(file, line, "sd", sdText, "not a number", "a positive number in the observable's unit, or an empty cell");
            if (!(s > 0)) throw new InputException(file, line, "sd", sdText, s < 0 ? "the SD is negative" : "the SD is zero (an infinite weight)", "a positive number in the observable's unit, or an empty cell");
            sd = s;
        }
        return new Observation(id, time, observable, value, sd, line);
    }

    /// <summary>Comma-separated cells, trimmed, with surrounding double quotes removed.</summary>
    private static string[] Split(string line) =>
        line.Split(',').Select(c => c.Trim()).Select(c => c.Length >= 2 && c[0] == '"' && c[^1] == '"' ? c[1..^1].Trim() : c).ToArray();

    private static bool Number(string s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
