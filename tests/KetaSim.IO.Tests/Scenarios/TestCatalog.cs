using KetaSim.Biology.Dosing;
using KetaSim.IO.Scenarios;

namespace KetaSim.IO.Tests.Scenarios;

/// <summary>A fixed vocabulary so reader tests do not depend on which PK models exist yet.</summary>
internal static class TestCatalog
{
    public static ScenarioCatalog Catalog { get; } = new(
        new Dictionary<string, IReadOnlyCollection<Route>>
        {
            ["ketamine"] = [Route.IvBolus, Route.IvInfusion, Route.Intraperitoneal],
            ["esketamine"] = [Route.Intranasal],
            ["escitalopram"] = [Route.Oral],
        },
        _ => ["ketamine_plasma_ng_per_ml", "norketamine_plasma_ng_per_ml"],
        _ => ["CL_S", "V1"])
    {
        KnockoutsFor = _ => ["NMDA@SST", "MOR@SST", "KOR@SST", "NMDA@Pyr", "SERT@raphe"],
    };

    public static ScenarioReader Reader { get; } = new(Catalog);

    public const string Valid = """
        name: ketamine-iv
        description: test
        subject: { species: human, weight: 70 kg, age: 45 y, sex: male }
        duration: 24 h
        output:
          step: 5 min
          observables: [ketamine_plasma_ng_per_ml]
        doses:
          - drug: ketamine
            route: iv-infusion
            amount: 0.5 mg/kg
            duration: 40 min
            schedule: once
        solver: { rtol: 1e-6, atol: 1e-9 }
        parameters: { CL_S: 90 }
        """;
}
