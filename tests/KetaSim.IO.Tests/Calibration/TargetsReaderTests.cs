using KetaSim.IO.Calibration;
using KetaSim.IO.Input;

namespace KetaSim.IO.Tests.Calibration;

public class TargetsReaderTests
{
    [Fact]
    public void Embedded_targets_parse_with_bands_and_qualitative_kinds()
    {
        var targets = TargetsReader.ReadEmbedded();
        var pk1 = Assert.Single(targets, t => t.Id == "PK-1/Cmax");
        Assert.Equal((150.0, 220.0, "ng/mL"), (pk1.Lower!.Value, pk1.Upper!.Value, pk1.Unit));
        Assert.Contains(targets, t => t.Kind != "band");
        Assert.Equal(targets.Count, targets.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void A_band_without_bounds_is_rejected_with_its_line()
    {
        var e = Assert.Throws<InputException>(() => TargetsReader.Read("t.yaml", """
            targets:
              - id: X-1
                group: PK
                scenario: s
                observable: o
                target: t
                unit: h
                source: src
            """));
        Assert.Equal(2, e.Line);
        Assert.Equal("targets[0].lower", e.Field);
    }
}
