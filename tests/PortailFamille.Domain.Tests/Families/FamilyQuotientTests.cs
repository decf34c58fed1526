using CsCheck;
using PortailFamille.Domain.Families;

namespace PortailFamille.Domain.Tests.Families;

public class FamilyQuotientTests
{
    [Fact]
    public void Compute_TheExample_1083Euros33With2Parts_GivesAQuotientOf542()
    {
        Assert.Equal(542, FamilyQuotient.Compute(1083.33m, 2m));
    }

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(1, 2.5)]
    [InlineData(2, 3.0)]
    [InlineData(3, 4.0)]
    [InlineData(4, 5.0)]
    [InlineData(5, 6.0)]
    public void Parts_Are2ForTheParents_PlusHalfForEachOfTheFirstTwoChildren_AndOneFromTheThird(int dependentChildren, double expected)
    {
        Assert.Equal((decimal)expected, FamilyQuotient.Parts(dependentChildren));
    }

    [Fact]
    public void Parts_WithANegativeNumberOfChildren_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FamilyQuotient.Parts(-1));
    }

    [Fact]
    public void Compute_ExactlyHalfway_RoundsUp()
    {
        Assert.Equal(543, FamilyQuotient.Compute(1085m, 2m));
        Assert.Equal(542, FamilyQuotient.Compute(1083m, 2m));
    }

    [Fact]
    public void Compute_JustBelowHalfway_RoundsDown()
    {
        Assert.Equal(541, FamilyQuotient.Compute(1082.99m, 2m));
    }

    [Fact]
    public void Compute_WithResourcesOfZero_IsZero()
    {
        Assert.Equal(0, FamilyQuotient.Compute(0m, 3m));
    }

    [Fact]
    public void Compute_WithHalfParts_DividesByTheExactNumberOfParts()
    {
        Assert.Equal(1000, FamilyQuotient.Compute(2500m, 2.5m));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(-2.5)]
    public void Compute_WithZeroOrNegativeParts_Throws(double parts)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FamilyQuotient.Compute(1083.33m, (decimal)parts));
    }

    [Fact]
    public void Compute_WithNegativeResources_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FamilyQuotient.Compute(-0.01m, 2m));
    }

    [Fact]
    public void Compute_IsNeverMoreThanHalfAUnitAwayFromTheExactQuotient()
    {
        var cents = Gen.Long[0, 10_000_000];
        var halfParts = Gen.Int[2, 40];
        Gen.Select(cents, halfParts).Sample((amountInCents, numberOfHalfParts) =>
        {
            var resources = amountInCents / 100m;
            var parts = numberOfHalfParts / 2m;
            var exact = resources / parts;

            var quotient = FamilyQuotient.Compute(resources, parts);

            Assert.True(Math.Abs(quotient - exact) <= 0.5m, $"{resources} / {parts} = {exact} gave {quotient}.");
            if (Math.Abs(quotient - exact) == 0.5m)
            {
                Assert.True(quotient > exact, $"{resources} / {parts} = {exact} was rounded down to {quotient}.");
            }
        });
    }
}
