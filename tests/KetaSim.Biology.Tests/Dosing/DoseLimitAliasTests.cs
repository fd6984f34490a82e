using KetaSim.Biology.Dosing;
using KetaSim.Biology.Pharmacokinetics;
using KetaSim.Biology.Scenarios;
using Xunit;

namespace KetaSim.Biology.Tests.Dosing;

public class DoseLimitAliasTests
{
    /// <summary>Every name the PK library accepts gets the limit of the substance its model simulates.</summary>
    [Fact]
    public void Every_library_name_has_the_dose_limit_of_its_substance()
    {
        foreach (string name in PkLibrary.Names)
            foreach (var species in new[] { Species.Human, Species.Mouse })
            {
                IPkModule module;
                try { module = PkLibrary.Get(name, species); }
                catch (ArgumentException) { continue; } // no model of this compound for this species
                foreach (var route in module.Routing.SupportedRoutes)
                    Assert.Same(DoseLimits.For(module.Compound, route), DoseLimits.For(name, route));
            }
    }

    [Fact]
    public void The_racemic_alias_is_held_to_the_ketamine_limit_not_the_generic_one()
    {
        Assert.Equal(10, DoseLimits.For("racemic-ketamine", Route.IvInfusion).Max);
        Assert.NotSame(DoseLimits.Generic, DoseLimits.For("racemic-ketamine", Route.IvInfusion));
    }
}
