using KetaSim.IO.Input;
using KetaSim.Population.Trials;

namespace KetaSim.IO.Trials;

public static partial class TrialReader
{
    public static readonly string[] SuicidalityKeys = ["item10_max", "cgi_ss_r_max"];

    private sealed partial class Context
    {
        /// <summary>
        /// <c>endpoints.suicidality</c> (docs/trial-format.md, "suicidality"): rate MADRS item 10 and the CGI-SS-r style
        /// severity at every visit; thresholds for "item 10 at most" and "resolved". Parallel-arm trials only.
        /// </summary>
        private static SuicidalityEndpoints? ReadSuicidality(MapNode root)
        {
            if (root.Map("endpoints", EndpointKeys) is not { } endpoints || endpoints.Map("suicidality", SuicidalityKeys) is not { } m) return null;
            foreach (var design in new[] { "phases", "withdrawal", "safety" })
                if (root.Has(design))
                    throw endpoints.Error("suicidality", $"suicidality endpoints are rated in parallel-arm trials only, and this trial has {design}",
                        "endpoints.suicidality in a trial without phases, withdrawal or a safety block");
            const string allowed = "a whole number of points from 0 to 5 (1: no more than fleeting thoughts, resolved)";
            double Threshold(string key)
            {
                if (m.Number(key, allowed) is not { } v) return 1;
                if (!(v >= 0 && v <= 5) || v != Math.Floor(v)) throw m.Error(key, "out of range", allowed);
                return v;
            }
            return new SuicidalityEndpoints(Threshold("item10_max"), Threshold("cgi_ss_r_max"));
        }
    }
}
