using System.Text.Json.Nodes;
using KetaSim.Population.Statistics;
using KetaSim.Population.Trials;
// JSON numbers written exactly as the trial summary writes them.
using static KetaSim.IO.Runs.TrialSummary;

namespace KetaSim.IO.Runs;

/// <summary>
/// The within-subject analysis of a crossover in summary.json (<c>crossover</c>): per treatment and offset the change from
/// the period baseline and response; per treatment the paired difference from the control treatment (paired t
/// interval); for a 2×2 design the treatment and period effects from the period differences (Welch intervals).
/// </summary>
public static class TrialCrossoverSummary
{
    private static JsonArray Ci(bool defined, Func<ConfidenceInterval> ci) => Interval(defined ? ci() : new ConfidenceInterval(double.NaN, double.NaN));

    public static JsonObject Build(CrossoverTally x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var d = x.Design;
        var treatments = new JsonArray();
        for (int t = 0; t < d.Treatments.Count; t++)
        {
            var visits = new JsonArray();
            for (int j = 0; j < d.VisitOffsetsHours.Count; j++)
            {
                var c = x.Change[t][j];
                var row = new JsonObject
                {
                    ["offset_h"] = Number(d.VisitOffsetsHours[j]),
                    ["n"] = c.Count,
                    ["mean_change"] = Number(c.Mean),
                    ["ci95"] = Ci(c.Count > 1, () => c.MeanInterval()),
                    ["response"] = Proportion(x.Response[t][j]),
                };
                if (t != d.ControlTreatment)
                {
                    var p = x.Paired[t][j];
                    row["paired_difference"] = new JsonObject
                    {
                        ["control"] = d.Treatments[d.ControlTreatment],
                        ["n"] = p.Count,
                        ["mean"] = Number(p.Mean),
                        ["ci95"] = Ci(p.Count > 1, () => p.MeanInterval()),
                    };
                }
                visits.Add(row);
            }
            treatments.Add(new JsonObject { ["name"] = d.Treatments[t], ["visits"] = visits });
        }
        var json = new JsonObject
        {
            ["period_h"] = Number(d.PeriodHours),
            ["washout_h"] = Number(d.WashoutHours),
            ["periods"] = d.Periods,
            ["sequences"] = new JsonArray([.. d.Sequences.Select((_, s) => (JsonNode)JsonValue.Create(d.SequenceName(s))!)]),
            ["control_treatment"] = d.Treatments[d.ControlTreatment],
            ["treatments"] = treatments,
        };
        if (x.TwoByTwo(0) is not null || d.Sequences.Count == 2 && d.Periods == 2 && d.Treatments.Count == 2)
        {
            var rows = new JsonArray();
            for (int j = 0; j < d.VisitOffsetsHours.Count; j++)
            {
                var e = x.TwoByTwo(j);
                rows.Add(new JsonObject
                {
                    ["offset_h"] = Number(d.VisitOffsetsHours[j]),
                    ["treatment_effect"] = e is { } a ? Number(a.Treatment.Difference) : null,
                    ["treatment_effect_ci95"] = e is { } b ? Interval(b.Treatment.Interval) : null,
                    ["period_effect"] = e is { } c ? Number(c.Period.Difference) : null,
                    ["period_effect_ci95"] = e is { } f ? Interval(f.Period.Interval) : null,
                });
            }
            json["two_by_two"] = new JsonObject
            {
                ["treatment_effect_is"] = $"{d.Treatments[d.Sequences[0][1]]} minus {d.Treatments[d.Sequences[0][0]]}",
                ["period_effect_is"] = "period 2 minus period 1",
                ["visits"] = rows,
            };
        }
        return json;
    }
}
