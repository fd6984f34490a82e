using KetaSim.IO.Input;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Trials;

/// <summary>The <c>safety:</c> block (docs/trial-format.md, "safety"): per-session safety endpoints and their thresholds.</summary>
public static partial class TrialReader
{
    public static readonly string[] SafetyKeys =
    [
        "sbp_rise_mmhg", "dbp_rise_mmhg", "sbp_max_mmhg", "dbp_max_mmhg", "window", "variability", "resting_sbp_max_mmhg", "resting_dbp_max_mmhg",
    ];

    private sealed partial class Context
    {
        private static TrialSafety? ReadSafety(MapNode root)
        {
            if (root.Get("safety") is null) return null;
            // "safety: true" (or an empty map) asks for the label's thresholds.
            if (root.Get("safety") is YamlDotNet.RepresentationModel.YamlScalarNode)
            {
                if (root.Bool("safety") is true) return new TrialSafety();
                throw root.Error("safety", "not a safety block", "true, or a map with " + string.Join(", ", SafetyKeys));
            }
            var m = root.Map("safety", SafetyKeys)!;
            var s = new TrialSafety();
            double Mmhg(string key, double lo, double hi, double fallback, string what)
            {
                if (m.Number(key, $"{what}, mmHg") is not { } v) return fallback;
                if (!(v >= lo && v <= hi)) throw m.Error(key, "out of range", $"{lo} <= {key} <= {hi} ({what}, mmHg)");
                return v;
            }
            s = s with
            {
                SystolicRiseMmHg = Mmhg("sbp_rise_mmhg", 1, 150, s.SystolicRiseMmHg, "a systolic rise from pre-dose that counts, e.g. 40"),
                DiastolicRiseMmHg = Mmhg("dbp_rise_mmhg", 1, 100, s.DiastolicRiseMmHg, "a diastolic rise from pre-dose that counts, e.g. 25"),
                SystolicAbsoluteMmHg = Mmhg("sbp_max_mmhg", 90, 300, s.SystolicAbsoluteMmHg, "a systolic peak that counts, e.g. 180"),
                DiastolicAbsoluteMmHg = Mmhg("dbp_max_mmhg", 50, 200, s.DiastolicAbsoluteMmHg, "a diastolic peak that counts, e.g. 110"),
                RestingSystolicMaxMmHg = m.Has("resting_sbp_max_mmhg") ? Mmhg("resting_sbp_max_mmhg", 100, 200, 0, "the highest resting systolic BP enrolled, e.g. 140") : null,
                RestingDiastolicMaxMmHg = m.Has("resting_dbp_max_mmhg") ? Mmhg("resting_dbp_max_mmhg", 60, 120, 0, "the highest resting diastolic BP enrolled, e.g. 90") : null,
                BetweenPatientVariability = m.Bool("variability") ?? true,
            };
            if (m.Quantity("window", Units.Time) is { } w)
            {
                double h = w.InBaseUnit;
                if (!(h >= 0.25 && h <= 24)) throw m.Error("window", "out of range", "15 min <= window <= 24 h (how long after a dose its peaks are looked for; 4 h covers the BP rise)");
                s = s with { WindowHours = h };
            }
            return s;
        }
    }
}
