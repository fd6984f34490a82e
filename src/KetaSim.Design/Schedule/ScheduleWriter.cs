using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.Biology.Validity;
using KetaSim.IO.Output;
using ScottPlot;

namespace KetaSim.Design.Schedule;

/// <summary>
/// The schedule designer's outputs: schedule.json (the problem, the choice, the reference comparison, the Pareto set, warnings),
/// candidates.csv (one row per candidate, then the reference), tradeoff.png (sessions against worst-window remission) and
/// trajectories.png (mean MADRS and remission share per visit, chosen against reference).
/// </summary>
public static class ScheduleWriter
{
    public const string JsonName = "schedule.json", CsvName = "candidates.csv", TradeoffName = "tradeoff.png", TrajectoriesName = "trajectories.png";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<string> Write(string directory, ScheduleSpec spec, ScheduleSearchResult result, IReadOnlyList<ValidityWarning> warnings)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, JsonName), BuildJson(spec, result, warnings).ToJsonString(Indented) + "\n", utf8);
        File.WriteAllText(Path.Combine(directory, CsvName), Csv(result), utf8);
        WriteTradeoff(Path.Combine(directory, TradeoffName), spec, result);
        WriteTrajectories(Path.Combine(directory, TrajectoriesName), spec, result);
        return [JsonName, CsvName, TradeoffName, TrajectoriesName];
    }

    public static JsonObject BuildJson(ScheduleSpec spec, ScheduleSearchResult r, IReadOnlyList<ValidityWarning> warnings)
    {
        var p = r.Problem;
        var json = new JsonObject
        {
            ["name"] = spec.Name,
            ["description"] = spec.Description,
            ["scenario"] = spec.Template.Name,
            ["population"] = spec.Population.Name,
            ["cohort_size"] = p.CohortSize,
            ["seed"] = spec.Seed,
            ["horizon_h"] = spec.HorizonHours,
            ["visits_h"] = Array(p.VisitHours),
            ["drug"] = spec.Drug,
            ["route"] = IO.Scenarios.RouteNames.NameOf(spec.Route),
            ["infusion_duration_h"] = spec.InfusionHours is { } inf ? JsonValue.Create(inf) : null,
            ["target"] = new JsonObject
            {
                ["remission_share"] = p.Target.Share, ["from_h"] = p.Target.FromHours, ["madrs_max"] = p.Target.MadrsMax,
            },
            ["limits"] = new JsonObject
            {
                ["sbp_rise_mmhg"] = p.Limits.SystolicRiseMmHg,
                ["sbp_rise_share_max"] = p.Limits.SystolicRiseShareMax is { } a ? JsonValue.Create(a) : null,
                ["dissociation_share_max"] = p.Limits.DissociationShareMax is { } b ? JsonValue.Create(b) : null,
                ["held_share_max"] = p.Limits.HeldShareMax is { } c ? JsonValue.Create(c) : null,
                ["per"] = p.Limits.Per == LimitBasis.Session ? "session" : "subject",
                ["window_h"] = p.Limits.WindowHours,
            },
            ["dose_hold"] = spec.DoseHold is null ? "none" : "label",
            ["grid"] = new JsonObject
            {
                ["loading_counts"] = new JsonArray([.. spec.LoadingCounts.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["loading_spacings_h"] = Array(spec.LoadingSpacingsHours),
                ["loading_doses"] = new JsonArray([.. spec.LoadingDoses.Select(d => (JsonNode?)JsonValue.Create(d.ToString()))]),
                ["maintenance_intervals_h"] = Array(spec.MaintenanceIntervalsHours),
                ["maintenance_doses"] = new JsonArray([.. spec.MaintenanceDoses.Select(d => (JsonNode?)JsonValue.Create(d.ToString()))]),
                ["step_down_from_h"] = Array(spec.StepDownFromHours),
                ["step_down_intervals_h"] = Array(spec.StepDownIntervalsHours),
                ["candidates"] = r.Candidates.Count,
            },
            ["target_met"] = r.TargetMet,
            ["chosen"] = r.Chosen is { } ch ? Candidate(ch, p) : null,
            ["best_reachable"] = r.TargetMet ? null : Candidate(r.Best, p),
            ["reference"] = r.Reference is { } rf ? Candidate(rf, p) : null,
            ["matches_reference"] = r.MatchesReference is { } m ? Candidate(m, p) : null,
            ["sessions_saved_at_reference_remission"] = r.SessionsSavedAtReferenceRemission is { } s ? JsonValue.Create(s) : null,
            ["chosen_vs_reference"] = r.Reference is { } refr ? new JsonObject
            {
                ["sessions_saved"] = refr.Sessions - r.Best.Sessions,
                ["min_window_remission_difference"] = Round(r.Best.MinWindowRemission - refr.MinWindowRemission),
                ["mean_window_remission_difference"] = Round(r.Best.MeanWindowRemission - refr.MeanWindowRemission),
            } : null,
            ["pareto"] = new JsonArray([.. r.Pareto.Select(c => (JsonNode?)new JsonObject
            {
                ["index"] = c.Index, ["label"] = c.Regimen.Label, ["sessions"] = c.Sessions,
                ["min_window_remission"] = Round(c.MinWindowRemission), ["mean_window_remission"] = Round(c.MeanWindowRemission),
            })]),
            ["warnings"] = WarningsJson.Build(warnings),
        };
        return json;
    }

    private static JsonObject Candidate(CandidateResult c, ScheduleProblem p)
    {
        var g = c.Regimen;
        var visits = new JsonArray();
        for (int k = 0; k < p.VisitHours.Count; k++)
            visits.Add(new JsonObject { ["time_h"] = p.VisitHours[k], ["remission_share"] = Round(c.RemissionShare[k]), ["mean_madrs"] = Round(c.MeanMadrs[k]) });
        return new JsonObject
        {
            ["index"] = c.Index,
            ["label"] = g.Label,
            ["loading_count"] = g.LoadingCount,
            ["loading_spacing_h"] = g.LoadingSpacingHours,
            ["loading_dose"] = g.LoadingDose?.ToString(),
            ["maintenance_interval_h"] = g.MaintenanceIntervalHours,
            ["maintenance_dose"] = g.MaintenanceDose?.ToString(),
            ["step_down_from_h"] = g.StepDownFromHours,
            ["step_down_interval_h"] = g.StepDownIntervalHours,
            ["sessions"] = c.Sessions,
            ["session_times_h"] = Array(g.Sessions.Select(s => s.TimeHours).ToArray()),
            ["mean_sessions_given"] = Round(c.MeanSessionsGiven),
            ["sessions_held"] = c.SessionsHeld,
            ["min_window_remission"] = Round(c.MinWindowRemission),
            ["mean_window_remission"] = Round(c.MeanWindowRemission),
            ["sbp_rise_share"] = Round(c.SystolicRiseShare),
            ["dissociation_share"] = Round(c.DissociationShare),
            ["held_share"] = Round(c.HeldShare),
            ["mean_largest_sbp_rise_mmhg"] = Round(c.MeanLargestSystolicRiseMmHg),
            ["meets_target"] = c.MeetsTarget,
            ["within_limits"] = c.WithinLimits,
            ["limits_broken"] = new JsonArray([.. c.LimitsBroken.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["visits"] = visits,
        };
    }

    public static string Csv(ScheduleSearchResult r)
    {
        var sb = new StringBuilder();
        var visits = r.Problem.VisitHours;
        sb.Append("index,label,loading_count,loading_spacing_h,loading_dose,maintenance_interval_h,maintenance_dose,step_down_from_h,step_down_interval_h,sessions,mean_sessions_given,held_share,")
          .Append("min_window_remission,mean_window_remission,sbp_rise_share,dissociation_share,meets_target,within_limits,feasible,pareto,chosen");
        foreach (var v in visits) sb.Append(",remission_").Append(F(v)).Append('h');
        foreach (var v in visits) sb.Append(",mean_madrs_").Append(F(v)).Append('h');
        sb.Append('\n');
        var pareto = r.Pareto.Select(c => c.Index).ToHashSet();
        IEnumerable<CandidateResult> rows = r.Reference is null ? r.Candidates : [.. r.Candidates, r.Reference];
        foreach (var c in rows)
        {
            var g = c.Regimen;
            bool isRef = c.Index < 0;
            sb.Append(isRef ? "reference" : c.Index.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(g.Label)).Append(',')
              .Append(g.LoadingCount?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',').Append(g.LoadingSpacingHours is { } sp ? F(sp) : "").Append(',')
              .Append(g.LoadingDose?.ToString() ?? "").Append(',').Append(g.MaintenanceIntervalHours is { } iv ? F(iv) : "").Append(',')
              .Append(g.MaintenanceDose?.ToString() ?? "").Append(',')
              .Append(g.StepDownFromHours is { } sf ? F(sf) : "").Append(',').Append(g.StepDownIntervalHours is { } si ? F(si) : "").Append(',')
              .Append(c.Sessions.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(F(c.MeanSessionsGiven)).Append(',').Append(F(c.HeldShare)).Append(',')
              .Append(F(c.MinWindowRemission)).Append(',').Append(F(c.MeanWindowRemission)).Append(',')
              .Append(F(c.SystolicRiseShare)).Append(',').Append(F(c.DissociationShare)).Append(',')
              .Append(B(c.MeetsTarget)).Append(',').Append(B(c.WithinLimits)).Append(',').Append(B(c.Feasible)).Append(',')
              .Append(B(!isRef && pareto.Contains(c.Index))).Append(',').Append(B(!isRef && r.Chosen?.Index == c.Index));
            foreach (var x in c.RemissionShare) sb.Append(',').Append(F(x));
            foreach (var x in c.MeanMadrs) sb.Append(',').Append(F(x));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static void WriteTradeoff(string path, ScheduleSpec spec, ScheduleSearchResult r)
    {
        var plot = new Plot();
        void Points(IEnumerable<CandidateResult> set, Color color, MarkerShape shape, float size, string legend)
        {
            var arr = set.ToArray();
            if (arr.Length == 0) return;
            var m = plot.Add.Markers(arr.Select(c => (double)c.Sessions).ToArray(), arr.Select(c => 100 * c.MinWindowRemission).ToArray(), shape, size, color);
            m.LegendText = legend;
        }
        Points(r.Candidates.Where(c => !c.WithinLimits), Colors.Gray, MarkerShape.Eks, 7, "candidate outside the limits (lowest share)");
        Points(r.Candidates.Where(c => c.WithinLimits), PanelFigure.ColorOf(0).WithAlpha(0.55), MarkerShape.FilledCircle, 7, "candidate within the limits (lowest share)");
        if (r.Pareto.Count > 0)
        {
            var front = plot.Add.ScatterLine(r.Pareto.Select(c => (double)c.Sessions).ToArray(), r.Pareto.Select(c => 100 * c.MinWindowRemission).ToArray(), PanelFigure.ColorOf(1));
            front.ConnectStyle = ConnectStyle.StepHorizontal;
            front.LineWidth = 2;
            front.LegendText = "Pareto set: lowest remission share over the window (markers: every candidate)";
        }
        if (r.Pareto.Count > 0)
        {
            var mean = plot.Add.ScatterLine(r.Pareto.Select(c => (double)c.Sessions).ToArray(), r.Pareto.Select(c => 100 * c.MeanWindowRemission).ToArray(), PanelFigure.ColorOf(1));
            mean.LinePattern = LinePattern.Dotted;
            mean.LineWidth = 1.5f;
            mean.MarkerShape = MarkerShape.OpenCircle;
            mean.MarkerSize = 7;
            mean.LegendText = "Pareto set: mean remission share over the window";
        }
        var target = plot.Add.HorizontalLine(100 * r.Problem.Target.Share, 1.5f, Colors.Black, LinePattern.Dashed);
        target.LegendText = $"target {100 * r.Problem.Target.Share:0.#}%";
        if (r.Reference is { } rf) Points([rf], Colors.Black, MarkerShape.FilledDiamond, 13, $"reference ({rf.Sessions}): {Compact(rf.Regimen)}");
        Points([r.Best], PanelFigure.ColorOf(2), MarkerShape.FilledSquare, 12, $"{(r.TargetMet ? "chosen" : "best reachable")} ({r.Best.Sessions}): {Compact(r.Best.Regimen)}");
        if (r.MatchesReference is { } m && m.Index != r.Best.Index) Points([m], PanelFigure.ColorOf(3), MarkerShape.FilledTriangleUp, 12, $"fewest sessions at reference remission ({m.Sessions}): {Compact(m.Regimen)}");
        plot.Title($"{spec.Name}: sessions against worst remission share from {ScheduleRegimen.Time(r.Problem.Target.FromHours)} to {ScheduleRegimen.Time(spec.HorizonHours)} (N = {r.Problem.CohortSize})", size: 14);
        plot.XLabel("sessions planned", size: 13);
        plot.YLabel($"remission share over the window (%, MADRS <= {r.Problem.Target.MadrsMax:G4})", size: 13);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1400, 760);
    }

    public static void WriteTrajectories(string path, ScheduleSpec spec, ScheduleSearchResult r)
    {
        var shown = new List<(string Label, CandidateResult C)> { ($"{(r.TargetMet ? "chosen" : "best reachable")} ({r.Best.Sessions}): {Compact(r.Best.Regimen)}", r.Best) };
        if (r.Reference is { } rf) shown.Add(($"reference ({rf.Sessions}): {Compact(rf.Regimen)}", rf));
        if (r.MatchesReference is { } m && m.Index != r.Best.Index) shown.Add(($"at reference remission ({m.Sessions}): {Compact(m.Regimen)}", m));
        var times = r.Problem.VisitHours.ToArray();
        var target = Enumerable.Repeat(100 * r.Problem.Target.Share, times.Length).ToArray();
        var panels = new List<FigurePanel>
        {
            new("mean MADRS at each visit", "MADRS (points)", [.. shown.Select(s => new PanelCurve(s.Label, s.C.MeanMadrs))]),
            new($"remission share (MADRS <= {r.Problem.Target.MadrsMax:G4})", "remission (%)",
                [.. shown.Select(s => new PanelCurve(s.Label, [.. s.C.RemissionShare.Select(x => 100 * x)])), new PanelCurve("target", target) { Width = 1 }]),
        };
        PanelFigure.Save(path, $"{spec.Name}: predicted cohort course (N = {r.Problem.CohortSize}; sessions in brackets)", times, panels);
    }

    /// <summary>A legend-sized description: "6x3.5 d 56 mg; 1 w 84 mg; 2 w from 8 w" (the reference: its label, shortened).</summary>
    private static string Compact(ScheduleRegimen g) => g.LoadingCount is { } n
        ? $"{n}x{ScheduleRegimen.Time(g.LoadingSpacingHours!.Value)} {g.LoadingDose}; {ScheduleRegimen.Time(g.MaintenanceIntervalHours!.Value)} {g.MaintenanceDose}"
          + (g.StepDownFromHours is { } f ? $"; {ScheduleRegimen.Time(g.StepDownIntervalHours!.Value)} from {ScheduleRegimen.Time(f)}" : "")
        : g.Label.StartsWith("label:", StringComparison.Ordinal) ? "label schedule, 56 mg" : Short(g.Label, 40);

    private static string Short(string label, int max = 70) => label.Length > max ? label[..(max - 3)] + "..." : label;
    private static JsonArray Array(IReadOnlyList<double> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(Math.Round(v, 9)))]);
    private static JsonNode? Round(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
    private static string F(double v) => double.IsFinite(v) ? Math.Round(v, 6).ToString("R", CultureInfo.InvariantCulture) : "";
    private static string B(bool b) => b ? "true" : "false";
    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
