using System.Globalization;
using KetaSim.Biology.Inputs;
using KetaSim.IO.Input;
using KetaSim.IO.Trials;
using KetaSim.Population.Trials;

namespace KetaSim.Cli;

/// <summary>The TRIAL argument resolved: a trial YAML file, or the name of a built-in trial (data/trials/).</summary>
/// <param name="Display">How messages name it: the path as given, or the built-in name.</param>
/// <param name="Text">The YAML text, stored with the run (resume compares it).</param>
/// <param name="Source">The file's full path, or <c>built-in:NAME</c>.</param>
/// <param name="Inputs">Every file read for it (trial, population, compound files) with its content hash.</param>
internal sealed record TrialInput(string Display, TrialDefinition Definition, string Text, string Source, IReadOnlyList<InputFileRecord> Inputs)
{
    public static TrialInput Resolve(string argument)
    {
        using var recording = InputFiles.Record();
        bool looksLikePath = argument.Contains('/') || argument.Contains('\\') ||
            argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        bool builtIn = !File.Exists(argument) && TrialCatalog.Names.Any(n =>
            string.Equals(n, argument, StringComparison.OrdinalIgnoreCase) || string.Equals(n + ".yaml", argument, StringComparison.OrdinalIgnoreCase));
        if (builtIn || (!looksLikePath && !File.Exists(argument)))
        {
            var definition = TrialCatalog.Get(argument);
            var name = TrialCatalog.Names.First(n => string.Equals(n, argument.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(n + ".yaml", argument.Trim(), StringComparison.OrdinalIgnoreCase));
            return new TrialInput(argument, definition, TrialCatalog.Text(name), "built-in:" + name, recording.Files);
        }
        var text = InputText.Read(argument, "a trial YAML file");
        var trial = TrialReader.Read(text, argument);
        return new TrialInput(argument, trial, text, Path.GetFullPath(argument), recording.Files);
    }

    /// <summary>A whole number option: null when absent; otherwise an integer ≥ <paramref name="min"/>.</summary>
    public static int? Count(string file, string option, string? value, int min, int max, string allowed)
    {
        if (value is null) return null;
        if (!int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new InputException(file, 0, option, value, $"must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", allowed);
        return n;
    }

    public static ulong? Seed(string file, string? value)
    {
        if (value is null) return null;
        if (!ulong.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong s))
            throw new InputException(file, 0, "--seed", value, "must be a whole number from 0 to 18446744073709551615", "e.g. --seed 2026");
        return s;
    }
}
