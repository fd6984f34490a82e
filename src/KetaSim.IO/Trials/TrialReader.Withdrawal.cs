using System.Globalization;
using KetaSim.IO.Input;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Trials;

public static partial class TrialReader
{
    private sealed partial class Context
    {
        /// <summary>The <c>withdrawal:</c> block (docs/trial-format.md, "randomised withdrawal").</summary>
        private static WithdrawalDesign? ReadWithdrawal(MapNode root, IReadOnlyList<double> visits, double duration, List<ReadArm> arms)
        {
            if (root.Map("withdrawal", WithdrawalKeys) is not { } m) return null;
            string F(double h) => Format.Hours(h);
            double at = m.RequireQuantity("randomise_at", Units.Time).InBaseUnit;
            if (!(at > 0 && at < duration))
                throw m.Error("randomise_at", "randomisation must fall inside the trial", $"0 h < randomise_at < the duration, {F(duration)}");
            int stable = 2;
            if (m.Get("stable_visits") is { } sv)
            {
                var t = m.Input.Scalar(sv, m.Child("stable_visits"), "a whole number >= 1");
                if (!int.TryParse(t.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out stable) || stable < 1 || stable > 100)
                    throw m.Error("stable_visits", "not a whole number from 1 to 100", "a whole number >= 1, e.g. 2");
            }
            int before = visits.Count(v => v <= at);
            if (before < stable)
                throw m.Error("stable_visits", $"{stable} stable visit(s) are needed at or before randomisation ({F(at)}), but {before} visit(s) fall there",
                    $"at most {before}, or more visits before {F(at)}");
            if (before == visits.Count)
                throw m.Error("randomise_at", $"no visit comes after randomisation ({F(at)}), so relapse cannot be observed", $"visits after {F(at)}");
            if (arms.Count < 2)
                throw m.Error("randomise_at", "a randomised withdrawal needs at least two arms (e.g. continue and stop)", "two or more arms");
            var first = arms[0].Arm;
            for (int a = 1; a < arms.Count; a++)
            {
                var arm = arms[a].Arm;
                var diff = TrialRegimen.FirstDifferenceBefore(first.RegimenTemplate, arm.RegimenTemplate, at);
                if (diff is null && arm.TreatmentResistant != first.TreatmentResistant) diff = "the treatment-resistance override (patient.trd) differs";
                if (diff is not null)
                    throw arms[a].Map.Error(arms[a].Map.Has("doses") ? "doses" : "name",
                        $"the open-label phase must be the same in every arm before randomisation ({F(at)}), but arm '{arm.Name}' differs from arm '{first.Name}': {diff}",
                        "identical doses, placebo context, patient, dose-hold rule and parameters in every arm before randomise_at; arms may differ only from randomisation on");
            }
            return new WithdrawalDesign(at, stable);
        }
    }
}
