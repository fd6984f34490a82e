using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetaSim.Biology.Calibration;
using KetaSim.IO.Calibration;

namespace KetaSim.Cli;

internal static class ValidateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: table (for people) or json ({\"checks\":[...],\"passed\":N,\"failed\":N,\"pending\":[...]}).",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("validate",
            "Run every calibration target implemented so far (embedded data/calibration/targets.yaml) and compare simulated with published values. " +
            "Exit 0 only if all pass, 1 if any fails; targets without an evaluator yet are listed as pending.")
        {
            format,
        };
        command.SetAction(parse => Program.Guard(stderr, () =>
        {
            var results = CalibrationRun.Evaluate(TargetsReader.ReadEmbedded(), extraSets: [new TrialCalibration(), new SuicidalityCalibration(), new WeeksCalibration()]);
            var checks = results.Where(r => r.Status != CalibrationStatus.Pending).ToArray();
            var pending = results.Where(r => r.Status == CalibrationStatus.Pending).Select(r => r.Id).ToArray();
            int passed = checks.Count(r => r.Passed), failed = checks.Length - passed;
            if (parse.GetValue(format) == "json") WriteJson(stdout, checks, pending, passed, failed);
            else WriteTable(stdout, checks, pending, passed, failed);
            return failed == 0 ? Program.Ok : Program.Fault;
        }));
        return command;
    }

    /// <summary>"150-220 ng/mL", "<= 0.8", ">= 30 %".</summary>
    public static string Tolerance(CalibrationResult r)
    {
        string unit = r.Unit is "" or "1" ? "" : " " + r.Unit;
        return (r.Lower, r.Upper) switch
        {
            ({ } lo, { } hi) => $"{F(lo)}-{F(hi)}{unit}",
            ({ } lo, null) => $">= {F(lo)}{unit}",
            (null, { } hi) => $"<= {F(hi)}{unit}",
            _ => r.Kind == CalibrationTarget.BandKind ? "" : r.Kind,
        };
    }

    private static void WriteJson(TextWriter stdout, IReadOnlyList<CalibrationResult> checks, string[] pending, int passed, int failed)
    {
        var array = new JsonArray();
        foreach (var r in checks)
        {
            array.Add(new JsonObject
            {
                ["id"] = r.Id,
                ["observable"] = r.Observable,
                ["target"] = r.Target,
                ["simulated"] = r.SimulatedText is { } text ? JsonValue.Create(text)
                    : r.Simulated is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null,
                ["unit"] = r.Unit,
                ["tolerance"] = Tolerance(r),
                ["pass"] = r.Passed,
            });
        }
        var doc = new JsonObject
        {
            ["checks"] = array,
            ["passed"] = passed,
            ["failed"] = failed,
            ["pending"] = new JsonArray(pending.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        };
        stdout.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void WriteTable(TextWriter stdout, IReadOnlyList<CalibrationResult> checks, string[] pending, int passed, int failed)
    {
        string[] header = ["id", "observable", "target", "simulated", "tolerance", "pass"];
        var rows = checks.Select(r => new[]
        {
            r.Id, Clip(r.Observable, 40), Clip(r.Target, 36),
            r.SimulatedText is { } text ? Clip(text, 60)
                : r.Simulated is { } v ? $"{F(v)}{(r.Unit is "" or "1" ? "" : " " + r.Unit)}" : "-",
            Tolerance(r), r.Passed ? "PASS" : "FAIL",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        stdout.WriteLine(Line(header));
        stdout.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var r in rows) stdout.WriteLine(Line(r));
        stdout.WriteLine();
        stdout.WriteLine($"{passed} passed, {failed} failed, {pending.Length} pending");
        if (pending.Length > 0) stdout.WriteLine($"pending (not implemented yet): {string.Join(", ", pending)}");
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 3)] + "...";

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
