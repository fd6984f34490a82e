using System.Globalization;
using System.Text.Json.Nodes;
using KetaSim.Biology.Scenarios;
using KetaSim.Biology.Validity;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Runs;

/// <summary>How many subjects of a trial had one per-subject validity flag, and the first of them (lowest index).</summary>
public sealed record SubjectWarningCount(string Code, string Phrase, long Subjects, long Of, long FirstSubject)
{
    public string Message => $"{Phrase} in {Subjects.ToString(CultureInfo.InvariantCulture)} of {Of.ToString(CultureInfo.InvariantCulture)} subjects " +
        $"(first: subject {FirstSubject.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>
/// The validity domain of a virtual trial (docs/validity.md): warnings of the definition (each arm's regimen over
/// the trial's horizon, in the population's species) and per-subject flags counted per code. The counts are
/// integer sums and a minimum, so they are the same for any thread count, order or resume.
/// </summary>
public sealed class TrialValidity
{
    private readonly long[] _counts = new long[ValidityDomain.SubjectFlagCodes.Count];
    private readonly long[] _first = Enumerable.Repeat(long.MaxValue, ValidityDomain.SubjectFlagCodes.Count).ToArray();
    private long _subjects;

    /// <summary>Counts one subject's flags; thread-safe.</summary>
    public void Add(SubjectOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Increment(ref _subjects);
        for (int k = 0; k < _counts.Length; k++)
        {
            if ((outcome.Flags & ValidityDomain.SubjectFlagCodes[k].Flag) == 0) continue;
            Interlocked.Increment(ref _counts[k]);
            long seen;
            while (outcome.Index < (seen = Interlocked.Read(ref _first[k])) && Interlocked.CompareExchange(ref _first[k], outcome.Index, seen) != seen) { }
        }
    }

    /// <summary>Subjects counted so far.</summary>
    public long Subjects => Interlocked.Read(ref _subjects);

    /// <summary>One entry per flag that at least one subject had, in the order of <see cref="ValidityDomain.SubjectFlagCodes"/>.</summary>
    public IReadOnlyList<SubjectWarningCount> Counts()
    {
        var list = new List<SubjectWarningCount>();
        for (int k = 0; k < _counts.Length; k++)
        {
            long n = Interlocked.Read(ref _counts[k]);
            if (n == 0) continue;
            var (_, code, phrase) = ValidityDomain.SubjectFlagCodes[k];
            list.Add(new SubjectWarningCount(code, phrase, n, Subjects, Interlocked.Read(ref _first[k])));
        }
        return list;
    }

    /// <summary>
    /// Warnings of the definition itself: each arm's regimen template run over the trial's horizon in the
    /// population's species. A warning several arms share is given once, naming them. Overrides drawn per subject
    /// from the population's variability are not checked (its tails are meant to lie outside the 5th-95th percentile).
    /// </summary>
    public static IReadOnlyList<ValidityWarning> Regimen(TrialDefinition trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var byMessage = new Dictionary<(string Code, string Message), (ValidityWarning Warning, List<string> Arms)>();
        var order = new List<(string, string)>();
        foreach (var arm in trial.Arms)
        {
            // The template the runner uses (it switches on the suicidal-ideation layer when the trial rates suicidality).
            var template = TrialRunner.TemplateFor(trial, arm) with
            {
                Subject = arm.RegimenTemplate.Subject with { Species = trial.Population.Species },
            };
            foreach (var w in ValidityDomain.CheckRegimen(template))
            {
                var key = (w.Code, w.Message);
                if (!byMessage.TryGetValue(key, out var entry))
                {
                    entry = (w, []);
                    byMessage[key] = entry;
                    order.Add(key);
                }
                entry.Arms.Add(arm.Name);
            }
        }
        return [.. order.Select(k =>
        {
            var (w, arms) = byMessage[k];
            string who = arms.Count == trial.Arms.Count && trial.Arms.Count > 1 ? "every arm" : (arms.Count == 1 ? "arm " : "arms ") + string.Join(", ", arms.Select(a => $"'{a}'"));
            return w with { Message = $"{who}: {w.Message}" };
        })];
    }

    /// <summary>The <c>warnings</c> array of a trial's summary.json: definition warnings, then subject counts.</summary>
    public static JsonArray Json(IReadOnlyList<ValidityWarning> regimen, IReadOnlyList<SubjectWarningCount> counts)
    {
        var array = Output.WarningsJson.Build(regimen);
        foreach (var c in counts)
            array.Add(new JsonObject
            {
                ["code"] = c.Code,
                ["message"] = c.Message,
                ["subjects"] = c.Subjects,
                ["of"] = c.Of,
                ["first_subject"] = c.FirstSubject,
            });
        return array;
    }
}
