using System.Text.Json.Nodes;
using KetaSim.Biology.Validity;

namespace KetaSim.IO.Output;

/// <summary>The <c>warnings</c> array of summary.json and compare.json: one object per validity-domain warning (docs/validity.md).</summary>
public static class WarningsJson
{
    /// <summary>[{code, message, time_h (null for the whole run), parameter (override warnings only)}] in the checker's order.</summary>
    public static JsonArray Build(IEnumerable<ValidityWarning> warnings) =>
        new([.. warnings.Select(w =>
        {
            var o = new JsonObject
            {
                ["code"] = w.Code,
                ["message"] = w.Message,
                ["time_h"] = w.TimeHours is { } t && double.IsFinite(t) ? JsonValue.Create(t) : null,
            };
            if (w.Parameter is { } p) o["parameter"] = p;
            return (JsonNode)o;
        })]);
}
