using KetaSim.IO.Input;

namespace KetaSim.IO.Tests.Input;

public class NearestNameTests
{
    [Theory]
    [InlineData("dose", "doses")]
    [InlineData("ammount", "amount")]
    [InlineData("Duraton", "duration")]
    public void Suggests_the_closest_key(string typo, string expected) =>
        Assert.Equal(expected, NearestName.Find(typo, ["doses", "amount", "duration", "route"]));

    [Fact]
    public void Suggests_nothing_for_unrelated_words() =>
        Assert.Null(NearestName.Find("banana", ["doses", "amount", "duration"]));
}
